"""Create, open, lock, re-key, back up and check a journal file.

Rules from the spec this module keeps:

* a journal is created only here, under a temporary name, and linked into place only if
  nothing is at the target; nothing is ever created over, "repaired" or recreated;
* a missing, empty (0 bytes opens with any key!), foreign or damaged file is refused;
* one connection per open journal, behind a process lock; closing disposes the engine;
* passphrase change and backup write a complete, verified copy beside the target and
  rename it into place, so a good journal is at the path at every moment.
"""

from __future__ import annotations

import contextlib
import glob
import hmac
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from journal.storage import cipher, files
from journal.storage.errors import (
    WRONG_PASSPHRASE,
    AlreadyExists,
    DamagedJournal,
    JournalMissing,
    NotAJournal,
    StorageFailure,
    WrongPassphrase,
)
from journal.storage.locking import JournalLock
from journal.storage.migrate import check_and_upgrade

MIN_PASSPHRASE = 1


def _engine_for(conn: cipher.Connection) -> Engine:
    """An engine over one already-keyed connection: no URL ever holds the passphrase."""
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,
        creator=lambda: conn,
        poolclass=StaticPool,
        hide_parameters=True,  # row data never appears in exception texts
        echo=False,
    )

    # The driver runs in autocommit mode; SQLAlchemy's transactions issue BEGIN themselves,
    # so every unit of work is one real SQLite transaction (the documented pysqlite recipe).
    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise StorageFailure("The passphrase is empty.")
    if "\x00" in passphrase:
        raise StorageFailure("The passphrase cannot contain a NUL character.")


def _refuse_unusable(path: Path) -> None:
    if not path.exists():
        raise JournalMissing(f"No journal at {path}; create one with 'health-journal init'.")
    if not path.is_file():
        raise NotAJournal(f"{path} is not a file.")
    if path.stat().st_size == 0:
        raise NotAJournal(f"{path} is empty: it is not a journal.")


def create_journal(path: Path, passphrase: str) -> None:
    """Create a new, empty journal at ``path``; refuse if anything is there already."""
    _check_passphrase(passphrase)
    path = path.expanduser()
    if path.exists() or path.is_symlink():
        raise AlreadyExists(f"Something already exists at {path}; it was left untouched.")
    try:
        files.make_private_dirs(path.parent)
        temp = files.temporary_sibling(path, "creating")
        files.create_private_file(temp)
    except OSError as error:
        raise StorageFailure(
            f"Cannot create the journal in {path.parent} ({error.strerror})."
        ) from None
    try:
        conn = cipher.connect(temp, passphrase)
        engine = _engine_for(conn)
        try:
            with engine.begin() as connection:
                check_and_upgrade(connection, is_new=True)
        finally:
            engine.dispose()
            conn.close()
        files.fsync_file(temp)
        files.place_new(temp, path)
    except FileExistsError:
        files.remove_quietly(temp)
        raise AlreadyExists(f"Something already exists at {path}; it was left untouched.") from None
    except OSError as error:
        files.remove_quietly(temp)
        raise StorageFailure(f"Cannot create the journal ({error.strerror}).") from None
    except BaseException:
        files.remove_quietly(temp)
        raise


def open_journal(path: Path, passphrase: str) -> JournalStore:
    """Unlock ``path``: lock it, key it, check it, migrate it. The caller must ``close()``."""
    path = path.expanduser()
    _refuse_unusable(path)
    lock = JournalLock(path)
    lock.acquire()
    try:
        try:
            conn = cipher.connect(path, passphrase)
        except StorageFailure:
            raise
        try:
            if cipher.quick_check(conn):
                raise DamagedJournal(
                    "The journal file is damaged; restore a backup ('health-journal check' "
                    "tells more)."
                )
            engine = _engine_for(conn)
            with engine.begin() as connection:
                check_and_upgrade(connection, is_new=False)
        except BaseException:
            conn.close()
            raise
    except sqlcipher3.DatabaseError:
        lock.release()
        raise WrongPassphrase(WRONG_PASSPHRASE) from None
    except (DBAPIError, OperationalError):
        lock.release()
        raise WrongPassphrase(WRONG_PASSPHRASE) from None
    except BaseException:
        lock.release()
        raise
    _remove_stale_copies(path)
    return JournalStore(path, passphrase, conn, engine, lock)


def _remove_stale_copies(path: Path) -> None:
    """Delete re-keyed copies a killed passphrase change left beside the journal.

    They are only ever written under the lock we now hold, so none is in progress. Left
    alone, such a copy would keep records the user deletes later, out of secure_delete's reach.
    """
    for stale in path.parent.glob(f".{glob.escape(path.name)}.rekey-*.tmp*"):
        with contextlib.suppress(OSError):
            stale.unlink()


class JournalStore:
    """An open, unlocked journal: the engine, its sessions and the lock."""

    def __init__(
        self,
        path: Path,
        passphrase: str,
        conn: cipher.Connection,
        engine: Engine,
        lock: JournalLock,
    ) -> None:
        self.path = path
        self._passphrase = passphrase
        self._conn = conn
        self._engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed (durably) on success, rolled back on any error."""
        if self._conn is None:
            raise StorageFailure("The journal is locked.")
        try:
            with self._sessions.begin() as session:
                yield session
        except (DBAPIError, OperationalError) as error:
            raise _environment_error(error) from None

    def close(self) -> None:
        """Dispose the engine, close the connection, release the lock (idempotent)."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            self._engine.dispose()
            conn.close()
        finally:
            self._lock.release()
            self._passphrase = ""

    # ------------------------------------------------------------------ maintenance

    def passphrase_matches(self, candidate: str) -> bool:
        """Whether ``candidate`` is the passphrase this journal was opened with."""
        return self._conn is not None and hmac.compare_digest(
            candidate.encode("utf-8"), self._passphrase.encode("utf-8")
        )

    def check(self) -> list[str]:
        """Full integrity check; an empty list means the journal is sound."""
        return cipher.full_check(self._require())

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt under ``new_passphrase`` via a verified copy renamed over the journal."""
        _check_passphrase(new_passphrase)
        conn = self._require()
        temp = files.temporary_sibling(self.path, "rekey")
        try:
            self._write_verified_copy(conn, temp, new_passphrase)
            self._engine.dispose()
            conn.close()
            self._conn = None
            files.replace_atomically(temp, self.path)
        except OSError as error:
            files.remove_quietly(temp)
            self._reopen(self._passphrase)
            raise StorageFailure(f"The passphrase was not changed ({error.strerror}).") from None
        except BaseException:
            files.remove_quietly(temp)
            if self._conn is None:
                self._reopen(self._passphrase)
            raise
        # Success only once a fresh connection opens the file with the new passphrase.
        self._reopen(new_passphrase)
        self._passphrase = new_passphrase

    def backup_to(self, target: Path) -> None:
        """An encrypted copy with the same passphrase, complete before it appears at ``target``."""
        target = target.expanduser()
        if target.exists() or target.is_symlink():
            raise AlreadyExists(f"{target} already exists; choose a new name for the backup.")
        if target.resolve() == self.path.resolve():
            raise AlreadyExists("A backup cannot replace the journal itself.")
        try:
            files.make_private_dirs(target.parent)
        except OSError as error:
            raise StorageFailure(f"Cannot create {target.parent} ({error.strerror}).") from None
        temp = files.temporary_sibling(target, "backup")
        try:
            try:
                self._write_verified_copy(self._require(), temp, self._passphrase)
            except StorageFailure as error:
                reason = str(error)
                raise StorageFailure(
                    f"The backup was not written: {reason[:1].lower()}{reason[1:]}"
                ) from None
            files.place_new(temp, target)
        except FileExistsError:
            files.remove_quietly(temp)
            raise AlreadyExists(
                f"{target} already exists; choose a new name for the backup."
            ) from None
        except OSError as error:
            files.remove_quietly(temp)
            raise StorageFailure(f"The backup was not written ({error.strerror}).") from None
        except BaseException:
            files.remove_quietly(temp)
            raise

    # ------------------------------------------------------------------ internals

    def _require(self) -> cipher.Connection:
        if self._conn is None:
            raise StorageFailure("The journal is locked.")
        return self._conn

    def _write_verified_copy(self, conn: cipher.Connection, temp: Path, passphrase: str) -> None:
        files.create_private_file(temp)
        try:
            cipher.export_copy(conn, temp, passphrase)
        except sqlcipher3.Error as error:
            files.remove_quietly(temp)
            raise _environment_error(error) from None
        files.fsync_file(temp)
        expected = _row_counts(conn)
        check = cipher.connect(temp, passphrase)
        try:
            problems = cipher.full_check(check)
            if problems or _row_counts(check) != expected:
                raise StorageFailure("The new copy did not verify; nothing was changed.")
        finally:
            check.close()

    def _reopen(self, passphrase: str) -> None:
        conn = cipher.connect(self.path, passphrase)
        self._conn = conn
        self._engine = _engine_for(conn)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)


def _row_counts(conn: cipher.Connection) -> dict[str, int]:
    """Rows per table: a copy must hold exactly as many as the original."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    # Table names come from the database's own catalogue, quoted as identifiers.
    return {
        t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # noqa: S608
        for t in tables
    }


def _environment_error(error: BaseException) -> StorageFailure:
    """Translate a driver error into one sentence, without its SQL or parameters."""
    text = str(getattr(error, "orig", error)).lower()
    if "full" in text:
        return StorageFailure("The disk is full; nothing was saved.")
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StorageFailure("The journal file cannot be written (read-only or no permission).")
    if "locked" in text or "busy" in text:
        return StorageFailure("The journal is busy; try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageFailure("The journal file is damaged; nothing was saved.")
    return StorageFailure("The journal could not be written; nothing was saved.")
