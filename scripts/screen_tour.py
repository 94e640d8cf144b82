"""Screenshots of every window on a real screen, to look at before a release.

    xvfb-run -s "-screen 0 1024x640x24" python scripts/screen_tour.py --out /tmp/tour
    QT_SCALE_FACTOR=1.5 xvfb-run -s "-screen 0 1920x1080x24" \
        python scripts/screen_tour.py --dark --out /tmp/tour

Opens the demo journal (in a private temporary folder) and shows, one after the other,
the unlock and create dialogs, the main window with an episode selected, the episode
editor, every tab of the records dialog, the appointment dialog and its add-appointment
form, the import dialog and the change-passphrase dialog. Each is captured as the whole
screen (``import -window root``), so a window that overflows the screen shows it. Nothing
here is a test: the PNGs are for a person to look at.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import settle, start_app


def capture(app: QApplication, window: QWidget, path: Path) -> None:
    """The whole screen when there is one (offscreen: the window alone)."""
    window.raise_()
    window.activateWindow()
    settle(app, window)
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        subprocess.run(["import", "-window", "root", str(path)], check=True)
    else:
        window.grab().save(str(path))
    print(path, f"{window.width()}x{window.height()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    prefix = "dark-" if args.dark else "light-"

    app, settings_dir = start_app(args.dark)

    from journal.app import DemoJournal
    from journal.gui.change_passphrase_dialog import ChangePassphraseDialog
    from journal.gui.create_journal_dialog import CreateJournalDialog
    from journal.gui.episode_editor import EpisodeEditor
    from journal.gui.import_dialog import ImportDialog
    from journal.gui.main_window import MainWindow
    from journal.gui.records_dialog import TAB_KEYS, RecordsDialog
    from journal.gui.report_dialog import AppointmentDialog, AppointmentEditor
    from journal.gui.unlock_dialog import UnlockDialog
    from journal.services import JournalService

    demo = DemoJournal.create()
    try:
        service = JournalService.open(demo.path, demo.passphrase)

        def shoot(name: str, make: Callable[[], QWidget]) -> None:
            widget = make()
            widget.show()
            capture(app, widget, args.out / f"{prefix}{name}.png")
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()
            widget.deleteLater()
            settle(app, widget)

        shoot("unlock", lambda: UnlockDialog(demo.path))
        shoot("create", lambda: CreateJournalDialog(settings_dir / "new.hjournal"))

        window = MainWindow(service)
        window.show()
        settle(app, window)
        for episode in sorted(service.episodes(), key=lambda e: e.sort_key, reverse=True):
            if episode.after_sex:
                window.select_episode(episode.id)
                break
        capture(app, window, args.out / f"{prefix}main-window.png")

        selected = window.selected_episode_id()
        shoot(
            "episode-editor",
            lambda: EpisodeEditor(window, next(e for e in service.episodes() if e.id == selected)),
        )
        for key in TAB_KEYS:
            shoot(f"records-{key}", lambda key=key: RecordsDialog(service, window, key))
        shoot("appointment", lambda: AppointmentDialog(service, window))
        shoot("add-appointment", lambda: AppointmentEditor(window))
        shoot("import", lambda: ImportDialog(service, window))
        shoot("change-passphrase", lambda: ChangePassphraseDialog(service, window))
        window.close()
        service.close()
    finally:
        demo.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
