"""A second process is refused with exit 4 while the journal is open; a killed holder is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from journal.storage import create_journal
from journal.storage.locking import lock_path_for
from tests.faults.fault_tools import assert_killed, kill, run_until_killed, start
from tests.helpers import PASSPHRASE, file_digest


def cli(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_second_process_gets_exit_4_then_a_killed_holder_does_not_block(tmp_path: Path) -> None:
    journal = tmp_path / "journal" / "health.journal"
    create_journal(journal, PASSPHRASE)
    writer = start("write", journal, "0", env={"FAULT_PASSPHRASE": PASSPHRASE})
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    first = writer.stdout.readline().split()[0]  # one episode promised, writer still going

    refused = cli(journal, "add", "--amount", "light", "--date", "2026-01-01")
    assert refused.returncode == 4
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "open in another" in lines[0], refused.stderr

    kill(writer)
    assert_killed(run_until_killed(writer))
    # The lock was the kernel's, on the journal file itself: no lock file was ever made.
    assert lock_path_for(journal) == journal.resolve()
    assert not journal.with_name(journal.name + ".lock").exists()

    listed = cli(journal, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert first in {e["id"] for e in json.loads(listed.stdout)}
    before = file_digest(journal)
    assert cli(journal, "check").returncode == 0
    assert file_digest(journal) == before
