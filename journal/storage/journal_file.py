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
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from journal.storage import cipher, files, reading
from journal.storage.errors import (
    WRONG_PASSPHRASE,
    AlreadyExists,
    DamagedJournal,
    InvalidOutputName,
    InvalidPassphrase,
    JournalMissing,
    NotAJournal,
    ReadOnlyJournal,
    StorageFailure,
    WrongPassphrase,
)
from journal.storage.locking import JournalLock
from journal.storage.migrate import check_and_upgrade, head_revision, known_revisions

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from journal.storage.repository import Transaction

MIN_PASSPHRASE = 1
READ_ONLY = (
    "This journal is read-only here (read-only media, or a read-only file or folder): "
    "it can be listed, shown, exported, reported, checked and backed up, but not changed."
)
NEEDS_UPGRADE_READ_ONLY = (
    "This journal needs an upgrade for this version of the app, which cannot be written "
    "on read-only media; copy it to a writable place first (it was not changed)."
)
HARD_LINKED = (
    "This journal file has another name (a hard link), which would keep a copy under the "
    "old passphrase, so the passphrase was not changed; remove the other name first."
)
# The first bytes of a rollback journal SQLite would play back into the file.
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _engine_for(conn: cipher.Connection, *, read_only: bool = False) -> Engine:
    """An engine over one already-keyed connection: no URL ever holds the passphrase.

    SQLAlchemy is imported here, for the first change or an upgrade, and not before.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,
        creator=lambda: conn,
        poolclass=StaticPool,
        hide_parameters=True,  # row data never appears in exception texts
        echo=False,
    )
    begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    # The driver runs in autocommit mode; SQLAlchemy's transactions issue BEGIN themselves,
    # so every unit of work is one real SQLite transaction (the documented pysqlite recipe).
    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def check_passphrase_text(passphrase: str) -> None:
    """Refuse what cannot be a passphrase at all (for opening as for creating)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidPassphrase("The passphrase is empty.")
    if "\x00" in passphrase:
        raise InvalidPassphrase("The passphrase cannot contain a NUL character.")
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidPassphrase(
            "The passphrase is not valid UTF-8 text (check the terminal's or the "
            "environment's character encoding)."
        ) from None


def check_new_passphrase(passphrase: str) -> None:
    """The storage's hard rules for a new passphrase (strength is the services' policy)."""
    check_passphrase_text(passphrase)
    if cipher.RAW_KEY.match(passphrase):
        raise InvalidPassphrase(
            "A passphrase of the form x'…' would be taken by SQLCipher as a raw key, "
            "skipping key derivation; choose another one."
        )


def _refuse_unusable(path: Path) -> Path:
    """The journal's real path (links resolved once), or the reason it cannot be opened."""
    if not path.exists():
        raise JournalMissing(f"No journal at {path}; create one with 'health-journal init'.")
    try:
        real = path.resolve(strict=True)
        info = os.stat(real)
    except (OSError, RuntimeError):
        raise NotAJournal(f"{path} cannot be read.") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotAJournal(f"{path} is not a file.")
    if info.st_size == 0:
        raise NotAJournal(f"{path} is empty: it is not a journal.")
    return real


def is_read_only(real: Path) -> bool:
    """Whether the journal cannot be changed here: read-only media, file or folder."""
    try:
        if os.statvfs(real).f_flag & getattr(os, "ST_RDONLY", 1):
            return True
    except (OSError, AttributeError):
        pass
    return not (os.access(real, os.W_OK) and os.access(real.parent, os.W_OK | os.X_OK))


def _check_companion(real: Path, passphrase: str, read_only: bool) -> None:
    """A ``-journal`` beside the file is played back by SQLite at the first read: make sure
    it is a rollback journal and that the passphrase is right before that can happen."""
    companion = real.with_name(real.name + "-journal")
    try:
        info = os.lstat(companion)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_size == 0:
        return  # an empty journal is never played back
    head = b""
    if stat.S_ISREG(info.st_mode):
        with contextlib.suppress(OSError), open(companion, "rb") as handle:
            head = handle.read(len(_JOURNAL_MAGIC))
    if head[:1] == b"\0":
        return  # a journal SQLite had not finished starting (or zeroed): never played back
    if head != _JOURNAL_MAGIC:
        raise StorageFailure(
            f"{companion.name} beside the journal is not its rollback journal, and would be "
            "consumed when the journal opens; move it elsewhere first (nothing was changed)."
        )
    if not cipher.key_opens_first_page(real, passphrase):
        raise WrongPassphrase(WRONG_PASSPHRASE)
    if read_only:
        raise ReadOnlyJournal(
            "The journal was interrupted in the middle of a change and is read-only here, "
            "so the change cannot be rolled back; copy the journal and its -journal file "
            "to a writable place and open it there."
        )


@contextlib.contextmanager
def _placing_new(taken: str, failed: str) -> Iterator[None]:
    """While a new file is written and put in place: a name taken meanwhile says ``taken``;
    any other refusal of the system says ``failed`` with its reason in the ``{}``."""
    try:
        yield
    except FileExistsError:
        raise AlreadyExists(taken) from None
    except OSError as error:
        raise StorageFailure(failed.format(error.strerror)) from None


def create_journal(path: Path, passphrase: str) -> None:
    """Create a new, empty journal at ``path``; refuse if anything is there already."""
    from sqlalchemy.exc import DBAPIError

    check_new_passphrase(passphrase)
    path = path.expanduser()
    taken = f"Something already exists at {path}; it was left untouched."
    if path.exists() or path.is_symlink():
        raise AlreadyExists(taken)
    try:
        files.make_private_dirs(path.parent)
    except OSError as error:
        raise StorageFailure(
            f"Cannot create the journal in {path.parent} ({error.strerror})."
        ) from None
    with files.pending_file(path, "creating") as temp:
        try:
            files.create_private_file(temp)
        except OSError as error:
            raise StorageFailure(
                f"Cannot create the journal in {path.parent} ({error.strerror})."
            ) from None
        try:
            with _placing_new(taken, "Cannot create the journal ({})."):
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
        except (DBAPIError, sqlcipher3.Error) as error:
            raise _environment_error(error) from None


def open_journal(path: Path, passphrase: str) -> JournalStore:
    """Unlock ``path``: lock it, key it, check it, migrate it. The caller must ``close()``.

    The path is resolved once: every later step (lock, connection, re-key, backup check)
    uses the real file, whatever name it was reached by. On read-only media the journal
    opens read-only. Nothing is written, and no rollback journal played back, before the
    passphrase is known to be right.
    """
    path = path.expanduser()
    check_passphrase_text(passphrase)
    real = _refuse_unusable(path)
    read_only = is_read_only(real)
    lock = JournalLock(real)
    lock.acquire()
    try:
        _check_companion(real, passphrase, read_only)
        conn = cipher.connect(real, passphrase, read_only=read_only)
        try:
            if cipher.quick_check(conn):
                raise DamagedJournal(cipher.DAMAGED)
            # A current schema is read with one query; only an upgrade (or a file that is
            # not a journal) takes the way through SQLAlchemy and Alembic.
            revision = reading.schema_revision(conn)
            engine = None
            if revision != head_revision():
                if read_only and revision in known_revisions():
                    raise ReadOnlyJournal(NEEDS_UPGRADE_READ_ONLY)
                engine = _upgraded(conn, read_only)
        except BaseException:
            conn.close()
            raise
    except sqlcipher3.DatabaseError as error:
        lock.release()
        raise cipher.damage_or_wrong_key(error) from None
    except BaseException:
        lock.release()
        raise
    if not read_only:
        _remove_stale_copies(real)
    return JournalStore(path, passphrase, conn, lock, real=real, read_only=read_only, engine=engine)


def _upgraded(conn: cipher.Connection, read_only: bool) -> Engine:
    """Bring the schema to head (or refuse the file) through Alembic: the engine it used."""
    from sqlalchemy.exc import DBAPIError

    engine = _engine_for(conn, read_only=read_only)
    try:
        with engine.begin() as connection:
            check_and_upgrade(connection, is_new=False)
    except DBAPIError as error:
        raise cipher.damage_or_wrong_key(error.orig or error) from None
    return engine


def _remove_stale_copies(path: Path) -> None:
    """Delete re-keyed copies a killed passphrase change left beside the journal.

    They are only ever written under the lock we now hold, so none is in progress. Left
    alone, such a copy would keep records the user deletes later, out of secure_delete's reach.
    """
    for stale in path.parent.glob(f".{glob.escape(path.name)}.rekey-*.tmp*"):
        with contextlib.suppress(OSError):
            stale.unlink()


class JournalStore:
    """An open, unlocked journal: its connection, the lock, and the engine of its changes.

    ``path`` is the name it was opened by (for messages); ``real_path`` the file itself,
    which every file operation uses. Reads go to the connection (``snapshot``); the
    SQLAlchemy engine is made with the first ``transaction``.
    """

    def __init__(
        self,
        path: Path,
        passphrase: str,
        conn: cipher.Connection,
        lock: JournalLock,
        *,
        real: Path | None = None,
        read_only: bool = False,
        engine: Engine | None = None,
    ) -> None:
        self.path = path
        self.real_path = real or path.resolve()
        self.read_only = read_only
        self._passphrase = passphrase
        self._conn: cipher.Connection | None = conn
        self._engine = engine
        self._changes_prepared = False
        self._lock = lock

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[cipher.Connection]:
        """The connection inside one read transaction: every read sees one state."""
        conn = self._require()
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")  # nothing was written
        except sqlcipher3.Error as error:
            raise _environment_error(error) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One unit of work: committed (durably) on success, rolled back on any error.

        The first one makes ready for changes (``prepare_changes``), unless that was done.
        """
        from sqlalchemy.exc import DBAPIError

        from journal.storage.repository import Transaction

        engine = self.prepare_changes()
        try:
            with engine.begin() as connection:
                yield Transaction(connection)
        except DBAPIError as error:
            if self.read_only:
                raise ReadOnlyJournal(READ_ONLY) from None
            raise _environment_error(error) from None

    def prepare_changes(self) -> Engine:
        """Import SQLAlchemy and the tables, and make the engine: what the first change
        would otherwise wait for (a fifth of a second or more). Idempotent."""
        import journal.storage.repository  # noqa: F401  (the tables, with it)

        conn = self._require()
        if self._engine is None:
            self._engine = _engine_for(conn, read_only=self.read_only)
        self._changes_prepared = True
        return self._engine

    @property
    def changes_prepared(self) -> bool:
        return self._changes_prepared

    def close(self) -> None:
        """Dispose the engine, close the connection, release the lock (idempotent)."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            self._drop_engine()
            conn.close()
        finally:
            self._lock.release()
            self._passphrase = ""

    # ------------------------------------------------------------------ maintenance

    def passphrase_matches(self, candidate: str) -> bool:
        """Whether ``candidate`` is the passphrase this journal was opened with."""
        try:
            given = candidate.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return self._conn is not None and hmac.compare_digest(
            given, self._passphrase.encode("utf-8")
        )

    def check(self) -> list[str]:
        """Full integrity check; an empty list means the journal is sound."""
        return cipher.full_check(self._require())

    def refuse_companion(self, target: Path) -> None:
        """Refuse to write a file SQLite would take for this journal's own companion."""
        if files.is_companion_name(self.real_path, target):
            raise InvalidOutputName(
                f"{target.name} is the name of the journal's own working file "
                "(SQLite would read it as part of the journal); choose another name."
            )

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt under ``new_passphrase`` via a verified copy renamed over the journal.

        The real file is replaced (never a symbolic link that led to it). A file with a
        second name (hard link) is refused: that name would keep the old-passphrase copy.
        The new file is locked before it takes the journal's name.
        """
        if self.read_only:
            raise ReadOnlyJournal(READ_ONLY)
        check_new_passphrase(new_passphrase)
        conn = self._require()
        try:
            links = os.stat(self.real_path).st_nlink
        except OSError as error:
            raise StorageFailure(f"The passphrase was not changed ({error.strerror}).") from None
        if links > 1:
            raise StorageFailure(HARD_LINKED)
        with files.pending_file(self.real_path, "rekey") as temp:
            new_lock: int | None = None
            try:
                self._write_verified_copy(conn, temp, new_passphrase)
                new_lock = self._lock.lock_replacement(temp)
                self._drop_engine()
                conn.close()
                self._conn = None
                files.replace_atomically(temp, self.real_path)
                self._lock.adopt(new_lock)
                new_lock = None
            except OSError as error:
                _close_quietly(new_lock)
                self._reopen(self._passphrase)
                raise StorageFailure(
                    f"The passphrase was not changed ({error.strerror})."
                ) from None
            except BaseException:
                _close_quietly(new_lock)
                if self._conn is None:
                    self._reopen(self._passphrase)
                raise
        # Success only once a fresh connection opens the file with the new passphrase.
        self._reopen(new_passphrase)
        self._passphrase = new_passphrase

    def backup_to(self, target: Path) -> None:
        """An encrypted copy with the same passphrase, complete before it appears at ``target``."""
        target = target.expanduser()
        taken = f"{target} already exists; choose a new name for the backup."
        if target.exists() or target.is_symlink():
            raise AlreadyExists(taken)
        if target.resolve() == self.real_path:
            raise AlreadyExists("A backup cannot replace the journal itself.")
        self.refuse_companion(target)
        try:
            files.make_private_dirs(target.parent)
        except OSError as error:
            raise StorageFailure(f"Cannot create {target.parent} ({error.strerror}).") from None
        with (
            files.pending_file(target, "backup") as temp,
            _placing_new(taken, "The backup was not written ({})."),
        ):
            try:
                self._write_verified_copy(self._require(), temp, self._passphrase)
            except StorageFailure as error:
                reason = str(error)
                raise StorageFailure(
                    f"The backup was not written: {reason[:1].lower()}{reason[1:]}"
                ) from None
            files.place_new(temp, target)

    # ------------------------------------------------------------------ internals

    def _require(self) -> cipher.Connection:
        if self._conn is None:
            raise StorageFailure("The journal is locked.")
        return self._conn

    def _write_verified_copy(self, conn: cipher.Connection, temp: Path, passphrase: str) -> None:
        files.create_private_file(temp)
        try:
            cipher.export_copy(conn, temp, passphrase, uri=self.read_only)
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
        self._conn = cipher.connect(self.real_path, passphrase)

    def _drop_engine(self) -> None:
        engine, self._engine, self._changes_prepared = self._engine, None, False
        if engine is not None:
            engine.dispose()


def _close_quietly(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


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
