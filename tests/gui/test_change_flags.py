"""Views refresh what a change's flags say changed, and nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.domain.model import Appointment, ContextEntry, Period
from journal.domain.vocabulary import Contraception
from journal.gui.main_window import MainWindow
from journal.gui.records_dialog import RecordsDialog
from journal.services import JournalService
from tests.helpers import PASSPHRASE


@pytest.fixture
def window(qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]) -> Iterator[MainWindow]:
    widget = MainWindow(JournalService.open(filled_journal[0], PASSPHRASE))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def _count(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_an_appointment_reloads_nothing_in_the_main_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    # The first drawing, and its redrawing with the severities, done.
    qtbot.waitUntil(lambda: window.timeline.artists is not None)
    qtbot.waitUntil(lambda: not window.severity_job.running)
    listed = _count(monkeypatch, window.episode_list, "set_data")
    drawn = _count(monkeypatch, window.timeline, "set_data")
    assert window.service is not None
    window.service.save_appointment(Appointment(date(2026, 11, 20), "GP", ""))
    qtbot.wait(100)  # a redraw would come on the next turn of the event loop
    assert listed == [] and drawn == []


def test_context_redraws_and_re_explains_but_keeps_the_list(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    selected = window.selected_episode_id()
    assert selected is not None
    listed = _count(monkeypatch, window.episode_list, "set_data")
    drawn = _count(monkeypatch, window.timeline, "set_data")
    explained = _count(monkeypatch, window.card_panel, "show_cards")
    assert window.service is not None
    window.service.save_context(
        ContextEntry(since=date(2026, 11, 1), contraception=Contraception.COMBINED_PILL)
    )
    assert listed == [] and explained
    qtbot.waitUntil(lambda: bool(drawn))  # the timeline follows on the next turn
    assert window.selected_episode_id() == selected


def test_periods_reload_the_list(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    listed = _count(monkeypatch, window.episode_list, "set_data")
    assert window.service is not None
    window.service.save_period(Period(date(2026, 11, 20), date(2026, 11, 21)))
    assert listed


def test_records_dialog_reloads_only_the_tabs_a_change_touches(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    service = JournalService.open(filled_journal[0], PASSPHRASE)
    dialog = RecordsDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    periods = _count(monkeypatch, dialog.pages["periods"], "refresh")
    visits = _count(monkeypatch, dialog.pages["appointments"], "refresh")
    service.save_appointment(Appointment(date(2026, 11, 20), "GP", ""))
    assert periods == [] and visits == [1]
    assert dialog.pages["appointments"].model.rowCount() == 1
    dialog.reject()
    service.close()


def test_records_dialog_listens_through_the_qt_bridge() -> None:
    import inspect

    from journal.gui import records_dialog

    assert ".changes.subscribe(" not in inspect.getsource(records_dialog)
