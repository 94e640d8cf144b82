"""Errors the domain raises: each carries one clear sentence for a person to read."""

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

    exit_code = 1


class InvalidInput(JournalError):
    """A value that does not fit the vocabulary, a bad date, a missing field…

    ``record`` names where it was found (``episodes[3]`` in an import), ``field`` which
    field; ``str()`` is the full sentence, always on one line (imported text can hold
    line breaks, and the CLI promises one line per error).
    """

    exit_code = 1

    def __init__(self, field: str, message: str, record: str | None = None) -> None:
        self.field = field
        self.message = message
        self.record = record
        where = f"{record}, field '{field}'" if record else f"'{field}'"
        super().__init__(printable(f"{where}: {message}"))

    def within(self, record: str) -> InvalidInput:
        """The same error, located inside ``record`` (used while walking an import)."""
        return InvalidInput(self.field, self.message, record)
