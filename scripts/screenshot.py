"""Screenshots for the README: the demo journal in the main window, taken offscreen.

    python scripts/screenshot.py [--dark] [--out docs/screenshots]

Builds the demo journal in a private temporary folder, opens the main window at
1280x800 with an episode that has cards selected, and saves PNGs with QWidget.grab().
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1f22"),
        (QPalette.ColorRole.AlternateBase, "#26282b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#35373b"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#35373b"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Mid, "#505357"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def settle(app: QApplication, window: QWidget) -> None:
    """Let layouts, the severity job and chart redraws finish before grabbing."""
    for _ in range(200):
        app.processEvents()
    job = getattr(window, "severity_job", None)
    while job is not None and job.running:
        app.processEvents()
    for _ in range(50):
        app.processEvents()


def start_app(dark: bool) -> tuple[QApplication, Path]:
    """The app in the Fusion style (dark palette if asked), its settings (window sizes
    included) in a throw-away folder, never the user's own; returns the app and folder."""
    import tempfile

    settings_dir = Path(tempfile.mkdtemp(prefix="hj-shot-settings-"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(settings_dir))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    if dark:
        app.setPalette(dark_palette())
    return app, settings_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--all", action="store_true", help="also the cycle chart and patterns")
    args = parser.parse_args()

    app, _settings = start_app(args.dark)

    from journal.app import DemoJournal
    from journal.gui.main_window import TAB_CYCLES, TAB_PATTERNS, MainWindow
    from journal.services import JournalService

    demo = DemoJournal.create()
    try:
        service = JournalService.open(demo.path, demo.passphrase)
        window = MainWindow(service)
        window.resize(1280, 800)
        window.show()
        settle(app, window)
        # The most recent bleeding after sex: a pressing card and several explanations
        # make the most telling picture.
        chosen = None
        for episode in sorted(service.episodes(), key=lambda e: e.sort_key, reverse=True):
            severities = {m.card.severity.value for m in service.explain(episode.id).cards}
            if episode.after_sex and {"see-provider", "urgent"} & severities:
                chosen = episode.id
                break
        if chosen is not None:
            window.select_episode(chosen)
        settle(app, window)
        args.out.mkdir(parents=True, exist_ok=True)
        suffix = "-dark" if args.dark else ""
        shots = {f"main-window{suffix}.png": None}
        if args.all:
            shots[f"cycle-chart{suffix}.png"] = TAB_CYCLES
            shots[f"patterns{suffix}.png"] = TAB_PATTERNS
        for name, tab in shots.items():
            if tab is not None:
                window.tabs.setCurrentIndex(tab)
                settle(app, window)
            window.grab().save(str(args.out / name))
            print(args.out / name)
        window.close()
    finally:
        demo.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
