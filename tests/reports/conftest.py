"""Fixtures of the report tests."""

from __future__ import annotations

import pytest

from journal.domain.model import JournalData

from .report_data import report_journal


@pytest.fixture
def data() -> JournalData:
    return report_journal()
