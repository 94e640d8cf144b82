"""Use cases shared by the GUI, the CLI and reports. They own sessions and speak domain types.

The error kinds callers match on are re-exported here (defined in ``journal.domain.errors``).
"""

from journal.domain.errors import (
    AlreadyExists,
    DamagedJournal,
    EpisodeNotFound,
    InvalidInput,
    InvalidOutputName,
    InvalidPassphrase,
    JournalError,
    JournalInUse,
    JournalMissing,
    NewerJournal,
    NotAJournal,
    NotFound,
    ReadOnlyJournal,
    StorageFailure,
    WeakPassphrase,
    WrongPassphrase,
)
from journal.services.changes import ChangeHub, Changes
from journal.services.journal_service import (
    ImportSummary,
    JournalService,
    WrongCurrentPassphrase,
)

__all__ = [
    "AlreadyExists",
    "ChangeHub",
    "Changes",
    "DamagedJournal",
    "EpisodeNotFound",
    "ImportSummary",
    "InvalidInput",
    "InvalidOutputName",
    "InvalidPassphrase",
    "JournalError",
    "JournalInUse",
    "JournalMissing",
    "JournalService",
    "NewerJournal",
    "NotAJournal",
    "NotFound",
    "ReadOnlyJournal",
    "StorageFailure",
    "WeakPassphrase",
    "WrongCurrentPassphrase",
    "WrongPassphrase",
]
