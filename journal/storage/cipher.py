"""Raw SQLCipher connections: keying, the asserted cipher settings, and the safety pragmas.

The passphrase only ever travels as a quoted SQL literal on this connection: never in a
URL, a log line or an exception text (errors raised here carry fixed sentences).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3

from journal.storage.errors import (
    WRONG_PASSPHRASE,
    DamagedJournal,
    StorageFailure,
    WrongPassphrase,
)

# SQLCipher 4 defaults: any stock SQLCipher 4 client opens the file with the passphrase alone.
EXPECTED_CIPHER = {
    "kdf_iter": "256000",
    "cipher_page_size": "4096",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}
EXPECTED_PRAGMAS = {
    "temp_store": ("MEMORY", "2"),  # never spill plaintext temp tables to disk
    "secure_delete": ("ON", "1"),  # deleted rows are zeroed, not left in free pages
    "synchronous": ("FULL", "2"),  # a reported commit survives a power cut
    "foreign_keys": ("ON", "1"),
}

Connection = Any  # sqlcipher3 ships no type information

PAGE_SIZE = 4096
DAMAGED = (
    "The journal file is damaged (the passphrase is right); restore a backup "
    "('health-journal check' tells more)."
)
# SQLCipher takes a key of this form as raw key bytes and skips key derivation entirely.
RAW_KEY = re.compile(r"^\s*x'[0-9a-f]*'\s*$", re.IGNORECASE)
_NOT_A_DATABASE = 26  # SQLITE_NOTADB: the first page did not verify under this key
_CORRUPT = 11  # SQLITE_CORRUPT: "database disk image is malformed"
_CORRUPT = 11  # SQLITE_CORRUPT: "database disk image is malformed"


def quote_literal(text: str) -> str:
    """``text`` as an SQL string literal (single quotes doubled)."""
    if "\x00" in text:
        raise ValueError("a passphrase cannot contain a NUL character")
    return "'" + text.replace("'", "''") + "'"


def connect(path: Path, passphrase: str, *, read_only: bool = False) -> Connection:
    """Open and key ``path``, check the key and settings, apply the pragmas.

    Raises ``WrongPassphrase`` for a wrong passphrase, a damaged header or a foreign file,
    ``DamagedJournal`` when the first page verifies but the rest does not. ``read_only``
    opens the file so that nothing can be written to it (read-only media).
    """
    try:
        if read_only:
            uri = "file:" + quote(str(path.absolute())) + "?mode=ro"
            conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error:
        raise StorageFailure(f"Cannot open {path.name}.") from None
    try:
        # SQLCipher logs decryption failures to stderr by default; the app reports them itself.
        conn.execute("PRAGMA cipher_log_level = NONE")
        key(conn, passphrase)
        _check_readable(conn)
        apply_pragmas(conn, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return conn


def key_opens_first_page(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` verifies the first page of ``path``, tried on a private copy.

    Used before a connection that could roll a ``-journal`` back into the file: the copy
    holds the (encrypted) first page only, so nothing beside the journal is read or written.
    """
    with open(path, "rb") as source:
        first = source.read(PAGE_SIZE)
    with tempfile.TemporaryDirectory(prefix="health-journal-") as folder:
        copy = Path(folder) / "first-page"
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, first)
        finally:
            os.close(fd)
        conn = sqlcipher3.connect(str(copy), isolation_level=None)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            key(conn, passphrase)
            conn.execute("PRAGMA user_version").fetchone()
        except sqlcipher3.DatabaseError as error:
            return _error_code(error) != _NOT_A_DATABASE
        finally:
            conn.close()
    return True


def key(conn: Connection, passphrase: str) -> None:
    conn.execute(f"PRAGMA key = {quote_literal(passphrase)}")


def _check_readable(conn: Connection) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        raise damage_or_wrong_key(error) from None


def damage_or_wrong_key(error: BaseException) -> WrongPassphrase | DamagedJournal:
    """A read failure: the key is wrong unless the first page verified (then it is damage).

    SQLCipher checks every page's HMAC; "not a database" means page 1 did not verify,
    while "malformed" (a bad or missing later page) means page 1, so the key, was right.
    """
    if _error_code(error) == _CORRUPT:
        return DamagedJournal(DAMAGED)
    return WrongPassphrase(WRONG_PASSPHRASE)


def _error_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()
    if "malformed" in text:
        return _CORRUPT
    return _NOT_A_DATABASE if "not a database" in text else None


def apply_pragmas(conn: Connection, *, read_only: bool = False) -> None:
    """Set and then assert every setting the spec requires, on every connection."""
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = DELETE")
    for name, expected in EXPECTED_CIPHER.items():
        value = str(conn.execute(f"PRAGMA {name}").fetchone()[0])
        if value.upper() != expected.upper():
            raise StorageFailure(f"Unexpected cipher setting {name}={value}; refusing to continue.")
    for name, accepted in EXPECTED_PRAGMAS.items():
        value = str(conn.execute(f"PRAGMA {name}").fetchone()[0]).upper()
        if value not in accepted:
            raise StorageFailure(f"Could not set {name}; refusing to continue.")


def quick_check(conn: Connection) -> list[str]:
    """SQLite's quick integrity check; an empty list means sound."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlcipher3.DatabaseError:
        return ["the file is damaged"]
    problems = [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
    return problems


def full_check(conn: Connection) -> list[str]:
    """Every page's HMAC (SQLCipher), SQLite's full integrity check, foreign keys."""
    problems: list[str] = []
    try:
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        problems += [
            str(r[0])
            for r in conn.execute("PRAGMA integrity_check").fetchall()
            if str(r[0]).lower() != "ok"
        ]
        problems += [
            f"broken reference in table {r[0]}"
            for r in conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
    except sqlcipher3.DatabaseError:
        problems.append("the file is damaged")
    return problems


def export_copy(conn: Connection, target: Path, passphrase: str, *, uri: bool = False) -> None:
    """Write an encrypted copy of the open database to ``target`` (which must be new and empty).

    ``sqlcipher_export`` copies schema and rows into an attached database keyed with
    ``passphrase``; the copy gets default SQLCipher 4 settings. ``uri``: the connection was
    opened read-only by URI, so the copy is named by a URI that asks for writing.
    """
    name = str(target)
    if uri:
        name = "file:" + quote(str(target.absolute())) + "?mode=rw"
    conn.execute(f"ATTACH DATABASE {quote_literal(name)} AS copy KEY {quote_literal(passphrase)}")
    try:
        conn.execute("SELECT sqlcipher_export('copy')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE copy")
