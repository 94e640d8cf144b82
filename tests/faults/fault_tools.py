"""Helpers shared by the fault tests: start a worker, kill it with SIGKILL, read its promises."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

WORKER = Path(__file__).with_name("fault_worker.py")
SAFETY_SECONDS = 90.0  # a hung worker is killed anyway, so a test can fail but never hang


@dataclass
class Outcome:
    """What a killed worker promised (its complete stdout lines) and said on stderr."""

    lines: list[str]
    stderr: str
    returncode: int


def start(mode: str, journal: Path, *extra: str, env: dict[str, str]) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment.update(env)
    return subprocess.Popen(
        [sys.executable, str(WORKER), mode, str(journal), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


def kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL: no handler, no atexit, no flush; the kernel just stops the process."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)


def run_until_killed(
    proc: subprocess.Popen[str],
    *,
    delay: float | None = None,
    kill_on: Sequence[str] = (),
    safety: float = SAFETY_SECONDS,
) -> Outcome:
    """Read the worker's lines; SIGKILL it ``delay`` s after ``ready``, or at a ``kill_on`` line.

    The kill is scheduled on a timer thread while this thread keeps reading, so the test
    itself never sleeps. Only complete lines count as promises.
    """
    assert proc.stdout is not None and proc.stderr is not None
    guard = threading.Timer(safety, kill, (proc,))
    guard.start()
    timer: threading.Timer | None = None
    lines: list[str] = []
    try:
        for raw in proc.stdout:
            if not raw.endswith("\n"):
                break  # cut off mid-line by the kill: not a promise
            line = raw.rstrip("\n")
            lines.append(line)
            if line == "ready" and delay is not None:
                timer = threading.Timer(delay, kill, (proc,))
                timer.start()
            if line in kill_on:
                kill(proc)
        proc.wait()
        stderr = proc.stderr.read()
    finally:
        guard.cancel()
        if timer is not None:
            timer.cancel()
        kill(proc)
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    return Outcome(lines=lines, stderr=stderr, returncode=proc.returncode)


def assert_killed(outcome: Outcome) -> None:
    """The worker died of our SIGKILL, not of an error of its own."""
    assert outcome.returncode == -signal.SIGKILL, outcome.stderr
    assert "Traceback" not in outcome.stderr, outcome.stderr
