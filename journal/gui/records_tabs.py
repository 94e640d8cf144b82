"""The records dialog's pages for periods, context over time and conditions, and the
helpers every page shares.

Each page is a ``RecordTab`` that only knows its columns and its form; the service saves an
edit in one transaction and refuses what breaks a rule (the page shows its sentence).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from journal import clock
from journal.domain.dates import DATES
from journal.domain.model import (
    Condition,
    ContextEntry,
    Period,
)
from journal.domain.vocabulary import (
    ConditionName,
    Contraception,
    LifeStage,
)
from journal.gui.form_helpers import (
    chosen,
    from_qdate,
    select_member,
    show_dates,
    to_qdate,
    vocabulary_combo,
)
from journal.gui.models.record_table_model import Column
from journal.gui.record_tab import RecordTab

T = TypeVar("T")


def date_edit(name: str, past_only: bool = True) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    show_dates(edit)
    edit.setAccessibleName(name)
    if past_only:
        # The service refuses future dates for these records; the picker does not offer them.
        edit.setMaximumDate(to_qdate(clock.today()))
    return edit


def add_row(form: QFormLayout, text: str, field: QWidget, beside: QWidget | None = None) -> None:
    """A row labelled ``text`` (its mnemonic focuses ``field``); ``beside``, a check box that
    qualifies the field (ongoing, still taking, known), stands to its right."""
    label = QLabel(text)
    label.setBuddy(field)
    if beside is None:
        form.addRow(label, field)
        return
    row = QHBoxLayout()
    row.addWidget(field)
    row.addSpacing(8)
    row.addWidget(beside)
    row.addStretch(1)
    form.addRow(label, row)


def show_day(value: date) -> str:
    return DATES.short(value)


class PeriodsTab(RecordTab[Period]):
    """Days of menstruation; a period without a last day is ongoing."""

    key = "periods"
    changes_flag = "periods"
    title = "Periods"
    noun = "period"
    hint = "The days of each period. Cards use them to place an episode in your cycle."
    field_names = {"start": "The first day", "end": "The last day"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Period]]:
        return [
            Column("First day", lambda p: show_day(p.start)),
            Column("Last day", lambda p: show_day(p.end) if p.end else "ongoing"),
            Column("Days", lambda p: str((p.end - p.start).days + 1) if p.end else "—"),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.start_edit = date_edit("First day")
        self.end_edit = date_edit("Last day")
        self.ongoing_check = QCheckBox("Still &going on")
        self.ongoing_check.setAccessibleName("Ongoing, no last day yet")
        self.ongoing_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        add_row(form, "&First day", self.start_edit)
        add_row(form, "&Last day", self.end_edit, beside=self.ongoing_check)

    def load(self) -> Sequence[Period]:
        return sorted(self.service.periods(), key=lambda p: p.start, reverse=True)

    def read_form(self) -> Period:
        end = None if self.ongoing_check.isChecked() else from_qdate(self.end_edit.date())
        return Period(from_qdate(self.start_edit.date()), end)

    def fill_form(self, record: Period) -> None:
        self.start_edit.setDate(to_qdate(record.start))
        self.end_edit.setDate(to_qdate(record.end or record.start))
        self.ongoing_check.setChecked(record.end is None)

    def clear_form(self) -> None:
        today = to_qdate(clock.today())
        self.start_edit.setDate(today)
        self.end_edit.setDate(today)
        self.ongoing_check.setChecked(True)

    def describe(self, record: Period) -> str:
        return f"the period from {show_day(record.start)}"


class ContextTab(RecordTab[ContextEntry]):
    """Life stage, contraception and wish to conceive, each entry in force from a date on.

    One entry a day: the service refuses a second one on a day that has one.
    """

    key = "context"
    changes_flag = "context"
    title = "Context over time"
    noun = "context entry"
    hint = "What was true from a date on. Add an entry whenever something changes."
    field_names = {"since": "The date"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[ContextEntry]]:
        return [
            Column("From", lambda c: show_day(c.since)),
            Column("Life stage", lambda c: c.life_stage.label),
            Column("Contraception", lambda c: c.contraception.label),
            Column("Trying to conceive", lambda c: "Yes" if c.trying_to_conceive else "No"),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.since_edit = date_edit("In force from")
        self.stage_combo = vocabulary_combo(LifeStage, "Life stage")
        self.method_combo = vocabulary_combo(Contraception, "Contraception")
        self.trying_check = QCheckBox("&Trying to conceive")
        self.trying_check.setAccessibleName("Trying to conceive")
        add_row(form, "&From", self.since_edit)
        add_row(form, "&Life stage", self.stage_combo)
        add_row(form, "&Contraception", self.method_combo)
        form.addRow("", self.trying_check)

    def load(self) -> Sequence[ContextEntry]:
        return sorted(self.service.data().context, key=lambda c: c.since, reverse=True)

    def read_form(self) -> ContextEntry:
        return ContextEntry(
            since=from_qdate(self.since_edit.date()),
            life_stage=chosen(self.stage_combo, LifeStage),
            contraception=chosen(self.method_combo, Contraception),
            trying_to_conceive=self.trying_check.isChecked(),
        )

    def fill_form(self, record: ContextEntry) -> None:
        self.since_edit.setDate(to_qdate(record.since))
        select_member(self.stage_combo, record.life_stage)
        select_member(self.method_combo, record.contraception)
        self.trying_check.setChecked(record.trying_to_conceive)

    def clear_form(self) -> None:
        """A new entry starts from the values in force today: change one, keep the rest."""
        today = clock.today()
        self.since_edit.setDate(to_qdate(today))
        in_force = next((c for c in self.model.records() if c.since <= today), None)
        current = in_force or ContextEntry(since=today)
        select_member(self.stage_combo, current.life_stage)
        select_member(self.method_combo, current.contraception)
        self.trying_check.setChecked(current.trying_to_conceive)

    def refresh(self) -> None:
        untouched = self.editing is None and not self.is_changed()
        super().refresh()
        if untouched:  # the entries just loaded: show the values in force
            self.start_new()

    def describe(self, record: ContextEntry) -> str:
        return f"the context from {show_day(record.since)}"


class ConditionsTab(RecordTab[Condition]):
    """Diagnosed conditions and since when."""

    key = "conditions"
    changes_flag = "context"
    title = "Conditions"
    noun = "condition"
    hint = "Diagnosed conditions, and since when you have known about them."
    field_names = {"since": "The date"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Condition]]:
        return [
            Column("Condition", lambda c: c.name.label),
            Column("Since", lambda c: show_day(c.since)),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.name_combo = vocabulary_combo(ConditionName, "Condition")
        self.since_edit = date_edit("Since")
        add_row(form, "&Condition", self.name_combo)
        add_row(form, "S&ince", self.since_edit)

    def load(self) -> Sequence[Condition]:
        return sorted(self.service.data().conditions, key=lambda c: (c.since, c.name.label))

    def read_form(self) -> Condition:
        return Condition(chosen(self.name_combo, ConditionName), from_qdate(self.since_edit.date()))

    def fill_form(self, record: Condition) -> None:
        select_member(self.name_combo, record.name)
        self.since_edit.setDate(to_qdate(record.since))

    def clear_form(self) -> None:
        self.name_combo.setCurrentIndex(0)
        self.since_edit.setDate(to_qdate(clock.today()))

    def describe(self, record: Condition) -> str:
        return f"“{record.name.label}” (since {show_day(record.since)})"
