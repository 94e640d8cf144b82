"""Use cases shared by the GUI, the CLI and reports. They own sessions and speak domain types."""

from journal.services.changes import ChangeHub, Changes
from journal.services.journal_service import (
    EpisodeNotFound,
    ImportSummary,
    JournalService,
    WrongCurrentPassphrase,
)

__all__ = [
    "ChangeHub",
    "Changes",
    "EpisodeNotFound",
    "ImportSummary",
    "JournalService",
    "WrongCurrentPassphrase",
]
