"""kill -9 of a process adding episodes, at random moments: nothing promised is lost.

One journal lives through every trial, so each trial also proves that the earlier trials'
episodes survived, and that the lock left by each killed writer is recovered.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from tests.faults.fault_tools import assert_killed, run_until_killed, start
from tests.faults.fault_worker import note_for, started_for
from tests.helpers import PASSPHRASE

DEFAULT_TRIALS = 20
FULL_TRIALS = 100
NOTE = re.compile(r"^trial (\d+) episode (\d+) ")


def test_kill_minus_9_while_writing_loses_nothing_promised(tmp_path: Path, full: bool) -> None:
    journal = tmp_path / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    trials = FULL_TRIALS if full else DEFAULT_TRIALS
    rng = random.Random()  # a fresh moment every run; the seed is printed on failure
    seed = rng.randrange(2**32)
    rng.seed(seed)
    promised: dict[int, dict[int, str]] = {}  # trial -> index -> id
    in_flight_committed = 0
    for trial in range(trials):
        proc = start("write", journal, str(trial), env={"FAULT_PASSPHRASE": PASSPHRASE})
        outcome = run_until_killed(proc, delay=rng.uniform(0.0, 0.35))
        assert_killed(outcome)
        assert outcome.lines[:1] == ["ready"], (seed, outcome.stderr)
        promised[trial] = {int(i): eid for eid, i in (ln.split() for ln in outcome.lines[1:])}

        # The next open must work: the killed writer's lock is stale, any hot journal rolls back.
        service = JournalService.open(journal, PASSPHRASE)
        try:
            stored: dict[int, dict[int, str]] = {}
            for episode in service.data().episodes:  # every row parsed into a domain Episode
                match = NOTE.match(episode.notes)
                assert match, (seed, episode.notes[:60])
                t, i = int(match[1]), int(match[2])
                # A record is whole or absent: its notes and start are exactly what was written.
                assert episode.notes == note_for(t, i), (seed, t, i)
                assert episode.started_at == started_for(t, i), (seed, t, i)
                assert i not in stored.setdefault(t, {}), (seed, "duplicate", t, i)
                stored[t][i] = episode.id
            assert service.check() == [], seed
        finally:
            service.close()
        for t in range(trial + 1):
            have, said = stored.get(t, {}), promised[t]
            # Every promised episode is there, under its id...
            assert {i: have.get(i) for i in said} == said, (seed, t)
            # ...and at most one more: the one committed just before the kill, unreported.
            extra = set(have) - set(said)
            assert extra <= {len(said)}, (seed, t, extra)
            if t == trial:
                in_flight_committed += len(extra)
    total = sum(len(p) for p in promised.values())
    assert total > 0, "no episode was ever written: the trials tested nothing"
    print(
        f"{trials} kills, {total} promised episodes all kept, "
        f"{in_flight_committed} committed-but-unreported episodes whole (seed {seed})"
    )
