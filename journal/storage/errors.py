"""Storage errors: each is one sentence for the user, with the CLI's exit code."""

from __future__ import annotations

from journal.domain.errors import JournalError


class JournalMissing(JournalError):
    exit_code = 1


class AlreadyExists(JournalError):
    exit_code = 1


class NotAJournal(JournalError):
    """Wrong passphrase, damaged header, foreign file: SQLCipher cannot tell these apart."""

    exit_code = 3


class JournalInUse(JournalError):
    exit_code = 4


class NewerJournal(JournalError):
    exit_code = 1


class StorageFailure(JournalError):
    """The environment failed us (disk full, permission denied): not a bug, not the file's fault."""

    exit_code = 1


WRONG_PASSPHRASE = "Wrong passphrase or damaged file: the journal could not be opened."
