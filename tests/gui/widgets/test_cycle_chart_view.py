"""The cycle chart widget: click to open, highlight, clear."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.charts import cycle_rows
from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Trigger
from journal.gui.widgets.cycle_chart_view import CycleChartView


def _journal() -> JournalData:
    return JournalData(
        periods=(
            Period(date(2026, 8, 1), date(2026, 8, 5)),
            Period(date(2026, 8, 29), date(2026, 9, 2)),
            Period(date(2026, 9, 26), date(2026, 9, 30)),
        ),
        episodes=(
            Episode("mid", date(2026, 8, 15), Amount.SPOTTING, colour=Colour.PINK),
            Episode("mid-again", date(2026, 9, 12), Amount.SPOTTING, colour=Colour.PINK),
            Episode("sex", date(2026, 10, 10), Amount.LIGHT, trigger=Trigger.INTERCOURSE),
        ),
    )


@pytest.fixture
def view(qtbot: QtBot) -> CycleChartView:
    widget = CycleChartView()
    qtbot.addWidget(widget)
    widget.resize(800, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_rows(cycle_rows(_journal()))
    widget.canvas.redraw_now()
    return widget


def _pixel(view: CycleChartView, episode_id: str) -> QPoint:
    assert view.artists is not None
    position = view.artists.position(episode_id)
    assert position is not None
    x, y = view.artists.axes.transData.transform(position)
    ratio = view.canvas.device_pixel_ratio
    return QPoint(round(x / ratio), round(view.canvas.figure.bbox.height / ratio - y / ratio))


def test_clicking_a_marker_emits_its_episode_id(qtbot: QtBot, view: CycleChartView) -> None:
    for episode_id in ("mid", "sex"):
        with qtbot.waitSignal(view.episodeActivated, timeout=2000) as blocker:
            qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=_pixel(view, episode_id))
        assert blocker.args == [episode_id]


def test_recurring_mid_cycle_spotting_lines_up(view: CycleChartView) -> None:
    assert view.artists is not None
    first, second = view.artists.position("mid"), view.artists.position("mid-again")
    assert first is not None and second is not None
    assert first[0] == second[0] == 15  # same cycle day in consecutive cycles
    assert second[1] > first[1]  # the later cycle is drawn above


def test_highlight_and_clear(qtbot: QtBot, view: CycleChartView) -> None:
    view.highlight("sex")
    assert view.artists is not None and view.artists.highlighted == "sex"
    point = _pixel(view, "sex")
    view.clear()
    view.canvas.redraw_now()
    assert view.artists is None and view.figure.axes == []
    with qtbot.assertNotEmitted(view.episodeActivated):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point)


def test_many_cycles_grow_the_canvas_instead_of_squeezing(view: CycleChartView) -> None:
    view.all_cycles.setChecked(True)  # by default only the recent cycles that fit are drawn
    small = view.canvas.minimumHeight()
    periods = tuple(
        Period(date(2022, 1, 1).fromordinal(date(2022, 1, 1).toordinal() + 28 * k))
        for k in range(40)
    )
    view.set_rows(cycle_rows(JournalData(periods=periods)))
    assert view.canvas.minimumHeight() > small
    assert view.artists is not None
    assert len(view.artists.axes.get_yticks()) <= 24  # labels thinned, never overlapping


def test_highlight_repaints_only_the_ring(qtbot: QtBot, view: CycleChartView) -> None:
    QApplication.processEvents()
    draws = view.canvas.full_draws
    view.highlight("mid")
    view.highlight("sex")
    QApplication.processEvents()
    assert view.canvas.full_draws == draws  # the background cache was reused
    assert view.artists is not None and view.artists.highlighted == "sex"
    view.set_rows(cycle_rows(_journal()))  # new content: the next highlight redraws
    view.highlight("mid")
    QApplication.processEvents()
    assert view.canvas.full_draws > draws
