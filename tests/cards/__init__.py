"""Tests of the explanation cards (journal.cards)."""
