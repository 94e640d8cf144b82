"""The records dialog's pages for screenings, ovulation signs and appointments.

Like the other pages, each only knows its columns, its form and its service calls.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit

from journal import clock
from journal.domain.model import SHORT_TEXT_MAX, Appointment, OvulationSign, Screening
from journal.domain.vocabulary import OvulationSignKind, ScreeningKind, ScreeningResult
from journal.gui.form_helpers import chosen, from_qdate, select_member, to_qdate, vocabulary_combo
from journal.gui.models.record_table_model import Column
from journal.gui.record_tab import RecordTab
from journal.gui.records_tabs import add_row, date_edit, show_day


class ScreeningsTab(RecordTab[Screening]):
    """Cervical screenings and STI tests with their results."""

    key = "screenings"
    changes_flag = "context"
    title = "Screenings"
    noun = "screening"
    hint = "Cervical screenings (Pap/HPV) and STI tests, with their results."
    field_names = {"date": "The date"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Screening]]:
        return [
            Column("Date", lambda s: show_day(s.date)),
            Column("Test", lambda s: s.kind.label),
            Column("Result", lambda s: s.result.label),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.kind_combo = vocabulary_combo(ScreeningKind, "Test")
        self.date_edit = date_edit("Date of the test")
        self.result_combo = vocabulary_combo(ScreeningResult, "Result")
        add_row(form, "&Kind", self.kind_combo)
        add_row(form, "Da&te", self.date_edit)
        add_row(form, "&Result", self.result_combo)

    def load(self) -> Sequence[Screening]:
        return sorted(self.service.data().screenings, key=lambda s: s.date, reverse=True)

    def read_form(self) -> Screening:
        return Screening(
            kind=chosen(self.kind_combo, ScreeningKind),
            date=from_qdate(self.date_edit.date()),
            result=chosen(self.result_combo, ScreeningResult),
        )

    def fill_form(self, record: Screening) -> None:
        select_member(self.kind_combo, record.kind)
        self.date_edit.setDate(to_qdate(record.date))
        select_member(self.result_combo, record.result)

    def clear_form(self) -> None:
        self.kind_combo.setCurrentIndex(0)
        self.date_edit.setDate(to_qdate(clock.today()))
        select_member(self.result_combo, ScreeningResult.UNKNOWN)

    def describe(self, record: Screening) -> str:
        return f"the {record.kind.label} of {show_day(record.date)}"


class OvulationSignsTab(RecordTab[OvulationSign]):
    """Observed signs of ovulation (tests, mucus, temperature)."""

    key = "ovulation"
    changes_flag = "periods"  # the service files them with the cycle
    title = "Ovulation signs"
    noun = "ovulation sign"
    hint = "Signs of ovulation you noticed: tests, peak mucus, a temperature shift."
    field_names = {"date": "The date"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[OvulationSign]]:
        return [
            Column("Date", lambda s: show_day(s.date)),
            Column("Sign", lambda s: s.sign.label),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.date_edit = date_edit("Date of the sign")
        self.sign_combo = vocabulary_combo(OvulationSignKind, "Sign")
        add_row(form, "Da&te", self.date_edit)
        add_row(form, "S&ign", self.sign_combo)

    def load(self) -> Sequence[OvulationSign]:
        return sorted(self.service.data().ovulation_signs, key=lambda s: s.date, reverse=True)

    def read_form(self) -> OvulationSign:
        return OvulationSign(
            from_qdate(self.date_edit.date()), chosen(self.sign_combo, OvulationSignKind)
        )

    def fill_form(self, record: OvulationSign) -> None:
        self.date_edit.setDate(to_qdate(record.date))
        select_member(self.sign_combo, record.sign)

    def clear_form(self) -> None:
        self.date_edit.setDate(to_qdate(clock.today()))
        self.sign_combo.setCurrentIndex(0)

    def describe(self, record: OvulationSign) -> str:
        return f"“{record.sign.label}” on {show_day(record.date)}"


class AppointmentsTab(RecordTab[Appointment]):
    """Visits to a provider, past or planned."""

    key = "appointments"
    changes_flag = "appointments"
    title = "Appointments"
    noun = "appointment"
    hint = "Visits to a doctor, nurse or clinic, past or planned."
    field_names = {"with": "“With whom”", "notes": "The text of the notes"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Appointment]]:
        return [
            Column("Date", lambda a: show_day(a.date)),
            Column("With", lambda a: a.with_),
            Column("Notes", lambda a: _first_line(a.notes)),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.date_edit = date_edit("Date of the appointment", past_only=False)
        self.with_edit = QLineEdit()
        self.with_edit.setAccessibleName("With whom")
        self.with_edit.setMaxLength(SHORT_TEXT_MAX)
        self.with_edit.setPlaceholderText("e.g. GP, gynaecologist, clinic")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Appointment notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        add_row(form, "Da&te", self.date_edit)
        add_row(form, "&With", self.with_edit)
        add_row(form, "N&otes", self.notes_edit)

    def load(self) -> Sequence[Appointment]:
        return sorted(self.service.data().appointments, key=lambda a: a.date, reverse=True)

    def read_form(self) -> Appointment:
        return Appointment(
            from_qdate(self.date_edit.date()), self.with_edit.text(), self.notes_edit.toPlainText()
        )

    def fill_form(self, record: Appointment) -> None:
        self.date_edit.setDate(to_qdate(record.date))
        self.with_edit.setText(record.with_)
        self.notes_edit.setPlainText(record.notes)

    def clear_form(self) -> None:
        self.date_edit.setDate(to_qdate(clock.today()))
        self.with_edit.clear()
        self.notes_edit.clear()

    def describe(self, record: Appointment) -> str:
        who = f" with {record.with_[:40]}" if record.with_ else ""
        return f"the appointment of {show_day(record.date)}{who}"


def _first_line(text: str, limit: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit and "\n" not in text.strip() else line[:limit] + "…"
