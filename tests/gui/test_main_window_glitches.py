"""Small things a person notices: the amount filter, counts, titles, enabled actions, the ring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.domain.vocabulary import Amount
from journal.gui.main_window import TAB_TIMELINE, TITLE, MainWindow
from journal.services import JournalService
from tests.helpers import PASSPHRASE


@pytest.fixture
def window(qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]) -> Iterator[MainWindow]:
    widget = MainWindow(JournalService.open(filled_journal[0], PASSPHRASE))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


@pytest.fixture
def ids(filled_journal: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return filled_journal[1]


def _amounts(window: MainWindow) -> set[str]:
    from journal.gui.models.episode_table_model import COL_AMOUNT

    return {
        window.episode_list.model.index(r, COL_AMOUNT).data()
        for r in range(window.episode_list.model.rowCount())
    }


def test_choosing_an_amount_in_the_filter_shows_only_that_amount(window: MainWindow) -> None:
    combo = window.episode_list.filter_bar.amount
    combo.setCurrentIndex(combo.findText(Amount.LIGHT.label))
    assert window.episode_list.filter_bar.criteria().amount is Amount.LIGHT
    assert _amounts(window) == {"Light"}
    assert window.episode_list.count_label.text() == "1 of 3 episodes shown"
    combo.setCurrentIndex(combo.findText(Amount.SPOTTING.label))
    assert _amounts(window) == {"Spotting"}
    combo.setCurrentIndex(0)
    assert window.episode_list.count_label.text() == "3 episodes"


def test_the_count_is_proper_english(window: MainWindow) -> None:
    window.episode_list.filter_bar.text.setText("brownish")
    assert window.episode_list.count_label.text() == "1 of 3 episodes shown"
    window.episode_list.model.clear()
    window.episode_list._update_count()
    assert window.episode_list.count_label.text() == "0 episodes"


def test_window_titles_do_not_repeat_the_application_name(window: MainWindow) -> None:
    name = QApplication.applicationDisplayName()
    QApplication.setApplicationDisplayName(TITLE)
    try:
        titles = [window.windowTitle()]
        window.lock()
        titles.append(window.windowTitle())
        for title in titles:
            # Qt shows "title — display name" unless the title is the display name itself.
            assert title == TITLE or TITLE not in title, title
    finally:
        QApplication.setApplicationDisplayName(name)


def test_undo_is_off_with_nothing_to_undo_also_after_unlocking(
    window: MainWindow, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    assert not window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()
    window.lock()
    window.set_service(JournalService.open(filled_journal[0], PASSPHRASE))
    assert not window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()


def test_after_a_delete_with_nothing_selected_edit_and_delete_are_off(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, ids: dict[str, str]
) -> None:
    monkeypatch.setattr("journal.gui.confirm.confirm", lambda *_a, **_k: True)
    window.select_episode(ids["mucus"])
    window.delete_action.trigger()
    assert window.selected_episode_id() is None
    assert not window.edit_action.isEnabled()
    assert not window.delete_action.isEnabled()
    assert window.undo_action.isEnabled()


def test_undoing_a_delete_does_not_ring_an_unselected_episode(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, ids: dict[str, str]
) -> None:
    monkeypatch.setattr("journal.gui.confirm.confirm", lambda *_a, **_k: True)
    window.tabs.setCurrentIndex(TAB_TIMELINE)
    window.select_episode(ids["mucus"])
    qtbot.waitUntil(lambda: window.timeline._highlight == ids["mucus"])
    window.delete_action.trigger()
    window.undo_action.trigger()
    assert window.selected_episode_id() is None
    qtbot.waitUntil(lambda: window.timeline._highlight is None)
    artists = window.timeline.artists
    assert artists is not None and artists.highlight_ring is not None
    assert len(np.asarray(artists.highlight_ring.get_offsets())) == 0


def test_the_timeline_hint_is_shown_whole(window: MainWindow) -> None:
    hint = window.timeline.hint
    assert hint.isVisible()
    assert hint.width() >= hint.fontMetrics().horizontalAdvance(hint.text())


def test_the_episode_table_is_one_tab_stop(qtbot: QtBot, window: MainWindow) -> None:
    window.episode_list.table.setFocus()
    selected = window.selected_episode_id()
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_Tab)
    assert not window.episode_list.table.hasFocus()
    assert window.selected_episode_id() == selected


def test_the_timeline_takes_focus_arrows_select_and_enter_opens(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, ids: dict[str, str]
) -> None:
    opened: list[str | None] = []
    monkeypatch.setattr(window, "edit_episode", lambda: opened.append(window.selected_episode_id()))
    window.tabs.setCurrentIndex(TAB_TIMELINE)
    canvas = window.timeline.canvas
    assert canvas.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.select_episode(ids["mucus"])
    qtbot.waitUntil(lambda: window.timeline._highlight == ids["mucus"])
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert window.selected_episode_id() == ids["ovulation"]
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert window.selected_episode_id() == ids["after_sex"]
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert opened == [ids["after_sex"]]


def test_the_cycle_chart_takes_focus_and_arrows_select(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    from journal.gui.main_window import TAB_CYCLES

    window.tabs.setCurrentIndex(TAB_CYCLES)
    canvas = window.cycle_chart.canvas
    assert canvas.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.select_episode(ids["ovulation"])
    qtbot.waitUntil(lambda: window.cycle_chart._highlight == ids["ovulation"])
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert window.selected_episode_id() == ids["mucus"]


def test_the_mouse_wheel_over_the_cycle_chart_scrolls_it(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    from journal.charts.data import CycleRow
    from journal.gui.main_window import TAB_CYCLES

    window.tabs.setCurrentIndex(TAB_CYCLES)
    rows = [CycleRow(date(2020, 1, 1) + timedelta(days=28 * i), 28, 5, 14) for i in range(60)]
    window.cycle_chart.set_rows(rows)
    window.cycle_chart.all_cycles.setChecked(True)
    bar = window.cycle_chart.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)
    canvas = window.cycle_chart.canvas
    centre = QPointF(canvas.width() / 2, 40)
    event = QWheelEvent(
        centre, canvas.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(canvas, event)
    assert bar.value() > 0


def test_appointment_preparation_is_not_badged_harmless(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    from journal.gui.widgets.card_panel import CardView

    window.select_episode(ids["after_sex"])
    qtbot.waitUntil(lambda: "appointment-prep" in window.card_panel.card_ids())
    views = {v.card_id: v for v in window.card_panel.findChildren(CardView)}
    badge = views["appointment-prep"].badge.text()
    assert "harmless" not in badge.lower()
    assert "prepare" in badge.lower()


def test_a_pattern_a_card_reason_states_is_not_repeated_in_the_details(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from journal.gui.widgets.episode_details import EpisodeDetails
    from journal.services.demo import create_demo_journal

    path = tmp_path / "demo.hjournal"
    create_demo_journal(path, PASSPHRASE)
    service = JournalService.open(path, PASSPHRASE)
    details = EpisodeDetails()
    qtbot.addWidget(details)
    repeated_before = 0
    try:
        for episode in service.episodes():
            explanation = service.explain(episode.id)
            details.show_explanation(explanation)
            reasons = " ".join(r for m in explanation.cards for r in m.reasons)
            for pattern in explanation.patterns:
                title = pattern.title.rstrip(".")
                repeated_before += title in reasons
                assert not (title in reasons and title in details.patterns.text()), title
    finally:
        service.close()
    assert repeated_before  # the demo has such patterns, so the check means something


def test_the_cycle_chart_keeps_its_axis_and_legend_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    from journal.charts.data import CycleRow
    from journal.gui.main_window import TAB_CYCLES

    window.tabs.setCurrentIndex(TAB_CYCLES)
    chart = window.cycle_chart
    rows = [CycleRow(date(2020, 1, 1) + timedelta(days=28 * i), 28, 5, 14) for i in range(60)]
    chart.set_rows(rows)
    viewport = chart.scroll_area.viewport()
    qtbot.waitUntil(lambda: chart.canvas.height() <= viewport.height())  # nothing below the fold
    assert chart.artists is not None and len(chart.artists.rows) < 60
    assert chart.artists.rows[-1] == rows[-1]  # the newest cycles are the ones shown


def test_the_filter_bar_stacks_in_a_narrow_list_instead_of_squeezing(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.episode_list.filter_bar
    wide = bar.sizeHint().width()
    bar.resize(wide // 2, bar.height())
    qtbot.waitUntil(lambda: bar.text.width() >= bar.text.minimumWidth())
    assert bar.minimumSizeHint().width() <= wide // 2 + 40
    assert bar.text.width() >= bar.text.fontMetrics().horizontalAdvance("Search notes")


def test_a_focused_chart_shows_its_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    frame = window.timeline.keys.frame
    assert frame.property("focused") is False
    window.timeline.canvas.setFocus()
    qtbot.waitUntil(lambda: frame.property("focused") is True)
    window.episode_list.table.setFocus()
    qtbot.waitUntil(lambda: frame.property("focused") is False)
