"""A failed unlock changes nothing, and the journal's companion names are never written to.

A real hot rollback journal is made by copying a journal and its ``-journal`` in the middle
of a transaction whose changes have already spilled into the file: exactly what a power
cut leaves. SQLite plays such a journal back at the first read; that must not happen
under a wrong passphrase, and a file that merely carries the ``-journal`` name must not
be consumed at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from journal.storage.cipher import quote_literal
from journal.storage.errors import StorageFailure, WrongPassphrase
from tests.helpers import MARKER, PASSPHRASE, draft, file_digest


def _filled(folder: Path) -> Path:
    journal = folder / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        for index in range(60):
            service.add_episode(draft(notes=f"{MARKER} {index} " + "x" * 2000))
    finally:
        service.close()
    return journal


def _hot_copy(journal: Path, into: Path) -> Path:
    """A copy of ``journal`` caught mid-transaction: changed pages in it, a hot -journal."""
    conn = sqlcipher3.connect(str(journal), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {quote_literal(PASSPHRASE)}")
        conn.execute("PRAGMA cache_size = 2")  # spill changed pages into the file early
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE episode SET notes = 'overwritten ' || notes")
        companion = journal.with_name(journal.name + "-journal")
        assert companion.stat().st_size > 0
        copy = into / journal.name
        shutil.copyfile(journal, copy)
        shutil.copyfile(companion, copy.with_name(copy.name + "-journal"))
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    return copy


def test_a_wrong_passphrase_does_not_play_back_a_hot_journal(tmp_path: Path) -> None:
    original = _filled(tmp_path)
    hot_folder = tmp_path / "hot"
    hot_folder.mkdir()
    hot = _hot_copy(original, hot_folder)
    companion = hot.with_name(hot.name + "-journal")
    before = (file_digest(hot), file_digest(companion))
    with pytest.raises(WrongPassphrase):
        JournalService.open(hot, "not the passphrase")
    assert companion.exists(), "the rollback journal was consumed by a failed unlock"
    assert (file_digest(hot), file_digest(companion)) == before, "a failed unlock wrote"
    # With the right passphrase the interrupted transaction is rolled back: all is as before.
    service = JournalService.open(hot, PASSPHRASE)
    try:
        notes = [e.notes for e in service.episodes()]
        assert len(notes) == 60 and all(n.startswith(MARKER) for n in notes)
        assert service.check() == []
    finally:
        service.close()
    assert not companion.exists()


def test_a_file_named_like_the_rollback_journal_is_not_consumed(tmp_path: Path) -> None:
    journal = _filled(tmp_path)
    mine = journal.with_name(journal.name + "-journal")
    mine.write_text("my own notes, saved under an unlucky name\n")
    before = file_digest(journal)
    with pytest.raises(StorageFailure, match="not its rollback journal"):
        JournalService.open(journal, PASSPHRASE)
    assert mine.read_text() == "my own notes, saved under an unlucky name\n"
    assert file_digest(journal) == before


@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm", ".lock"])
def test_outputs_never_take_a_companion_name(tmp_path: Path, suffix: str) -> None:
    journal = _filled(tmp_path)
    before = file_digest(journal)
    target = journal.with_name(journal.name + suffix)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    for words in (["export", "-o", str(target)], ["backup", str(target)]):
        done = subprocess.run(
            [sys.executable, "-m", "journal", "--journal", str(journal), *words],
            input="",
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "working file" in lines[0], done.stderr
        assert not target.exists()
    assert file_digest(journal) == before
