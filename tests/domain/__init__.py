"""Tests of the pure domain (journal.domain)."""
