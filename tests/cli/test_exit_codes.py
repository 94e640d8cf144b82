"""One table from an error's kind to its exit code; the GUI and the core carry no numbers."""

from __future__ import annotations

import journal.domain.errors as kinds
from journal.cli import exit_code_for


def test_every_kind_has_the_spec_exit_code() -> None:
    assert exit_code_for(kinds.WrongPassphrase("x")) == 3
    assert exit_code_for(kinds.DamagedJournal("x")) == 3
    assert exit_code_for(kinds.NotAJournal("x")) == 3
    assert exit_code_for(kinds.JournalInUse("x")) == 4
    for other in (
        kinds.InvalidInput("f", "m"),
        kinds.EpisodeNotFound("x"),
        kinds.JournalMissing("x"),
        kinds.ReadOnlyJournal("x"),
        kinds.StorageFailure("x"),
        kinds.WeakPassphrase("x"),
    ):
        assert exit_code_for(other) == 1


def test_no_error_kind_carries_an_exit_code() -> None:
    for name in dir(kinds):
        value = getattr(kinds, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert not hasattr(value, "exit_code"), name
