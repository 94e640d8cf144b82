"""The disk filling up during a write: one clear sentence, and every earlier record kept.

A small tmpfs is mounted for the journal (root only; skipped with the reason elsewhere).
Each round uses a different note size, so the write fails at a different point: growing
the rollback journal, writing pages at commit, or extending the database file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from journal.storage.errors import StorageFailure
from tests.helpers import PASSPHRASE, draft

SIZE = "2m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8): disk-full trial skipped")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({mounted.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.parametrize("note_size", [9_000, 2_500, 600])
def test_disk_full_gives_one_sentence_and_keeps_earlier_data(
    small_disk: Path, note_size: int
) -> None:
    journal = small_disk / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    saved: list[str] = []
    failure: StorageFailure | None = None
    try:
        for index in range(10_000):
            notes = f"{index} " + os.urandom(note_size).hex()[: note_size - 10]
            try:
                saved.append(service.add_episode(draft(notes=notes)).id)
            except StorageFailure as error:
                failure = error
                break
    finally:
        service.close()
    assert failure is not None, "the small disk never filled"
    assert len(saved) > 10
    message = str(failure)
    assert message == "The disk is full; nothing was saved."
    assert "\n" not in message

    # Still full: the journal must open anyway, with every saved episode, and verify.
    service = JournalService.open(journal, PASSPHRASE)
    try:
        assert sorted(e.id for e in service.episodes()) == sorted(saved)
        assert service.check() == []
    finally:
        service.close()
    assert not (small_disk / "health.journal-journal").exists()


def test_backup_onto_a_full_disk_fails_cleanly(small_disk: Path, tmp_path: Path) -> None:
    journal = tmp_path / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        for index in range(400):
            service.add_episode(draft(notes=f"{index} " + os.urandom(3000).hex()[:5990]))
        target = small_disk / "backup.journal"
        with pytest.raises(StorageFailure) as caught:
            service.backup(target)
        assert "\n" not in str(caught.value)
        print(caught.value)
        assert not target.exists()
        assert list(small_disk.iterdir()) == [], "the half-written copy was left behind"
        assert len(service.episodes()) == 400  # the open journal is unharmed and usable
        assert service.check() == []
    finally:
        service.close()


def _fill(folder: Path, leave: int) -> None:
    """Fill the small disk but ``leave`` bytes (roughly: tmpfs counts whole pages)."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_a_report_on_a_full_disk_is_not_said_to_be_written(
    small_disk: Path, tmp_path: Path, qapp: object
) -> None:
    # ``qapp``: a full QApplication for this process (the report would otherwise make a
    # QGuiApplication, and the GUI tests after this one could not create widgets).
    from journal.services.reports import write_report

    journal = tmp_path / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        for index in range(40):
            service.add_episode(draft(notes=f"{index} " + "words " * 200))
        _fill(small_disk, 16 * 1024)  # far less than the report needs
        target = small_disk / "report.pdf"
        with pytest.raises(StorageFailure) as caught:
            write_report(service, target)
        assert "disk is full" in str(caught.value) and "\n" not in str(caught.value)
        assert sorted(p.name for p in small_disk.iterdir()) == ["filler"], "a partial PDF"
        export = small_disk / "export.json"
        with pytest.raises(StorageFailure, match="disk is full"):
            service.export_to(export)
        assert sorted(p.name for p in small_disk.iterdir()) == ["filler"], "a partial export"
    finally:
        service.close()
