"""The records dialog's pages for pregnancy tests, medications and the profile.

Each is a ``RecordTab`` like the other pages; the profile's list holds at most one row.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from journal import clock
from journal.domain.model import (
    BIRTH_YEAR_MIN,
    PROFILE_NAME_MAX,
    Medication,
    PregnancyTest,
    Profile,
)
from journal.domain.vocabulary import MedicationName, PregnancyTestResult
from journal.gui.form_helpers import (
    chosen,
    from_qdate,
    select_member,
    to_qdate,
    vocabulary_combo,
)
from journal.gui.models.record_table_model import Column
from journal.gui.record_tab import RecordTab
from journal.gui.records_tabs import add_row, date_edit, show_day


class PregnancyTestsTab(RecordTab[PregnancyTest]):
    """Home or clinic pregnancy tests with their results."""

    key = "pregnancy-tests"
    title = "Pregnancy tests"
    noun = "pregnancy test"
    hint = (
        "Pregnancy tests and their results. A positive test after your last period means "
        "the cards treat you as pregnant until a new period or a change of context is logged."
    )
    field_names = {"date": "The date"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[PregnancyTest]]:
        return [
            Column("Date", lambda t: show_day(t.date)),
            Column("Result", lambda t: t.result.label),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.date_edit = date_edit("Date of the test")
        self.result_combo = vocabulary_combo(PregnancyTestResult, "Result")
        add_row(form, "Da&te", self.date_edit)
        add_row(form, "&Result", self.result_combo)

    def load(self) -> Sequence[PregnancyTest]:
        return sorted(self.service.data().pregnancy_tests, key=lambda t: t.date, reverse=True)

    def read_form(self) -> PregnancyTest:
        return PregnancyTest(
            from_qdate(self.date_edit.date()), chosen(self.result_combo, PregnancyTestResult)
        )

    def fill_form(self, record: PregnancyTest) -> None:
        self.date_edit.setDate(to_qdate(record.date))
        select_member(self.result_combo, record.result)

    def clear_form(self) -> None:
        self.date_edit.setDate(to_qdate(clock.today()))
        select_member(self.result_combo, PregnancyTestResult.NEGATIVE)

    def describe(self, record: PregnancyTest) -> str:
        return f"the {record.result.label.lower()} test of {show_day(record.date)}"


class MedicationsTab(RecordTab[Medication]):
    """Medicines that change what bleeding means, with the days they were taken."""

    key = "medications"
    title = "Medications"
    noun = "medication"
    hint = (
        "Hormone therapy, tamoxifen, blood thinners, vaginal estrogen or emergency "
        "contraception change what bleeding means. Log when you started (and stopped)."
    )
    field_names = {"since": "The start", "until": "The last day"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Medication]]:
        return [
            Column("Medication", lambda m: m.name.label),
            Column("From", lambda m: show_day(m.since)),
            Column("Until", _until_text),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.name_combo = vocabulary_combo(MedicationName, "Medication")
        self.since_edit = date_edit("Taken from")
        self.until_edit = date_edit("Taken until")
        self.still_check = QCheckBox("Still &taking it")
        self.still_check.setAccessibleName("Still taking it, no last day yet")
        self.still_check.toggled.connect(self._sync)
        self.name_combo.currentIndexChanged.connect(self._sync)
        add_row(form, "&Medication", self.name_combo)
        add_row(form, "&From", self.since_edit)
        add_row(form, "&Until", self.until_edit, beside=self.still_check)
        self.dose_note = QLabel("A single dose: the date is the day you took it.")
        self.dose_note.setAccessibleName("Single dose note")
        form.addRow("", self.dose_note)

    def load(self) -> Sequence[Medication]:
        return sorted(self.service.data().medications, key=lambda m: m.since, reverse=True)

    def read_form(self) -> Medication:
        name = chosen(self.name_combo, MedicationName)
        since = from_qdate(self.since_edit.date())
        if name.is_single_dose or self.still_check.isChecked():
            return Medication(name, since)
        return Medication(name, since, from_qdate(self.until_edit.date()))

    def fill_form(self, record: Medication) -> None:
        select_member(self.name_combo, record.name)
        self.since_edit.setDate(to_qdate(record.since))
        self.until_edit.setDate(to_qdate(record.until or clock.today()))
        self.still_check.setChecked(record.until is None)
        self._sync()

    def clear_form(self) -> None:
        self.name_combo.setCurrentIndex(0)
        self.since_edit.setDate(to_qdate(clock.today()))
        self.until_edit.setDate(to_qdate(clock.today()))
        self.still_check.setChecked(True)
        self._sync()

    def describe(self, record: Medication) -> str:
        return f"“{record.name.label}” from {show_day(record.since)}"

    def _sync(self) -> None:
        single = chosen(self.name_combo, MedicationName).is_single_dose
        self.still_check.setVisible(not single)
        self.until_edit.setVisible(not single)
        self.until_edit.setEnabled(not self.still_check.isChecked())
        self.dose_note.setVisible(single)


def _until_text(medication: Medication) -> str:
    if medication.name.is_single_dose:
        return "single dose"
    return show_day(medication.until) if medication.until else "still taking"


class ProfileTab(RecordTab[Profile]):
    """The one profile: year of birth (for age thresholds) and a name for reports.

    A list of at most one row, so it works like the other pages: the row is selected
    whenever it exists, and saving replaces it.
    """

    key = "profile"
    title = "Profile"
    noun = "profile"
    hint = (
        "Your year of birth lets the cards take age into account (some advice changes "
        "from 45 on). The name is printed on a report only when you ask for it. "
        "Both are optional."
    )
    field_names = {"birth_year": "The year of birth", "name": "The name"}  # noqa: RUF012

    def columns(self) -> Sequence[Column[Profile]]:
        return [
            Column("Year of birth", lambda p: str(p.birth_year) if p.birth_year else "—"),
            Column("Name", lambda p: p.name or "—"),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.year_known = QCheckBox("&Known")
        self.year_known.setAccessibleName("Give the year of birth")
        self.year_spin = QSpinBox()
        self.year_spin.setAccessibleName("Year of birth")
        self.year_spin.setRange(BIRTH_YEAR_MIN, clock.today().year)
        self.year_known.toggled.connect(self.year_spin.setEnabled)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name for reports")
        self.name_edit.setMaxLength(PROFILE_NAME_MAX)
        self.name_edit.setPlaceholderText("optional; printed on reports only when you ask")
        add_row(form, "&Year of birth", self.year_spin, beside=self.year_known)
        add_row(form, "&Name", self.name_edit)

    def load(self) -> Sequence[Profile]:
        profile = self.service.profile()
        return [] if profile.is_empty else [profile]

    def refresh(self) -> None:
        super().refresh()
        # The one profile is always the record being edited.
        if self.editing is None and self.model.rowCount():
            self.view.selectRow(0)

    def read_form(self) -> Profile:
        year = self.year_spin.value() if self.year_known.isChecked() else None
        return Profile(birth_year=year, name=self.name_edit.text().strip())

    def fill_form(self, record: Profile) -> None:
        self.year_known.setChecked(record.birth_year is not None)
        self.year_spin.setEnabled(record.birth_year is not None)
        if record.birth_year is not None:
            self.year_spin.setValue(record.birth_year)
        self.name_edit.setText(record.name)

    def clear_form(self) -> None:
        self.year_known.setChecked(False)
        self.year_spin.setEnabled(False)
        self.year_spin.setValue(clock.today().year - 35)
        self.name_edit.clear()

    def store(self, record: Profile, previous: Profile | None) -> None:
        self.service.save_profile(record)

    def remove(self, record: Profile) -> None:
        self.service.delete_profile()

    def describe(self, record: Profile) -> str:
        return "the profile (year of birth and name)"
