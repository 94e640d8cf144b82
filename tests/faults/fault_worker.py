"""A child process for the fault tests: it writes to a journal until it is killed.

Run with ``sys.executable fault_worker.py MODE JOURNAL [TRIAL]``; the passphrase comes from
``FAULT_PASSPHRASE`` (and the other one, for re-keying, from ``FAULT_OTHER_PASSPHRASE``),
never from the command line. Every line is flushed as soon as the thing it reports is
durable, so the parent knows exactly what was promised before it sent SIGKILL.

Modes:

* ``write``: add episodes in a loop, printing ``ID INDEX`` after each ``add_episode`` returns;
* ``rekey``: change the passphrase back and forth, printing ``changed A|B`` after each change;
* ``rekey-before-rename`` / ``rekey-after-rename``: the same, but the first change stops
  (printing ``window``) right before / right after the atomic rename, so the parent can
  kill it inside the critical window. The delay is patched in here, in the child only.
* ``rekey-loop`` (``JOURNAL`` = any name of it, ``COUNT``): open, change the passphrase,
  close, ``COUNT`` times, printing ``changed A|B`` after each; ``JournalInUse`` retries.
* ``add-loop`` (``JOURNAL`` = any name of it): open with whichever passphrase works, add
  one episode, close, forever, printing ``ID`` after each add returned.
* ``cli-window ARGS…``: run the real command line with ``ARGS``, stopped (printing
  ``window``) at the first ``os.fsync`` (a file's content is written, not yet in place),
  so the parent can send SIGINT or SIGKILL at exactly that moment.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FIXED_NOW = datetime(2026, 11, 22, 12, 0)
FILLER = "abcdefghijklmnopqrstuvwxyz0123456789 " * 300


def note_for(trial: int, index: int) -> str:
    """The notes of episode ``index`` of ``trial``: recomputable, and often several pages long."""
    size = (trial * 7919 + index * 104729) % 7000
    return f"trial {trial} episode {index} " + FILLER[:size]


def started_for(trial: int, index: int) -> datetime:
    return datetime(2025, 1, 1) + timedelta(minutes=trial * 2000 + index)


def _write(path: Path, trial: int) -> None:
    from journal import clock
    from journal.domain.model import EpisodeDraft
    from journal.domain.vocabulary import Amount
    from journal.services.journal_service import JournalService

    clock.set_now(lambda: FIXED_NOW)
    service = JournalService.open(path, os.environ["FAULT_PASSPHRASE"])
    # The first change imports SQLAlchemy (reading does without it): done before "ready",
    # so the kill lands among the writes, not in an import.
    service.prepare_changes()
    print("ready", flush=True)
    index = 0
    while True:
        episode = service.add_episode(
            EpisodeDraft(
                started_at=started_for(trial, index),
                amount=Amount.SPOTTING,
                notes=note_for(trial, index),
            )
        )
        # Only now is the episode promised to the parent.
        print(episode.id, index, flush=True)
        index += 1


def _rekey(path: Path, window: str | None) -> None:
    from journal.storage import files, open_journal

    passphrases = {"A": os.environ["FAULT_PASSPHRASE"], "B": os.environ["FAULT_OTHER_PASSPHRASE"]}
    current = os.environ["FAULT_CURRENT"]
    store = open_journal(path, passphrases[current])
    if window is not None:
        real_replace = files.replace_atomically

        def paused_replace(temp: Path, target: Path) -> None:
            if window == "before-rename":
                print("window", flush=True)
                sys.stdin.readline()  # the parent kills us while we wait here
            real_replace(temp, target)
            if window == "after-rename":
                print("window", flush=True)
                sys.stdin.readline()

        files.replace_atomically = paused_replace
    print("ready", flush=True)
    while True:
        other = "B" if current == "A" else "A"
        store.change_passphrase(passphrases[other])
        current = other
        print("changed", current, flush=True)


def _retrying(action: Callable[[], T]) -> T:
    from journal.storage.errors import JournalInUse

    while True:
        try:
            return action()
        except JournalInUse:
            time.sleep(0.005)


def _rekey_loop(path: Path, count: int) -> None:
    from journal.storage import open_journal

    passphrases = {"A": os.environ["FAULT_PASSPHRASE"], "B": os.environ["FAULT_OTHER_PASSPHRASE"]}
    current = os.environ["FAULT_CURRENT"]
    print("ready", flush=True)
    for _ in range(count):
        store = _retrying(functools.partial(open_journal, path, passphrases[current]))
        other = "B" if current == "A" else "A"
        try:
            store.change_passphrase(passphrases[other])
        finally:
            store.close()
        current = other
        print("changed", current, flush=True)
        time.sleep(0.02)  # as the adder does: the other process gets the lock now and then
    print("done", flush=True)


def _add_loop(path: Path) -> None:
    from journal import clock
    from journal.domain.model import EpisodeDraft
    from journal.domain.vocabulary import Amount
    from journal.services.journal_service import JournalService
    from journal.storage.errors import WrongPassphrase

    clock.set_now(lambda: FIXED_NOW)
    passphrases = [os.environ["FAULT_PASSPHRASE"], os.environ["FAULT_OTHER_PASSPHRASE"]]

    def opened() -> JournalService:
        for passphrase in passphrases:
            try:
                return JournalService.open(path, passphrase)
            except WrongPassphrase:
                continue
        raise SystemExit("the journal opened with neither passphrase")

    print("ready", flush=True)
    index = 0
    while True:
        service = _retrying(opened)
        try:
            episode = service.add_episode(
                EpisodeDraft(started_at=started_for(0, index), amount=Amount.SPOTTING)
            )
        finally:
            service.close()
        print(episode.id, flush=True)
        index += 1
        time.sleep(0.05)  # fair turns: the other process gets the lock now and then


def _cli_window(args: list[str]) -> None:
    from journal.cli import main as cli_main

    real_fsync = os.fsync
    paused = False

    def fsync_with_window(fd: Any) -> None:
        nonlocal paused
        real_fsync(fd)
        if not paused:
            paused = True
            print("window", flush=True)
            sys.stdin.readline()  # the parent interrupts or kills us while we wait here

    os.fsync = fsync_with_window
    print("ready", flush=True)
    code = cli_main(args)
    print("exit", code, flush=True)
    raise SystemExit(code)


def main(argv: list[str]) -> None:
    mode, path = argv[0], Path(argv[1])
    if mode == "cli-window":
        _cli_window(argv[1:])
    elif mode == "rekey-loop":
        _rekey_loop(path, int(argv[2]))
    elif mode == "add-loop":
        _add_loop(path)
    elif mode == "write":
        _write(path, int(argv[2]))
    elif mode == "rekey":
        _rekey(path, None)
    elif mode.startswith("rekey-"):
        _rekey(path, mode.removeprefix("rekey-"))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
