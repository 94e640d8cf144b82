"""The records dialog's pregnancy tests, medications and profile, on a real journal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal.domain.dates import DATES
from journal.domain.model import Medication, PregnancyTest, Profile
from journal.domain.vocabulary import MedicationName, PregnancyTestResult
from journal.gui import record_tab
from journal.gui.life_tabs import MedicationsTab, PregnancyTestsTab, ProfileTab
from journal.gui.records_dialog import TAB_KEYS, RecordsDialog
from journal.services import JournalService

PASSPHRASE = "a long enough passphrase 42"


@pytest.fixture
def service(journal_path: Path) -> Iterator[JournalService]:
    JournalService.create(journal_path, PASSPHRASE)
    opened = JournalService.open(journal_path, PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()


@pytest.fixture
def dialog(qtbot: QtBot, service: JournalService) -> RecordsDialog:
    shown = RecordsDialog(service)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def fake_confirm(_parent: QWidget | None, text: str, action: str = "Delete") -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(record_tab, "confirm", fake_confirm)
    return asked


def test_the_new_tabs_are_there_in_order(dialog: RecordsDialog) -> None:
    assert TAB_KEYS[-3:] == ("pregnancy-tests", "medications", "profile")
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles[-3:] == ["Pregnancy tests", "Medications", "Profile"]


def test_logging_a_positive_pregnancy_test(dialog: RecordsDialog, service: JournalService) -> None:
    page = dialog.open_tab("pregnancy-tests")
    assert isinstance(page, PregnancyTestsTab)
    page.date_edit.setDate(QDate(2026, 11, 15))
    page.result_combo.setCurrentIndex(page.result_combo.findData(PregnancyTestResult.POSITIVE))
    page.save_button.click()
    expected = PregnancyTest(date(2026, 11, 15), PregnancyTestResult.POSITIVE)
    assert service.data().pregnancy_tests == (expected,)
    assert [page.model.index(0, c).data() for c in range(2)] == [
        DATES.short(date(2026, 11, 15)),
        "Positive",
    ]
    # Changing the result replaces the record.
    page.result_combo.setCurrentIndex(page.result_combo.findData(PregnancyTestResult.NEGATIVE))
    page.save_button.click()
    assert service.data().pregnancy_tests == (
        PregnancyTest(date(2026, 11, 15), PregnancyTestResult.NEGATIVE),
    )


def test_a_future_test_date_is_not_offered(dialog: RecordsDialog) -> None:
    page = dialog.open_tab("pregnancy-tests")
    assert isinstance(page, PregnancyTestsTab)
    assert page.date_edit.maximumDate() == QDate(2026, 11, 22)


def test_a_medication_still_taken_then_stopped(
    dialog: RecordsDialog, service: JournalService
) -> None:
    page = dialog.open_tab("medications")
    assert isinstance(page, MedicationsTab)
    page.name_combo.setCurrentIndex(page.name_combo.findData(MedicationName.HRT_CONTINUOUS))
    page.since_edit.setDate(QDate(2025, 6, 1))
    assert page.still_check.isChecked()
    assert not page.until_edit.isEnabled()
    page.save_button.click()
    started = Medication(MedicationName.HRT_CONTINUOUS, date(2025, 6, 1))
    assert service.data().medications == (started,)
    assert page.model.index(0, 2).data() == "still taking"

    page.still_check.click()
    assert page.until_edit.isEnabled()
    page.until_edit.setDate(QDate(2026, 10, 31))
    page.save_button.click()
    assert service.data().medications == (
        Medication(MedicationName.HRT_CONTINUOUS, date(2025, 6, 1), date(2026, 10, 31)),
    )


def test_emergency_contraception_is_one_day(dialog: RecordsDialog, service: JournalService) -> None:
    page = dialog.open_tab("medications")
    assert isinstance(page, MedicationsTab)
    page.name_combo.setCurrentIndex(
        page.name_combo.findData(MedicationName.EMERGENCY_CONTRACEPTION)
    )
    assert page.dose_note.isVisible()
    assert not page.until_edit.isVisible()
    page.since_edit.setDate(QDate(2026, 11, 2))
    page.save_button.click()
    assert service.data().medications == (
        Medication(MedicationName.EMERGENCY_CONTRACEPTION, date(2026, 11, 2)),
    )
    assert page.model.index(0, 2).data() == "single dose"


def test_an_end_before_the_start_is_explained(
    dialog: RecordsDialog, service: JournalService
) -> None:
    page = dialog.open_tab("medications")
    assert isinstance(page, MedicationsTab)
    page.since_edit.setDate(QDate(2026, 5, 1))
    page.still_check.click()
    page.until_edit.setDate(QDate(2026, 4, 1))
    page.save_button.click()
    assert page.error.isVisible()
    assert page.error.message() == "The last day is before the start (since)."
    assert service.data().medications == ()


def test_the_profile_year_of_birth_and_name(
    dialog: RecordsDialog, service: JournalService, answers: list[str]
) -> None:
    page = dialog.open_tab("profile")
    assert isinstance(page, ProfileTab)
    assert not page.year_spin.isEnabled()
    page.year_known.click()
    page.year_spin.setValue(1981)
    page.name_edit.setText("  Alex Example ")
    page.save_button.click()
    assert service.profile() == Profile(birth_year=1981, name="Alex Example")
    assert [page.model.index(0, c).data() for c in range(2)] == ["1981", "Alex Example"]
    # The one profile stays selected: the next save changes it.
    assert page.selected() == Profile(birth_year=1981, name="Alex Example")
    page.name_edit.clear()
    page.save_button.click()
    assert service.profile() == Profile(birth_year=1981)
    page.delete_button.click()
    assert answers == ["Delete the profile (year of birth and name)?"]
    assert service.profile() == Profile()
    assert page.model.rowCount() == 0


def test_an_empty_profile_is_not_saved(dialog: RecordsDialog, service: JournalService) -> None:
    page = dialog.open_tab("profile")
    assert isinstance(page, ProfileTab)
    page.save_button.click()
    assert page.error.isVisible()
    assert "year of birth or a name" in page.error.message()
    assert service.profile() == Profile()


def test_an_existing_profile_is_shown_when_the_dialog_opens(
    qtbot: QtBot, service: JournalService
) -> None:
    service.save_profile(Profile(birth_year=1990))
    shown = RecordsDialog(service, tab="profile")
    qtbot.addWidget(shown)
    page = shown.current_tab()
    assert isinstance(page, ProfileTab)
    assert page.year_known.isChecked()
    assert page.year_spin.value() == 1990
    assert page.save_button.text() == "&Save changes"
