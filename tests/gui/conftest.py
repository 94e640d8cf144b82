"""GUI test setup: settings in a temporary folder, and real encrypted journals to open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from journal.domain.model import ContextEntry, EpisodeDraft, Period
from journal.domain.vocabulary import Amount, Colour, Mucus, Symptom, Trigger
from tests.helpers import MARKER, PASSPHRASE


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QSettings write to a throw-away folder, never to the tester's own configuration."""
    folder = tmp_path_factory.mktemp("settings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    yield folder


def fill_journal(path: Path) -> dict[str, str]:
    """A small journal: three periods, context, and three episodes (ids by nickname)."""
    from journal.services import JournalService

    JournalService.create(path, PASSPHRASE)
    service = JournalService.open(path, PASSPHRASE)
    try:
        service.save_context(ContextEntry(since=date(2025, 1, 1)))
        for start in (date(2026, 9, 1), date(2026, 9, 29), date(2026, 10, 27)):
            service.save_period(Period(start, start + timedelta(days=4)))
        after_sex = service.add_episode(
            EpisodeDraft(
                started_at=datetime(2026, 11, 8, 23, 15),
                amount=Amount.LIGHT,
                colour=Colour.BRIGHT_RED,
                trigger=Trigger.INTERCOURSE,
                symptoms=frozenset({Symptom.VAGINAL_DRYNESS}),
                notes=f"After sex {MARKER}",
            )
        )
        mucus = service.add_episode(
            EpisodeDraft(
                started_at=date(2026, 10, 8),
                amount=Amount.SPOTTING,
                colour=Colour.BROWN,
                in_mucus=True,
                mucus=Mucus.STICKY,
                notes="brownish mucus",
            )
        )
        ovulation = service.add_episode(
            EpisodeDraft(
                started_at=date(2026, 9, 15),
                amount=Amount.SPOTTING,
                colour=Colour.PINK,
                mucus=Mucus.EGG_WHITE,
            )
        )
    finally:
        service.close()
    return {"after_sex": after_sex.id, "mucus": mucus.id, "ovulation": ovulation.id}


@pytest.fixture
def filled_journal(journal_path: Path) -> tuple[Path, dict[str, str]]:
    return journal_path, fill_journal(journal_path)
