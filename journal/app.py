"""Composition root of the desktop app: unlock (or create) the journal, then the window.

The unlock dialog appears before anything heavy is imported; the main window (and with it
matplotlib) is imported right after the dialog is on screen, while the user types.
"""

from __future__ import annotations

import atexit
import gc
import linecache
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from journal.domain.errors import JournalError
from journal.gui.create_journal_dialog import CreateJournalDialog
from journal.gui.icons import install_app_icon
from journal.gui.unlock_dialog import UnlockDialog
from journal.leftovers import DEMO_PREFIX, remember_until_swept
from journal.settings import APPLICATION, ORGANISATION, Settings

if TYPE_CHECKING:
    from journal.gui.main_window import MainWindow
    from journal.services import JournalService

DEMO_PASSPHRASE = "demo"
DEMO_HINT = f"This is the demo journal: its passphrase is “{DEMO_PASSPHRASE}”."


@dataclass
class DemoJournal:
    """A throw-away journal in a private (0700) temporary folder, removed by ``remove()``."""

    folder: Path
    path: Path
    passphrase: str = DEMO_PASSPHRASE

    @classmethod
    def create(cls) -> DemoJournal:
        from journal.services.demo import create_demo_journal

        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))  # mkdtemp gives 0700
        demo = cls(folder=folder, path=folder / "demo.hjournal")
        atexit.register(demo.remove)  # even when the app ends abnormally
        remember_until_swept(folder)  # and if it is killed, the next start removes it
        create_demo_journal(demo.path, demo.passphrase)
        return demo

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


_startup_settled = False


def settle_start_up_memory() -> None:
    """Drop start-up's source cache and take start-up's objects out of the collector, once.

    Called when the window has been prepared and before any journal is opened.

    - PySide6 reads the source of every module imported after it (to see whether the
      module names "PySide6", for its ``__feature__`` switch), and Python's ``linecache``
      keeps those lines: 30 MB for the app's modules, matplotlib and numpy, never read
      again. Tracebacks read a file again when they need it.
    - The modules, Qt's wrappers and the empty window live as long as the app. Left in
      the collector's rounds, every unlock's load (thousands of episodes) set off a full
      collection that walked them all: 65–85 ms of the unlock with 5,000 episodes.
      Frozen objects are still freed when the last reference to them goes.

    No journal content is alive yet, so none of it is frozen.
    """
    global _startup_settled
    if not _startup_settled:
        linecache.clearcache()
        gc.freeze()
        _startup_settled = True


class AppController(QObject):
    """Walks the user through create/unlock → window → lock → unlock, without blocking."""

    def __init__(self, path: Path, *, hint: str = "", settings: Settings | None = None) -> None:
        super().__init__()
        self.path = path
        self.hint = hint
        self.settings = settings or Settings()
        self.dialog: UnlockDialog | CreateJournalDialog | None = None
        self.window: MainWindow | None = None
        # The main window, built (empty and hidden) while the passphrase is typed, from a
        # timer the controller owns (it never fires for a controller that is gone).
        self._prepared: MainWindow | None = None
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(50)
        self._prepare_timer.timeout.connect(self._prepare_window)

    def start(self, service: JournalService | None = None) -> None:
        """Open the window on ``service``, else ask to unlock (or create) the journal."""
        if service is not None:
            self._open_window(service)
        elif self.path.exists():
            self.ask_unlock()
        else:
            dialog = CreateJournalDialog(self.path)
            dialog.created.connect(lambda service: self._created(dialog.path, service))
            self._show_dialog(dialog)

    def _created(self, path: Path, service: JournalService) -> None:
        self.path = path  # the person may have chosen another place
        self._open_window(service)

    def ask_unlock(self) -> None:
        if isinstance(self.dialog, UnlockDialog) and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        locked = self.window is not None
        dialog = UnlockDialog(
            self.path, self.window, locked=locked, hint=self.hint,
            quit_label="&Not now" if locked else "&Quit",
        )  # fmt: skip
        dialog.unlocked.connect(self._open_window)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: UnlockDialog | CreateJournalDialog) -> None:
        self.dialog = dialog
        dialog.rejected.connect(self._dialog_rejected)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        # Build the window once the dialog is painted, while the user types: it holds no
        # journal data until the unlock hands it the service.
        if self.window is None:
            self._prepare_timer.start()

    def _prepare_window(self) -> None:
        from journal.gui.main_window import MainWindow

        if self.window is None and self._prepared is None and self.dialog is not None:
            self._prepared = MainWindow(None, self.settings)
            settle_start_up_memory()

    def _dialog_rejected(self) -> None:
        self.dialog = None
        if self.window is None:
            if self._prepared is not None:
                self._prepared.deleteLater()
                self._prepared = None
            QApplication.quit()

    def _open_window(self, service: JournalService) -> None:
        from journal.gui.main_window import MainWindow

        self.dialog = None
        if self.window is None:
            prepared, self._prepared = self._prepared, None
            if prepared is not None:
                prepared.set_service(service)
                self.window = prepared
            else:
                self.window = MainWindow(service, self.settings)
            self.window.locked.connect(lambda _reason: self.ask_unlock())
            self.window.unlock_requested.connect(self.ask_unlock)
            self.window.open_requested.connect(self.open_other)
            self.window.show()
        else:
            self.window.set_service(service)
            self.window.raise_()
            self.window.activateWindow()

    def open_other(self, path: Path) -> None:
        """Lock the journal on view and ask for the passphrase of the one at ``path``."""
        self.path, self.hint = path, ""
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.reject()
        if self.window is not None and not self.window.is_locked:
            self.window.lock("open another")  # its "locked" signal asks to unlock ``path``
        else:
            self.ask_unlock()

    def shutdown(self) -> None:
        self._prepare_timer.stop()
        if self._prepared is not None:
            self._prepared.deleteLater()
            self._prepared = None
        if self.window is not None:
            self.window.close()
        if self.dialog is not None:
            self.dialog.reject()


def run_app(path: Path | None, demo: bool = False) -> int:
    """The GUI's entry point (``health-journal`` with no command). Returns the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setQuitOnLastWindowClosed(True)
    install_app_icon()
    demo_journal: DemoJournal | None = None
    try:
        if demo:
            from journal.services import JournalService

            demo_journal = DemoJournal.create()
            controller = AppController(demo_journal.path, hint=DEMO_HINT)
            controller.start(JournalService.open(demo_journal.path, demo_journal.passphrase))
        else:
            if path is None:
                from journal.paths import default_journal_path

                path = default_journal_path()
            controller = AppController(path)
            controller.start()
        code = app.exec()
        controller.shutdown()
        return code
    except JournalError as error:
        QMessageBox.critical(None, APPLICATION, str(error))
        raise  # the command line says it once more and picks the exit code by kind
    finally:
        if demo_journal is not None:
            demo_journal.remove()
