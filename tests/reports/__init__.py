"""Tests of the reports (journal.reports) and the report use case."""
