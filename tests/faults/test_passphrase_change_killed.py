"""A passphrase change killed at random moments, and inside the rename window.

The journal must always open with the old or the new passphrase (never neither, never
both), hold exactly the data it held before, and pass the integrity check. A half-written
re-keyed copy is a hidden ``.NAME.rekey-*.tmp`` file beside the journal; the next open
removes it, so a deleted episode does not live on in it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from journal.domain.model import JournalData
from journal.services.demo import demo_data
from journal.services.journal_service import JournalService
from journal.storage import create_journal
from journal.storage.errors import NotAJournal
from tests.faults.fault_tools import assert_killed, run_until_killed, start
from tests.helpers import PASSPHRASE, draft

OTHER = "a different passphrase, 'quoted'"
PASSPHRASES = {"A": PASSPHRASE, "B": OTHER}
DEFAULT_TRIALS = 10
FULL_TRIALS = 50


def _journal_with_data(folder: Path) -> tuple[Path, JournalData]:
    from journal import clock
    from journal.domain import interchange

    journal = folder / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        service.import_data(interchange.to_json(demo_data(clock.today())))
        gone = service.add_episode(draft(notes="deleted before the trials"))
        service.delete_episode(gone.id)
        data = service.data()
    finally:
        service.close()
    return journal, data


def _stray(journal: Path) -> list[Path]:
    return sorted(journal.parent.glob(f".{journal.name}.rekey-*"))


def _which_opens(journal: Path, expected: JournalData) -> str:
    """The one passphrase that opens the journal; its data and integrity are checked too."""
    opened = []
    for tag, passphrase in PASSPHRASES.items():
        try:
            service = JournalService.open(journal, passphrase)
        except NotAJournal:
            continue
        try:
            assert service.data() == expected
            assert service.check() == []
        finally:
            service.close()
        opened.append(tag)
    assert len(opened) == 1, f"the journal opened with {opened or 'neither passphrase'}"
    return opened[0]


def _trial(journal: Path, current: str, mode: str, delay: float | None) -> tuple[str, bool]:
    """Run one killed change; return (last passphrase reported in force, copy left beside?)."""
    proc = start(
        mode,
        journal,
        env={
            "FAULT_PASSPHRASE": PASSPHRASES["A"],
            "FAULT_OTHER_PASSPHRASE": PASSPHRASES["B"],
            "FAULT_CURRENT": current,
        },
    )
    outcome = run_until_killed(proc, delay=delay, kill_on=("window",))
    assert_killed(outcome)
    assert outcome.lines[:1] == ["ready"], outcome.stderr
    changes = [line.split()[1] for line in outcome.lines if line.startswith("changed ")]
    reported = changes[-1] if changes else current
    return reported, bool(_stray(journal))


def test_random_kills_never_leave_the_journal_unopenable(tmp_path: Path, full: bool) -> None:
    journal, expected = _journal_with_data(tmp_path)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    current, strays, completed = "A", 0, 0
    for _ in range(FULL_TRIALS if full else DEFAULT_TRIALS):
        reported, stray = _trial(journal, current, "rekey", rng.uniform(0.0, 2.0))
        strays += stray
        opens = _which_opens(journal, expected)
        # A change reported done is never undone; at most the unreported next one happened.
        assert opens in (reported, "B" if reported == "A" else "A"), seed
        completed += opens != current
        current = opens
        assert not _stray(journal), "the open after a kill leaves no half-written copy"
    print(f"killed re-keying: {strays} trial(s) left a temporary copy, all removed on open")


@pytest.mark.parametrize(("window", "opens_with"), [("before-rename", "A"), ("after-rename", "B")])
def test_kill_inside_the_rename_window(tmp_path: Path, window: str, opens_with: str) -> None:
    journal, expected = _journal_with_data(tmp_path)
    reported, stray = _trial(journal, "A", f"rekey-{window}", None)
    assert reported == "A"  # the change was never reported done
    # Before the rename the old journal is in place (the finished copy lies beside it);
    # after it, the new one is, and the copy is gone because it *is* the journal now.
    assert stray == (window == "before-rename")
    wrong = OTHER if opens_with == "A" else PASSPHRASE
    with pytest.raises(NotAJournal):
        JournalService.open(journal, wrong)
    assert bool(_stray(journal)) == stray  # a failed unlock changes nothing, not even clutter
    assert _which_opens(journal, expected) == opens_with
    assert not _stray(journal)
