"""Errors by cause: each carries one clear sentence for a person to read.

Every layer raises these kinds (storage and services re-export the ones they use); the
CLI holds the one table from kind to exit code, and the GUI matches on the kind. No error
carries an exit code itself.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with control and line-break characters escaped, so a message stays one line."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def quoted(value: str, limit: int = 40) -> str:
    """A value a person typed, cut to ``limit`` characters and quoted for a message."""
    return f"'{printable(value[:limit])}'"


class JournalError(Exception):
    """Base of every error the app reports to the user as one sentence."""


class InvalidInput(JournalError):
    """A value that does not fit the vocabulary, a bad date, a missing field…

    ``record`` names where it was found (``episodes[3]`` in an import), ``field`` which
    field; ``str()`` is the full sentence, always on one line (imported text can hold
    line breaks, and the CLI promises one line per error).
    """

    def __init__(self, field: str, message: str, record: str | None = None) -> None:
        self.field = field
        self.message = message
        self.record = record
        where = f"{record}, field '{field}'" if record else f"'{field}'"
        super().__init__(printable(f"{where}: {message}"))

    def within(self, record: str) -> InvalidInput:
        """The same error, located inside ``record`` (used while walking an import)."""
        return InvalidInput(self.field, self.message, record)


class NotFound(JournalError):
    """The id or record named is not in the journal (an episode, a period, …)."""


class EpisodeNotFound(NotFound):
    """No episode has this id."""


class InvalidOutputName(JournalError):
    """A file name the app will not write to (the journal's own working files, …)."""


class JournalMissing(JournalError):
    """No journal file where one was expected."""


class AlreadyExists(JournalError):
    """Something is already at the path a new file was to be written to; it is left alone."""


class NotAJournal(JournalError):
    """The file is not a journal this app can open: empty, foreign, not a regular file."""


class WrongPassphrase(NotAJournal):
    """Wrong passphrase or damaged header: SQLCipher cannot tell these two apart."""


class DamagedJournal(NotAJournal):
    """The passphrase is right (the first page verified) but the file is damaged."""


class JournalInUse(JournalError):
    """Another process or window has the journal open."""


class NewerJournal(JournalError):
    """Written by a newer version of the app; left untouched."""


class ReadOnlyJournal(JournalError):
    """A change was asked for on a journal opened read-only (read-only media or file)."""


class InvalidPassphrase(JournalError):
    """Not usable as a passphrase at all: empty, a NUL, not UTF-8, SQLCipher's raw-key form."""


class WeakPassphrase(InvalidPassphrase):
    """A new passphrase the strength policy refuses (guessable in seconds)."""


class StorageFailure(JournalError):
    """The environment failed us (disk full, permission denied): not a bug, not the file's fault."""
