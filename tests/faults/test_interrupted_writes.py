"""Ctrl+C and kill -9 in the middle of writing an export, a report, a backup or a journal.

The real command line runs in a child that stops at the first ``os.fsync`` (the file's
content is written, it is not in place yet) and prints ``window``; there the parent sends
SIGINT (Ctrl+C) or SIGKILL. Afterwards no file may be left: not under the chosen name,
not under a temporary one. A SIGKILL gives the process no chance to clean up, so what it
could not avoid leaving (SQLite needs a name for a journal or a backup it writes) must be
gone after the next start of the app.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from tests.faults.fault_tools import run_until_killed, start
from tests.helpers import MARKER, PASSPHRASE, draft

KINDS = ["export", "report", "backup", "init"]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("source") / "health.journal"
    create_journal(journal, PASSPHRASE)
    service = JournalService.open(journal, PASSPHRASE)
    try:
        for index in range(30):
            service.add_episode(draft(notes=f"{MARKER} {index}"))
    finally:
        service.close()
    return journal


def _command(kind: str, journal: Path, out: Path) -> list[str]:
    if kind == "init":
        return ["--journal", str(out / "new.journal"), "init"]
    target = {"export": "e.json", "report": "r.pdf", "backup": "b.journal"}[kind]
    words = {"export": ["export", "-o"], "report": ["report", "-o"], "backup": ["backup"]}
    return ["--journal", str(journal), *words[kind], str(out / target)]


def _next_start(journal: Path) -> None:
    """Any later run of the app (here: listing the source journal)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    done = subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), "list"],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("kind", KINDS)
def test_an_interrupted_write_leaves_no_file(
    source: Path, tmp_path: Path, kind: str, how: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first, *rest = _command(kind, source, out)
    proc = start("cli-window", Path(first), *rest, env={"HEALTH_JOURNAL_PASSPHRASE": PASSPHRASE})
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline() == "ready\n"
    if how == "SIGKILL":
        outcome = run_until_killed(proc, kill_on=("window",))
        assert outcome.returncode == -signal.SIGKILL, outcome.stderr
        assert "window" in outcome.lines
    else:
        assert proc.stdout.readline() == "window\n", proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGINT)
        outcome = run_until_killed(proc)
        assert "interrupted" in outcome.stderr and "Traceback" not in outcome.stderr
        left = sorted(p.name for p in out.iterdir())
        assert left == [], f"Ctrl+C left {left}"
        return
    left = sorted(p.name for p in out.iterdir())
    if kind in ("export", "report"):
        assert left == [], f"kill -9 left {left}"  # the content never had a name
        return
    _next_start(source)
    left = sorted(p.name for p in out.iterdir())
    assert left == [], f"the next start did not remove {left}"


def test_a_killed_demo_leaves_no_folder_after_the_next_start(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment.update({"TMPDIR": str(temporary), "QT_QPA_PLATFORM": "offscreen"})
    demo = subprocess.Popen(
        [sys.executable, "-m", "journal", "--demo"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        deadline = time.monotonic() + 90
        while not list(temporary.glob("health-journal-demo-*/demo.hjournal")):
            assert demo.poll() is None, demo.stderr.read() if demo.stderr else ""
            assert time.monotonic() < deadline, "the demo journal never appeared"
            time.sleep(0.1)
    finally:
        demo.kill()  # SIGKILL: no atexit handler runs
        demo.wait()
        if demo.stderr is not None:
            demo.stderr.close()
    assert list(temporary.glob("health-journal-demo-*")), "nothing was left to sweep"
    listed = subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(tmp_path / "none.journal"), "list"],
        input="",
        capture_output=True,
        text=True,
        env={**environment, "HEALTH_JOURNAL_PASSPHRASE": PASSPHRASE},
        timeout=120,
    )
    assert listed.returncode == 1  # no such journal; the sweep ran first all the same
    assert not list(temporary.glob("health-journal-demo-*")), "the demo folder survived"
