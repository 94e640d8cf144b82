"""Benchmark of the desktop app with a 5,000-episode journal.

Not a pytest test. Run it as a script (offscreen unless a display is set):

    python tests/benchmarks/bench_gui.py

It prints:

* start-up: process start to the unlock dialog on screen, against a bare PySide6 window
  started the same way in the same run (subprocesses, median of a few; aim ≤ 2×);
* unlock (click on "Unlock") to the main window painted, with the opening of the file
  (SQLCipher's 256,000 PBKDF2 rounds and its checks) shown apart, and to the timeline
  drawn (the turn of the event loop after the window);
* selecting an episode until its cards are shown and painted (aim ≤ 16 ms), and until
  the timeline has also redrawn its highlight ring;
* peak memory of this process after the reading above, and
  again after one change (an episode added): reading does without SQLAlchemy, the first
  change imports it.

The timeline-versus-matplotlib comparison is ``bench_timeline.py``.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# HJ_BENCH_EPISODES=50000 runs the same on a ten-lifetimes journal (the second column).
EPISODES = int(os.environ.get("HJ_BENCH_EPISODES", "5000"))
PASSPHRASE = "benchmark passphrase"
STARTS = 5
SELECTIONS = 60
TYPING_S = 1.0  # the time taken to type the passphrase, while the app prepares the window
SCROLL_PAGES = 20
TARGET_START_RATIO = 2.0
TARGET_SELECT_MS = 16.0  # one frame
AIMS = {
    "start_ratio": TARGET_START_RATIO,
    "select_p95_ms": TARGET_SELECT_MS,
    "unlock_to_window_ms": 300.0,
    "peak_rss_mb": 220.0,
    "peak_rss_after_change_mb": 220.0,  # the same aim once SQLAlchemy is in
}

# Both children print the wall-clock time at which their first window was painted; the
# parent subtracts the moment just before it started them.
_BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
label.show()
QTimer.singleShot(0, lambda: (label.repaint(), print(time.time()), app.quit()))
app.exec()
"""

_APP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from journal.app import AppController
controller = AppController(Path(sys.argv[1]))
controller.start()
dialog = controller.dialog
QTimer.singleShot(0, lambda: (dialog.repaint(), print(time.time()), app.quit()))
app.exec()
"""


def _child_start(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ["QT_QPA_PLATFORM"])
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    return (float(out.strip().splitlines()[-1]) - started) * 1000


def make_journal(folder: Path, episodes: int = EPISODES) -> Path:
    from journal.domain import interchange
    from journal.services import JournalService
    from journal.services.demo import synthetic_data

    path = folder / "bench.hjournal"
    JournalService.create(path, PASSPHRASE)
    service = JournalService.open(path, PASSPHRASE)
    try:
        service.import_data(interchange.to_json(synthetic_data(episodes, date.today(), 8.0)))
    finally:
        service.close()
    return path


def _wait(app: object, condition: object, limit: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication) and callable(condition)
    deadline = time.perf_counter() + limit
    while not condition():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")


def _peak_mb() -> float:
    """This process's own peak (Linux's ``ru_maxrss`` starts from the parent's)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> dict[str, float]:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="hj-bench-") as tmp:
        folder = Path(tmp)
        # Settings (window sizes among them) start empty in a folder of the run's own, for
        # this process and its children: the figures do not depend on what an earlier
        # run or the user's own sessions left, and the user's settings are not touched.
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        # HJ_BENCH_JOURNAL names a copy made earlier by make_journal (same passphrase).
        ready = os.environ.get("HJ_BENCH_JOURNAL")
        copied = folder / "bench.hjournal"
        if ready:
            path = Path(shutil.copy(ready, copied))
        else:
            # Made in a child process: importing thousands of episodes is not what the
            # app does on unlock, and would count in this process's peak memory.
            subprocess.run(
                [sys.executable, __file__, "--make-journal", str(folder), str(EPISODES)],
                check=True,
            )
            path = copied

        bare = [_child_start(_BARE) for _ in range(STARTS)]
        dialog = [_child_start(_APP, str(path)) for _ in range(STARTS)]
        results["bare_window_ms"] = statistics.median(bare)
        results["unlock_dialog_ms"] = statistics.median(dialog)
        results["start_ratio"] = results["unlock_dialog_ms"] / results["bare_window_ms"]

        app = QApplication.instance() or QApplication(sys.argv[:1])
        from journal.app import AppController
        from journal.gui.unlock_dialog import UnlockDialog
        from journal.services import JournalService

        started = time.perf_counter()
        JournalService.open(path, PASSPHRASE).close()
        results["key_derivation_ms"] = (time.perf_counter() - started) * 1000

        controller = AppController(path)
        controller.start()
        unlock = controller.dialog
        assert isinstance(unlock, UnlockDialog)
        _wait(app, unlock.isVisible)
        # A person takes a second or more to type a passphrase; the app uses it.
        typing = time.perf_counter() + TYPING_S
        _wait(app, lambda: time.perf_counter() >= typing)
        unlock.passphrase.setText(PASSPHRASE)
        # The moment the timeline's first full drawing ends (processEvents may go on to
        # run a slice of the background severity pass before the loop below looks).
        drawn: list[float] = []
        prepared = controller._prepared
        assert prepared is not None
        prepared.timeline.canvas.mpl_connect(
            "draw_event", lambda _event: drawn.append(time.perf_counter())
        )
        started = time.perf_counter()
        unlock.unlock_button.click()
        _wait(app, lambda: controller.window is not None and controller.window.isVisible())
        window = controller.window
        assert window is not None
        window.repaint()
        results["unlock_to_window_ms"] = (time.perf_counter() - started) * 1000
        # What the app itself adds to opening the file (key derivation and checks).
        results["unlock_beyond_open_ms"] = (
            results["unlock_to_window_ms"] - results["key_derivation_ms"]
        )
        _wait(app, lambda: bool(drawn))  # drawn on a later turn of the event loop
        results["unlock_to_timeline_ms"] = (drawn[0] - started) * 1000

        # The background severity pass: about a minute per 5,000 episodes at most.
        _wait(app, lambda: not window.severity_job.running, 60.0 * max(1, EPISODES // 5000))
        results["severity_pass_ms"] = (time.perf_counter() - started) * 1000
        ids = [e.id for e in window.episode_list.model.episodes()]
        rng = random.Random(3)
        times, cpu, with_chart = [], [], []
        for episode_id in rng.sample(ids, SELECTIONS):
            started, cpu_started = time.perf_counter(), time.thread_time()
            window.select_episode(episode_id)
            # The cards laid out and painted, what the user waits for (and the list,
            # scrolled to the episode: a repaint paints all the window has pending).
            app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            window.card_panel.repaint()
            window.details.repaint()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - cpu_started) * 1000)
            assert window.card_panel.card_ids() or window.card_panel.placeholder.isVisible()
            app.processEvents()  # then the timeline redraws its highlight ring
            app.processEvents()
            with_chart.append((time.perf_counter() - started) * 1000)
        times.sort()
        results["select_median_ms"] = statistics.median(times)
        results["select_p95_ms"] = times[int(len(times) * 0.95) - 1]
        results["select_max_ms"] = times[-1]
        # The same in the GUI thread's CPU time: what a busy machine's waiting leaves out.
        cpu.sort()
        results["select_cpu_p95_ms"] = cpu[int(len(cpu) * 0.95) - 1]
        results["select_and_timeline_median_ms"] = statistics.median(with_chart)

        # Scrolling the list a page at a time, each page painted.
        table = window.episode_list.table
        bar = table.verticalScrollBar()
        pages = []
        bar.setValue(0)
        for _ in range(SCROLL_PAGES):
            started = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            table.viewport().repaint()
            pages.append((time.perf_counter() - started) * 1000)
        results["scroll_page_median_ms"] = statistics.median(pages)

        # The whole timeline drawn again from the journal's data.
        from journal.charts import timeline_data

        service = window.service
        assert service is not None
        started = time.perf_counter()
        window.timeline.set_data(timeline_data(service.data()))
        window.timeline.repaint()
        results["timeline_redraw_ms"] = (time.perf_counter() - started) * 1000
        results["peak_rss_mb"] = _peak_mb()

        # One change, as a person adds an episode: the window refreshes, SQLAlchemy loads.
        from journal.domain.model import EpisodeDraft
        from journal.domain.vocabulary import Amount

        service.add_episode(EpisodeDraft(started_at=date.today(), amount=Amount.SPOTTING))
        _wait(app, lambda: not window.severity_job.running, 60.0 * max(1, EPISODES // 5000))
        results["peak_rss_after_change_mb"] = _peak_mb()
        controller.shutdown()
    return results


def main() -> None:
    if sys.argv[1:2] == ["--make-journal"]:
        make_journal(Path(sys.argv[2]), int(sys.argv[3]))
        return
    results = run()
    print(f"journal: {EPISODES} episodes; platform {os.environ['QT_QPA_PLATFORM']}")
    for name, value in results.items():
        unit = "" if name.endswith("ratio") else (" MB" if name.endswith("_mb") else " ms")
        print(f"{name:>22}: {value:9.1f}{unit}")
    start_ok = results["start_ratio"] <= TARGET_START_RATIO
    select_ok = results["select_p95_ms"] <= TARGET_SELECT_MS
    print(f"start-up ≤ {TARGET_START_RATIO}× a bare window: {'OK' if start_ok else 'MISSED'}")
    print(f"select p95 ≤ {TARGET_SELECT_MS} ms: {'OK' if select_ok else 'MISSED'}")


if __name__ == "__main__":
    main()
