"""Errors the domain raises: each carries one clear sentence for a person to read."""

from __future__ import annotations


class JournalError(Exception):
    """Base of every error the app reports to the user as one sentence."""

    exit_code = 1


class InvalidInput(JournalError):
    """A value that does not fit the vocabulary, a bad date, a missing field…

    ``record`` names where it was found (``episodes[3]`` in an import), ``field`` which
    field; ``str()`` is the full sentence.
    """

    exit_code = 1

    def __init__(self, field: str, message: str, record: str | None = None) -> None:
        self.field = field
        self.message = message
        self.record = record
        where = f"{record}, field '{field}'" if record else f"'{field}'"
        super().__init__(f"{where}: {message}")

    def within(self, record: str) -> InvalidInput:
        """The same error, located inside ``record`` (used while walking an import)."""
        return InvalidInput(self.field, self.message, record)
