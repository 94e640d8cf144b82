"""The records dialog on a real, encrypted journal: every change goes through the service."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journal.domain.dates import DATES
from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    OvulationSign,
    Period,
    Screening,
)
from journal.domain.vocabulary import (
    ConditionName,
    Contraception,
    LifeStage,
    OvulationSignKind,
    ScreeningKind,
    ScreeningResult,
)
from journal.gui import record_tab
from journal.gui.checkup_tabs import AppointmentsTab, OvulationSignsTab, ScreeningsTab
from journal.gui.models.record_table_model import Column, RecordTableModel
from journal.gui.records_dialog import TAB_KEYS, RecordsDialog
from journal.gui.records_tabs import ConditionsTab, ContextTab, PeriodsTab
from journal.services import JournalService


@pytest.fixture
def dialog(qtbot: QtBot, service: JournalService) -> RecordsDialog:
    shown = RecordsDialog(service)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation question asked; the answer is yes."""
    asked: list[str] = []

    def fake_confirm(_parent: QWidget | None, text: str, action: str = "Delete") -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(record_tab, "confirm", fake_confirm)
    return asked


def qdate(year: int, month: int, day: int) -> QDate:
    return QDate(year, month, day)


def periods_tab(dialog: RecordsDialog) -> PeriodsTab:
    page = dialog.open_tab("periods")
    assert isinstance(page, PeriodsTab)
    return page


def test_adding_a_period_through_the_form(dialog: RecordsDialog, service: JournalService) -> None:
    page = periods_tab(dialog)
    page.start_edit.setDate(qdate(2026, 11, 2))
    page.ongoing_check.click()
    page.end_edit.setDate(qdate(2026, 11, 6))
    page.save_button.click()

    assert service.periods() == [Period(date(2026, 11, 2), date(2026, 11, 6))]
    assert page.model.records() == [Period(date(2026, 11, 2), date(2026, 11, 6))]
    assert page.model.index(0, 1).data() == DATES.short(date(2026, 11, 6))
    assert not page.error.isVisible()
    # The new record is selected, so the form now edits it.
    assert page.selected() == Period(date(2026, 11, 2), date(2026, 11, 6))
    assert page.save_button.text() == "&Save changes"


def test_an_ongoing_period_and_enter_saves(
    qtbot: QtBot, dialog: RecordsDialog, service: JournalService
) -> None:
    page = periods_tab(dialog)
    page.start_edit.setDate(qdate(2026, 11, 20))
    assert page.ongoing_check.isChecked()
    qtbot.keyClick(page.start_edit, Qt.Key.Key_Return)
    assert service.periods() == [Period(date(2026, 11, 20))]
    assert page.model.index(0, 1).data() == "ongoing"


def test_an_overlapping_period_is_explained_and_changes_nothing(
    dialog: RecordsDialog, service: JournalService
) -> None:
    service.save_period(Period(date(2026, 10, 30), date(2026, 11, 3)))
    page = periods_tab(dialog)
    page.start_edit.setDate(qdate(2026, 11, 1))
    page.save_button.click()

    assert service.periods() == [Period(date(2026, 10, 30), date(2026, 11, 3))]
    assert page.error.isVisible()
    assert page.error.message() == "The first day overlaps the period logged from 2026-10-30."
    assert page.model.rowCount() == 1


def test_editing_a_period_replaces_it(dialog: RecordsDialog, service: JournalService) -> None:
    service.save_period(Period(date(2026, 10, 1), date(2026, 10, 5)))
    page = periods_tab(dialog)
    page.view.selectRow(0)
    assert page.start_edit.date() == qdate(2026, 10, 1)
    assert not page.ongoing_check.isChecked()
    page.end_edit.setDate(qdate(2026, 10, 6))
    page.save_button.click()
    assert service.periods() == [Period(date(2026, 10, 1), date(2026, 10, 6))]


def test_deleting_asks_first(
    dialog: RecordsDialog, service: JournalService, answers: list[str]
) -> None:
    service.save_period(Period(date(2026, 10, 1), date(2026, 10, 5)))
    page = periods_tab(dialog)
    page.view.selectRow(0)
    page.delete_button.click()
    assert answers == [f"Delete the period from {DATES.short(date(2026, 10, 1))}?"]
    assert service.periods() == []
    assert page.model.rowCount() == 0


def test_a_no_to_the_question_keeps_the_record(
    dialog: RecordsDialog, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_tab, "confirm", lambda *_args, **_kwargs: False)
    service.save_condition(Condition(ConditionName.PCOS, date(2020, 1, 1)))
    page = dialog.open_tab("conditions")
    page.view.selectRow(0)
    page.delete_button.click()
    assert service.data().conditions == (Condition(ConditionName.PCOS, date(2020, 1, 1)),)


def test_the_delete_key_deletes_the_selected_row(
    qtbot: QtBot, dialog: RecordsDialog, service: JournalService, answers: list[str]
) -> None:
    service.save_ovulation_sign(OvulationSign(date(2026, 11, 10), OvulationSignKind.PEAK_MUCUS))
    page = dialog.open_tab("ovulation")
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(answers) == 1
    assert service.data().ovulation_signs == ()


def test_adding_context(dialog: RecordsDialog, service: JournalService) -> None:
    page = dialog.open_tab("context")
    assert isinstance(page, ContextTab)
    page.since_edit.setDate(qdate(2026, 3, 1))
    page.stage_combo.setCurrentIndex(page.stage_combo.findData(LifeStage.PERIMENOPAUSE))
    page.method_combo.setCurrentIndex(page.method_combo.findData(Contraception.HORMONAL_IUD))
    page.trying_check.click()
    page.save_button.click()
    expected = ContextEntry(
        date(2026, 3, 1), LifeStage.PERIMENOPAUSE, Contraception.HORMONAL_IUD, True
    )
    assert service.data().context == (expected,)
    assert [page.model.index(0, c).data() for c in range(4)] == [
        DATES.short(date(2026, 3, 1)),
        "Perimenopause",
        "Hormonal IUD",
        "Yes",
    ]


def test_context_list_is_sorted_by_date_and_a_taken_day_is_refused(
    dialog: RecordsDialog, service: JournalService
) -> None:
    service.save_context(ContextEntry(date(2025, 1, 1)))
    service.save_context(ContextEntry(date(2026, 1, 1), contraception=Contraception.RING))
    service.save_context(ContextEntry(date(2024, 1, 1)))
    page = dialog.open_tab("context")
    assert [e.since for e in page.model.records()] == [
        date(2026, 1, 1),
        date(2025, 1, 1),
        date(2024, 1, 1),
    ]
    assert isinstance(page, ContextTab)
    page.since_edit.setDate(qdate(2025, 1, 1))
    page.trying_check.click()
    page.save_button.click()
    assert f"already context from {DATES.short(date(2025, 1, 1))}" in page.error.message()
    assert ContextEntry(date(2025, 1, 1)) in service.data().context


def test_adding_a_condition_a_screening_a_sign_and_an_appointment(
    dialog: RecordsDialog, service: JournalService
) -> None:
    conditions = dialog.open_tab("conditions")
    assert isinstance(conditions, ConditionsTab)
    conditions.name_combo.setCurrentIndex(conditions.name_combo.findData(ConditionName.FIBROIDS))
    conditions.since_edit.setDate(qdate(2019, 5, 4))
    conditions.save_button.click()

    screenings = dialog.open_tab("screenings")
    assert isinstance(screenings, ScreeningsTab)
    screenings.date_edit.setDate(qdate(2025, 9, 9))
    screenings.result_combo.setCurrentIndex(
        screenings.result_combo.findData(ScreeningResult.NORMAL)
    )
    screenings.save_button.click()

    signs = dialog.open_tab("ovulation")
    assert isinstance(signs, OvulationSignsTab)
    signs.date_edit.setDate(qdate(2026, 11, 8))
    signs.sign_combo.setCurrentIndex(signs.sign_combo.findData(OvulationSignKind.POSITIVE_OPK))
    signs.save_button.click()

    visits = dialog.open_tab("appointments")
    assert isinstance(visits, AppointmentsTab)
    visits.date_edit.setDate(qdate(2026, 12, 3))  # planned visits may be in the future
    visits.with_edit.setText("Dr <b>Okafor</b>'; DROP TABLE appointments;--")
    visits.notes_edit.setPlainText("ask about\nthe spotting")
    visits.save_button.click()

    data = service.data()
    assert data.conditions == (Condition(ConditionName.FIBROIDS, date(2019, 5, 4)),)
    assert data.screenings == (
        Screening(ScreeningKind.CERVICAL_SCREENING, date(2025, 9, 9), ScreeningResult.NORMAL),
    )
    assert data.ovulation_signs == (
        OvulationSign(date(2026, 11, 8), OvulationSignKind.POSITIVE_OPK),
    )
    assert data.appointments == (
        Appointment(
            date(2026, 12, 3),
            "Dr <b>Okafor</b>'; DROP TABLE appointments;--",
            "ask about\nthe spotting",
        ),
    )
    assert visits.model.index(0, 2).data() == "ask about…"
    for page in dialog.pages.values():
        assert not page.error.isVisible(), page.key


def test_editing_a_screening_replaces_it_and_a_duplicate_is_refused(
    dialog: RecordsDialog, service: JournalService
) -> None:
    first = Screening(ScreeningKind.STI_TEST, date(2026, 2, 1))
    second = Screening(ScreeningKind.STI_TEST, date(2026, 3, 1))
    service.save_screening(first)
    service.save_screening(second)
    page = dialog.open_tab("screenings")
    assert isinstance(page, ScreeningsTab)
    page.view.selectRow(page.model.row_of(first))
    page.result_combo.setCurrentIndex(page.result_combo.findData(ScreeningResult.ABNORMAL))
    page.save_button.click()
    changed = Screening(ScreeningKind.STI_TEST, date(2026, 2, 1), ScreeningResult.ABNORMAL)
    assert set(service.data().screenings) == {changed, second}

    page.start_new()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(ScreeningKind.STI_TEST))
    page.date_edit.setDate(qdate(2026, 3, 1))
    page.save_button.click()
    assert page.error.message() == "This screening is already in the journal."
    assert len(service.data().screenings) == 2


def test_dates_the_service_refuses_in_the_future_cannot_be_picked(dialog: RecordsDialog) -> None:
    page = periods_tab(dialog)
    page.start_edit.setDate(qdate(2026, 12, 25))
    assert page.start_edit.date() == qdate(2026, 11, 22)


def test_changes_made_elsewhere_show_up(dialog: RecordsDialog, service: JournalService) -> None:
    service.save_appointment(Appointment(date(2026, 1, 5), "GP"))
    assert dialog.pages["appointments"].model.records() == [Appointment(date(2026, 1, 5), "GP")]


def test_reject_closes_without_asking_and_forgets_everything(
    dialog: RecordsDialog, service: JournalService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("closing must never ask")

    monkeypatch.setattr(record_tab, "confirm", refuse)
    service.save_period(Period(date(2026, 10, 1), date(2026, 10, 5)))
    service.save_appointment(Appointment(date(2026, 1, 5), "GP", "private note"))
    visits = dialog.open_tab("appointments")
    assert isinstance(visits, AppointmentsTab)
    visits.view.selectRow(0)
    assert visits.notes_edit.toPlainText() == "private note"

    dialog.reject()  # what the app does when it locks

    assert not dialog.isVisible()
    for page in dialog.pages.values():
        assert page.model.rowCount() == 0, page.key
        assert not page.error.isVisible()
    assert visits.notes_edit.toPlainText() == ""
    assert visits.with_edit.text() == ""
    # No longer listening: a later change does not refill the closed dialog.
    service.save_period(Period(date(2026, 11, 10)))
    assert dialog.pages["periods"].model.rowCount() == 0


def test_unknown_tab_is_a_programming_error(service: JournalService) -> None:
    with pytest.raises(ValueError, match="unknown records tab"):
        RecordsDialog(service, tab="nope")


def test_every_tab_opens_and_its_controls_are_named(
    dialog: RecordsDialog,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QTableView

    for key in TAB_KEYS:
        page = dialog.open_tab(key)
        assert dialog.current_tab() is page
        assert page.save_button.isDefault()
        controls: list[QWidget] = [*page.findChildren(QAbstractButton)]
        controls += page.findChildren(QComboBox) + page.findChildren(QDateEdit)
        controls += page.findChildren(QTableView)
        assert [w for w in controls if w.isVisible() and not w.accessibleName()] == [], key


def test_record_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model: RecordTableModel[Period] = RecordTableModel(
        [Column("Start", lambda p: p.start.isoformat()), Column("End", lambda p: str(p.end))]
    )
    model.set_records([Period(date(2026, 1, 1)), Period(date(2026, 2, 1), date(2026, 2, 4))])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(1, 1)) == "2026-02-04"
    model.clear()
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_tab_models_pass_the_model_tester(
    qtmodeltester: object, dialog: RecordsDialog, service: JournalService
) -> None:
    service.save_period(Period(date(2026, 10, 1), date(2026, 10, 5)))
    service.save_context(ContextEntry(date(2026, 1, 1)))
    for page in dialog.pages.values():
        qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_tab_walks_list_then_form_then_buttons(qtbot: QtBot, dialog: RecordsDialog) -> None:
    page = periods_tab(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=1000)
    page.view.setFocus()
    seen: list[QWidget | None] = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        if not seen or seen[-1] is not focused:  # Tab first walks a date's sections
            seen.append(focused)
        qtbot.keyClick(focused or dialog, Qt.Key.Key_Tab)
    # Delete, New and the last day are disabled (nothing selected, period ongoing).
    assert seen[:4] == [page.view, page.start_edit, page.ongoing_check, page.save_button]
