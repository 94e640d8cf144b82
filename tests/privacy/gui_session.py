"""A scripted desktop session for the leak test, run in its own process by ``test_leaks``.

It starts the app the way a user does (``health-journal --journal PATH``: hardening,
``run_app``, ``AppController``) and then plays the user on the running event loop: creates
the journal in the create dialog, logs an episode with the marker in its notes, edits it,
adds a period and an appointment in the records dialog, saves the appointment summary
and an episode report as PDFs, locks with Ctrl+L, fails one unlock, unlocks and quits.
Only the questions that would need a person (file names, message boxes) are answered
in code; the forms are filled and submitted through their real widgets.

Reads one JSON object on stdin: ``{"journal", "exports", "passphrase", "marker"}``.
Prints one JSON object on stdout: ``{"exports": [paths the user asked for], ...}``.
Exits 0 only when every step did what a user would have seen it do.
"""

from __future__ import annotations

import json
import socket
import sys
import traceback
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from journal import clock
from journal.domain.model import Episode, EpisodeDraft
from journal.domain.vocabulary import Amount, Colour, Symptom, Trigger
from journal.gui.create_journal_dialog import CreateJournalDialog
from journal.gui.episode_editor import EpisodeEditor
from journal.gui.main_window import MainWindow
from journal.gui.records_dialog import RecordsDialog
from journal.gui.unlock_dialog import UnlockDialog

NOW = datetime(2026, 11, 22, 12, 0)  # the suite's pinned "now", so runs are repeatable
WATCHDOG_MS = 45_000  # the whole session takes about 3 s
W = TypeVar("W", bound=QWidget)


class StepFailed(AssertionError):
    """A step did not have the effect a user would have seen."""


def check(condition: object, what: str) -> None:
    if not condition:
        raise StepFailed(what)


def visible(kind: type[W]) -> list[W]:
    """The visible top-level windows and dialogs of ``kind`` (what a user would see)."""
    QApplication.processEvents()
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def shown(kind: type[W]) -> W:
    """The one visible top-level window or dialog of ``kind``."""
    found = visible(kind)
    check(len(found) == 1, f"expected one visible {kind.__name__}, found {len(found)}")
    return found[0]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class Session:
    """The user's steps, in order; ``run`` is called once the app's event loop is running."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.journal = Path(config["journal"])
        self.exports = Path(config["exports"])
        self.passphrase: str = config["passphrase"]
        self.marker: str = config["marker"]
        self.saved: list[Path] = []
        self.told: list[tuple[str, str, bool]] = []
        self.failures: list[str] = []
        self.steps: list[str] = []

    # ------------------------------------------------------------------ the only stand-ins

    def answer_prompts(self) -> None:
        """File names and message boxes come from the user, not from a form: answer them."""
        from journal.gui.report_dialog import ReportPrompts

        names = iter(["appointment-summary.pdf", "episode-report.pdf"])
        session = self

        def ask_pdf_path(cls: type, _parent: QWidget | None, suggested: str) -> Path:
            check(suggested.endswith(".pdf"), f"odd suggested name {suggested!r}")
            return session.exports / next(names)

        def tell(
            cls: type, _parent: QWidget | None, title: str, text: str, error: bool = False
        ) -> None:
            session.told.append((title, text, error))

        ReportPrompts.ask_pdf_path = classmethod(ask_pdf_path)  # type: ignore[method-assign,assignment]
        ReportPrompts.tell = classmethod(tell)  # type: ignore[method-assign,assignment]

    @staticmethod
    def editor_answers(fill: Callable[[EpisodeEditor], None]) -> list[Episode | None]:
        """``EpisodeEditor.ask`` builds the real form, ``fill`` types into it, Save is pressed.

        Only the modal ``exec()`` is skipped (nothing would press its buttons); the draft
        is the one the form itself checked in ``accept()``.
        """
        asked: list[Episode | None] = []

        def ask(parent: QWidget | None = None, episode: Episode | None = None) -> EpisodeDraft:
            asked.append(episode)
            editor = EpisodeEditor(parent, episode)
            try:
                editor.show()
                fill(editor)
                editor.save_button.click()  # Save → accept(): validates like for a user
                check(editor.result() == QDialog.DialogCode.Accepted, "editor refused")
                return editor.draft()
            finally:
                editor.hide()
                editor.deleteLater()

        EpisodeEditor.ask = staticmethod(ask)  # type: ignore[method-assign]
        return asked

    # ------------------------------------------------------------------ the session

    def run(self) -> None:
        try:
            self.answer_prompts()
            window = self.create_journal()
            episode_id = self.log_episode(window)
            self.edit_episode(window, episode_id)
            self.add_records(window)
            self.save_appointment_summary(window)
            self.save_episode_report(window, episode_id)
            self.export_json(window)
            self.lock_and_unlock(window, episode_id)
            self.step("quit")
            window.actions_.quit.trigger()  # closes the window: geometry saved, app quits
        except BaseException:  # reported on stderr; the exit code says it failed
            self.failures.append(traceback.format_exc())
            QApplication.exit(1)

    def step(self, name: str) -> None:
        self.steps.append(name)

    def create_journal(self) -> MainWindow:
        self.step("create")
        dialog = shown(CreateJournalDialog)
        dialog.passphrase.setText(self.passphrase)
        dialog.repeat.setText(self.passphrase)
        check(dialog.create_button.isEnabled(), "Create stays disabled")
        dialog.create_button.click()
        check(self.journal.is_file(), "no journal file after Create")
        window = shown(MainWindow)
        check(
            not window.is_locked and window.episode_list.model.rowCount() == 0,
            "new journal not empty",
        )
        return window

    def log_episode(self, window: MainWindow) -> str:
        self.step("log")

        def fill(editor: EpisodeEditor) -> None:
            editor.amount_buttons[Amount.LIGHT].click()
            editor.colour_buttons[Colour.BROWN].click()
            editor.trigger_combo.setCurrentIndex(editor.trigger_combo.findData(Trigger.OTHER))
            editor.symptom_checks[Symptom.CRAMPS].click()
            editor.started_edit.setDateTime(QDateTime(qdate(NOW.date()), QTime(7, 40)))
            editor.notes_edit.setPlainText(f"first note {self.marker} typed in the app")

        asked = self.editor_answers(fill)
        window.new_action.trigger()  # Ctrl+N
        check(asked == [None], "the new-episode editor was not asked")
        check(window.episode_list.model.rowCount() == 1, "the logged episode is not listed")
        episode_id = window.selected_episode_id()
        check(episode_id is not None, "the new episode is not selected")
        assert episode_id is not None and window.service is not None
        check(self.marker in window.service.episode(episode_id).notes, "marker not stored")
        check(self.marker in window.details.notes.text(), "marker not shown in details")
        return episode_id

    def edit_episode(self, window: MainWindow, episode_id: str) -> None:
        self.step("edit")

        def fill(editor: EpisodeEditor) -> None:
            check(self.marker in editor.notes_edit.toPlainText(), "editor not prefilled")
            editor.amount_buttons[Amount.MODERATE].click()
            editor.notes_edit.setPlainText(f"edited: {self.marker}, then it stopped")

        asked = self.editor_answers(fill)
        window.select_episode(episode_id)
        window.edit_action.trigger()  # Ctrl+E
        assert window.service is not None
        edited = window.service.episode(episode_id)
        check(len(asked) == 1 and asked[0] is not None, "the editor was not prefilled")
        check(edited.amount is Amount.MODERATE, "the edit was not saved")
        check(edited.notes.startswith("edited: "), "the edited notes were not saved")

    def add_records(self, window: MainWindow) -> None:
        """Ctrl+R opens the records dialog modally; the user's clicks run inside its loop."""
        self.step("records")
        done: list[str] = []
        today = NOW.date()

        def in_dialog() -> None:
            try:
                dialog = shown(RecordsDialog)
                periods = dialog.open_tab("periods")
                periods.start_edit.setDate(qdate(today - timedelta(days=30)))  # type: ignore[attr-defined]
                periods.ongoing_check.setChecked(False)  # type: ignore[attr-defined]
                periods.end_edit.setDate(qdate(today - timedelta(days=26)))  # type: ignore[attr-defined]
                periods.save_button.click()
                check(periods.model.rowCount() == 1, f"period not added: {periods.error.text()}")
                visits = dialog.open_tab("appointments")
                visits.date_edit.setDate(qdate(today - timedelta(days=10)))  # type: ignore[attr-defined]
                visits.with_edit.setText("GP")  # type: ignore[attr-defined]
                visits.notes_edit.setPlainText(f"asked about {self.marker}")  # type: ignore[attr-defined]
                visits.save_button.click()
                check(visits.model.rowCount() == 1, f"visit not added: {visits.error.text()}")
                done.append("ok")
            finally:
                shown(RecordsDialog).reject()  # Close; a failure must not leave exec() waiting

        QTimer.singleShot(0, in_dialog)
        window.records_action.trigger()  # Ctrl+R: returns when the dialog is closed
        check(done == ["ok"], "the records dialog steps did not finish")
        assert window.service is not None
        check(len(window.service.periods()) == 1, "period not in the journal")
        check(window.service.last_appointment() is not None, "appointment not in the journal")

    def save_appointment_summary(self, window: MainWindow) -> None:
        from journal.gui.report_dialog import AppointmentDialog

        self.step("appointment summary")
        window.appointment_action.trigger()
        dialog = shown(AppointmentDialog)
        dialog.preset.setCurrentIndex(AppointmentDialog.MONTHS_3)
        check(self.marker in dialog.preview.toPlainText(), "summary preview lacks the notes")
        dialog.save_button.click()
        self.expect_saved(self.exports / "appointment-summary.pdf")
        dialog.close_button.click()  # deletes itself on close (WA_DeleteOnClose)
        check(not visible(AppointmentDialog), "the appointment dialog stayed open")

    def save_episode_report(self, window: MainWindow, episode_id: str) -> None:
        from journal.gui.report_dialog import EpisodeReportPreview

        self.step("episode report")
        window.select_episode(episode_id)
        window.report_action.trigger()  # Ctrl+P
        preview = shown(EpisodeReportPreview)
        preview.save_action.trigger()
        self.expect_saved(self.exports / "episode-report.pdf")
        preview.reject()

    def expect_saved(self, path: Path) -> None:
        check(path.is_file(), f"{path.name} was not saved; told {self.told}")
        title, text, error = self.told[-1]
        check(title == "Report saved" and not error and "not encrypted" in text, str(self.told))
        self.saved.append(path)

    def export_json(self, window: MainWindow) -> None:
        self.step("export")
        target = self.exports / "gui-export.json"
        assert window.service is not None
        window.service.export_to(target)
        self.saved.append(target)

    def lock_and_unlock(self, window: MainWindow, episode_id: str) -> None:
        self.step("lock")
        window.lock_action.trigger()  # Ctrl+L
        check(
            window.is_locked and window.episode_list.model.rowCount() == 0, "lock left data on view"
        )
        check(window.details.notes.text() == "", "lock left the notes on view")
        dialog = shown(UnlockDialog)  # the controller asks at once
        self.step("wrong passphrase")
        dialog.passphrase.setText(self.passphrase + " typo")
        dialog.unlock_button.click()
        check(window.is_locked and dialog.error_text, "a wrong passphrase unlocked")
        self.step("unlock")
        dialog.passphrase.setText(self.passphrase)
        dialog.unlock_button.click()
        check(not window.is_locked, "the right passphrase did not unlock")
        check(window.selected_episode_id() == episode_id, "unlock lost the selection")
        check(self.marker in window.details.notes.text(), "unlocked window lacks the notes")


def refuse_network() -> None:
    """Like the suite's guard: a Python-level connection other than local IPC fails."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ConnectionRefusedError("the app tried to open a network connection")

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family != getattr(socket, "AF_UNIX", None):
            refuse()
        real_connect(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def watchdog(session: Session) -> None:
    """A step stuck in an unexpected modal question fails the run instead of hanging it."""
    stuck = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    session.failures.insert(0, f"timed out after steps {session.steps}; on screen: {stuck}")
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    QApplication.exit(1)


def main() -> int:
    config = json.loads(sys.stdin.read())
    refuse_network()
    clock.set_now(lambda: NOW)
    app = QApplication(sys.argv[:1])  # run_app reuses it; the timers need it first
    session = Session(config)
    QTimer.singleShot(0, session.run)
    QTimer.singleShot(WATCHDOG_MS, lambda: watchdog(session))

    from journal.cli import main as health_journal

    code = health_journal(["--journal", str(session.journal)])
    del app
    for failure in session.failures:
        print(failure, file=sys.stderr)
    report = {
        "exports": [str(p) for p in session.saved],
        "steps": session.steps,
        "exit_code": code,
    }
    print(json.dumps(report))
    return 0 if code == 0 and not session.failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
