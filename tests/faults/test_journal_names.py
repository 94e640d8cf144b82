"""The journal's identity is the file, not the name: links, the lock and passphrase changes.

Real processes on real files: a ``.lock`` that is a symbolic link to the journal, a second
name (symbolic or hard link) while another process holds the journal, two names racing a
passphrase change, and a passphrase change through a symbolic link or with a hard link.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from journal.storage.errors import WrongPassphrase
from tests.faults.fault_tools import assert_killed, kill, run_until_killed, start
from tests.helpers import PASSPHRASE, file_digest

OTHER = "a different passphrase, 'quoted'"
RACE_CHANGES = 20
FULL_RACE_CHANGES = 100


def cli(
    journal: Path, *args: str, passphrase: str = PASSPHRASE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = passphrase
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def opens_with(journal: Path, passphrase: str) -> bool:
    try:
        JournalService.open(journal, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def test_a_lock_name_linked_to_the_journal_leaves_it_whole(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    assert cli(journal_path, "add", "--amount", "light", "--date", "2026-01-01").returncode == 0
    before = file_digest(journal_path)
    lock = journal_path.with_name(journal_path.name + ".lock")
    lock.symlink_to(journal_path.name)
    listed = cli(journal_path, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert journal_path.stat().st_size > 0, "the journal was emptied through the lock link"
    assert file_digest(journal_path) == before
    assert lock.is_symlink()  # left alone, and nothing written through it


def test_every_name_of_the_journal_meets_the_same_lock(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    symbolic = journal_path.with_name("symbolic.journal")
    symbolic.symlink_to(journal_path)
    hard = journal_path.with_name("hard.journal")
    os.link(journal_path, hard)
    writer = start("write", journal_path, "0", env={"FAULT_PASSPHRASE": PASSPHRASE})
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        writer.stdout.readline()  # one episode written: the writer holds the journal
        for name in (symbolic, hard):
            refused = cli(name, "add", "--amount", "light", "--date", "2026-01-01")
            assert refused.returncode == 4, (name.name, refused.stderr)
            assert "open in another" in one_line(refused)
    finally:
        kill(writer)
        assert_killed(run_until_killed(writer))
    # No lock file beside any name: the lock is on the file itself.
    assert not [p for p in journal_path.parent.iterdir() if p.name.endswith(".lock")]


def test_two_names_racing_passphrase_changes_lose_nothing(tmp_path: Path, full: bool) -> None:
    """A re-keying process (through a symbolic link) against an adding one (the real name).

    Each change and each add opens, works and closes, so they contend for the lock at
    every step. Every add reported done must be in the journal, which must open with the
    passphrase last reported, and only that one.
    """
    journal = tmp_path / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    link = tmp_path / "link.journal"
    link.symlink_to(journal)
    changes = FULL_RACE_CHANGES if full else RACE_CHANGES
    env = {"FAULT_PASSPHRASE": PASSPHRASE, "FAULT_OTHER_PASSPHRASE": OTHER}
    adder = start("add-loop", journal, env=env)
    assert adder.stdout is not None
    assert adder.stdout.readline() == "ready\n"
    # The re-keying starts once the adder is in its stride: on a slow machine a re-keyer
    # started alongside it could take every turn before the adder had loaded.
    first = adder.stdout.readline().rstrip("\n")
    assert first, adder.stderr.read() if adder.stderr else "the adder stopped"
    rekeyer = start("rekey-loop", link, str(changes), env={**env, "FAULT_CURRENT": "A"})
    rekeyed = run_until_killed(rekeyer, kill_on=("done",), safety=600)
    kill(adder)
    added = run_until_killed(adder)
    assert "Traceback" not in rekeyed.stderr, rekeyed.stderr
    assert "Traceback" not in added.stderr, added.stderr
    reported = [line.split()[1] for line in rekeyed.lines if line.startswith("changed ")]
    assert len(reported) == changes, rekeyed.stderr
    promised = [first, *added.lines]
    assert len(promised) > 1, "the adding process never got in again: the race tested nothing"
    last, wrong = (PASSPHRASE, OTHER) if reported[-1] == "A" else (OTHER, PASSPHRASE)
    assert not opens_with(journal, wrong)
    service = JournalService.open(journal, last)
    try:
        stored = {e.id for e in service.episodes()}
        assert service.check() == []
    finally:
        service.close()
    lost = set(promised) - stored
    assert not lost, f"{len(lost)} of {len(promised)} reported episodes were lost"
    assert link.is_symlink()
    print(f"{changes} passphrase changes raced {len(promised)} adds: none lost")


def test_a_change_through_a_symbolic_link_rekeys_the_real_file(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    assert cli(journal_path, "add", "--amount", "light", "--date", "2026-01-01").returncode == 0
    link = journal_path.with_name("link.journal")
    link.symlink_to(journal_path.name)
    changed = cli(link, "passphrase", env={"HEALTH_JOURNAL_NEW_PASSPHRASE": OTHER})
    assert changed.returncode == 0, changed.stderr
    assert link.is_symlink() and link.resolve() == journal_path.resolve()
    assert not opens_with(journal_path, PASSPHRASE), "the real file kept the old passphrase"
    assert opens_with(journal_path, OTHER)
    assert len(list(journal_path.parent.iterdir())) == 2  # no copy left anywhere


def test_a_hard_linked_journal_refuses_the_change(journal_path: Path) -> None:
    create_journal(journal_path, PASSPHRASE)
    hard = journal_path.with_name("second-name.journal")
    os.link(journal_path, hard)
    before = file_digest(journal_path)
    refused = cli(journal_path, "passphrase", env={"HEALTH_JOURNAL_NEW_PASSPHRASE": OTHER})
    assert refused.returncode == 1
    assert "hard link" in one_line(refused)
    assert file_digest(journal_path) == before == file_digest(hard)
    assert os.stat(journal_path).st_ino == os.stat(hard).st_ino
    assert opens_with(journal_path, PASSPHRASE) and opens_with(hard, PASSPHRASE)
