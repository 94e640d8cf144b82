"""The encrypted journal file on real SQLCipher files: creation, refusal, locking, re-keying."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
import sqlcipher3

from journal.services import JournalService
from journal.storage import create_journal, open_journal
from journal.storage.errors import (
    AlreadyExists,
    JournalInUse,
    JournalMissing,
    NewerJournal,
    NotAJournal,
)
from tests.helpers import MARKER, PASSPHRASE, draft, file_digest, folder_bytes


@pytest.fixture
def journal(journal_path: Path) -> Path:
    create_journal(journal_path, PASSPHRASE)
    return journal_path


def _add_marker(path: Path, passphrase: str = PASSPHRASE) -> str:
    service = JournalService.open(path, passphrase)
    try:
        return service.add_episode(draft(notes=f"note {MARKER}")).id
    finally:
        service.close()


def test_created_file_and_folder_are_private(journal: Path) -> None:
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.parent.stat().st_mode) == 0o700
    leftovers = [p.name for p in journal.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_no_plaintext_on_disk_and_stock_client_reads_it(journal: Path) -> None:
    _add_marker(journal)
    assert MARKER.encode() not in folder_bytes(journal.parent)
    assert b"SQLite format 3" not in journal.read_bytes()[:16]
    # A stock SQLCipher 4 client with only the passphrase reads the marker back.
    conn = sqlcipher3.connect(str(journal))
    conn.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    notes = [row[0] for row in conn.execute("SELECT notes FROM episode")]
    conn.close()
    assert notes == [f"note {MARKER}"]


def test_cipher_settings_are_sqlcipher4_defaults(journal: Path) -> None:
    store = open_journal(journal, PASSPHRASE)
    try:
        conn = store._require()
        assert conn.execute("PRAGMA kdf_iter").fetchone()[0] == "256000"
        assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "4096"
        assert conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
        assert conn.execute("PRAGMA cipher_kdf_algorithm").fetchone()[0] == "PBKDF2_HMAC_SHA512"
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        store.close()


@pytest.mark.parametrize(
    "passphrase", ["it's", 'say "hi"', "a;b; DROP TABLE episode;--", "x" * 1000, "ünï ☂ 🔑"]
)
def test_awkward_passphrases_work(journal_path: Path, passphrase: str) -> None:
    create_journal(journal_path, passphrase)
    _add_marker(journal_path, passphrase)
    with pytest.raises(NotAJournal):
        open_journal(journal_path, passphrase[:-1] or "y")
    open_journal(journal_path, passphrase).close()


def test_wrong_passphrase_is_refused_and_file_unchanged(journal: Path) -> None:
    before = file_digest(journal)
    with pytest.raises(NotAJournal, match="Wrong passphrase or damaged file"):
        open_journal(journal, "not it")
    assert file_digest(journal) == before


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in (5000, 5001, 9000):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _flip_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[20] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate, _flip, _flip_header])
def test_damaged_file_is_refused_unchanged(journal: Path, damage: object) -> None:
    _add_marker(journal)
    damage(journal)  # type: ignore[operator]
    before = file_digest(journal)
    with pytest.raises(NotAJournal):
        open_journal(journal, PASSPHRASE)
    assert file_digest(journal) == before


def test_plain_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = file_digest(plain)
    with pytest.raises(NotAJournal):
        open_journal(plain, PASSPHRASE)
    assert file_digest(plain) == before


def test_foreign_sqlcipher_database_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlcipher3.connect(str(foreign))
    conn.execute("PRAGMA key = 'pw'")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = file_digest(foreign)
    with pytest.raises(NotAJournal, match="not a Health Journal"):
        open_journal(foreign, "pw")
    assert file_digest(foreign) == before


def test_empty_and_missing_files_are_refused_never_created(tmp_path: Path) -> None:
    empty = tmp_path / "empty.hj"
    empty.touch()
    with pytest.raises(NotAJournal, match="empty"):
        open_journal(empty, PASSPHRASE)
    assert empty.stat().st_size == 0
    missing = tmp_path / "missing.hj"
    with pytest.raises(JournalMissing):
        open_journal(missing, PASSPHRASE)
    assert not missing.exists()


def test_create_never_overwrites(tmp_path: Path) -> None:
    existing = tmp_path / "x.hj"
    existing.write_bytes(b"")
    with pytest.raises(AlreadyExists):
        create_journal(existing, PASSPHRASE)
    assert existing.read_bytes() == b""


def test_second_open_is_refused_until_closed(journal: Path) -> None:
    store = open_journal(journal, PASSPHRASE)
    try:
        with pytest.raises(JournalInUse):
            open_journal(journal, PASSPHRASE)
    finally:
        store.close()
    open_journal(journal, PASSPHRASE).close()


def test_newer_schema_is_refused_unchanged(journal: Path) -> None:
    conn = sqlcipher3.connect(str(journal))
    conn.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = file_digest(journal)
    with pytest.raises(NewerJournal, match="newer version"):
        open_journal(journal, PASSPHRASE)
    assert file_digest(journal) == before


def test_change_passphrase_keeps_data(journal: Path) -> None:
    episode_id = _add_marker(journal)
    store = open_journal(journal, PASSPHRASE)
    store.change_passphrase("brand new")
    store.close()
    with pytest.raises(NotAJournal):
        open_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, "brand new")
    try:
        assert service.episode(episode_id).notes == f"note {MARKER}"
        assert service.check() == []
    finally:
        service.close()
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert [p for p in journal.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_backup_is_an_encrypted_copy_and_never_overwrites(journal: Path, tmp_path: Path) -> None:
    episode_id = _add_marker(journal)
    target = tmp_path / "backups" / "copy.hj"
    service = JournalService.open(journal, PASSPHRASE)
    try:
        service.backup(target)
        with pytest.raises(AlreadyExists):
            service.backup(target)
    finally:
        service.close()
    assert MARKER.encode() not in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = JournalService.open(target, PASSPHRASE)
    try:
        assert copy.episode(episode_id).notes == f"note {MARKER}"
    finally:
        copy.close()
