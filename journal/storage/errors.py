"""Storage's errors are the domain's kinds, re-exported here for storage code and tests."""

from __future__ import annotations

from journal.domain.errors import (
    AlreadyExists,
    DamagedJournal,
    InvalidOutputName,
    InvalidPassphrase,
    JournalInUse,
    JournalMissing,
    NewerJournal,
    NotAJournal,
    ReadOnlyJournal,
    StorageFailure,
    WrongPassphrase,
)

WRONG_PASSPHRASE = "Wrong passphrase or damaged file: the journal could not be opened."

__all__ = [
    "WRONG_PASSPHRASE",
    "AlreadyExists",
    "DamagedJournal",
    "InvalidOutputName",
    "InvalidPassphrase",
    "JournalInUse",
    "JournalMissing",
    "NewerJournal",
    "NotAJournal",
    "ReadOnlyJournal",
    "StorageFailure",
    "WrongPassphrase",
]
