"""The timeline widget: clicking a marker opens its episode, presets, zoom, pan, clear."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import to_rgba
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.charts import TimelineData, timeline_data
from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Severity, Trigger
from journal.gui.widgets.timeline_view import TimelineView

TODAY = date(2026, 11, 22)  # the fixed clock of tests/conftest.py


def _journal() -> JournalData:
    periods = tuple(
        Period(TODAY - timedelta(days=28 * k + 10), TODAY - timedelta(days=28 * k + 6))
        for k in range(20)
    )
    episodes = (
        Episode("recent", datetime(2026, 11, 2, 9), Amount.MODERATE, colour=Colour.BRIGHT_RED),
        Episode("sex", date(2026, 10, 20), Amount.LIGHT, trigger=Trigger.INTERCOURSE),
        Episode("spring", date(2026, 4, 3), Amount.SPOTTING, colour=Colour.BROWN),
        Episode("old", date(2025, 3, 14), Amount.HEAVY, colour=Colour.DARK_RED),
    )
    return JournalData(periods=periods, episodes=episodes)


@pytest.fixture
def data() -> TimelineData:
    return timeline_data(_journal(), {"sex": Severity.SEE_PROVIDER})


@pytest.fixture
def view(qtbot: QtBot, data: TimelineData) -> TimelineView:
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(900, 380)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_data(data)
    widget.canvas.redraw_now()
    return widget


def _pixel(view: TimelineView, episode_id: str) -> QPoint:
    """Where an episode's marker is on the canvas, in Qt widget coordinates."""
    assert view.artists is not None
    position = view.artists.position(episode_id)
    assert position is not None
    x, y = view.artists.axes.transData.transform(position)
    ratio = view.canvas.device_pixel_ratio
    return QPoint(round(x / ratio), round(view.canvas.figure.bbox.height / ratio - y / ratio))


def _span_days(view: TimelineView) -> float:
    assert view.artists is not None
    low, high = view.artists.axes.get_xlim()
    return high - low


def test_clicking_a_marker_emits_its_episode_id(qtbot: QtBot, view: TimelineView) -> None:
    for episode_id in ("recent", "sex"):
        with qtbot.waitSignal(view.episodeActivated, timeout=2000) as blocker:
            qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=_pixel(view, episode_id))
        assert blocker.args == [episode_id]


def test_clicking_empty_space_emits_nothing(qtbot: QtBot, view: TimelineView) -> None:
    with qtbot.assertNotEmitted(view.episodeActivated):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(450, 20))


def test_presets_change_the_visible_range(qtbot: QtBot, view: TimelineView) -> None:
    assert view.preset_buttons["1 year"].isChecked()
    # The range runs a little past today (3% of the span), so today's marker is whole.
    assert view.visible_range() == (TODAY - timedelta(days=365), TODAY + timedelta(days=12))
    qtbot.mouseClick(view.preset_buttons["3 months"], Qt.MouseButton.LeftButton)
    assert view.visible_range() == (TODAY - timedelta(days=91), TODAY + timedelta(days=4))
    assert 94 <= _span_days(view) <= 95
    qtbot.mouseClick(view.preset_buttons["All"], Qt.MouseButton.LeftButton)
    first, last = view.visible_range() or (None, None)
    assert first is not None and first <= date(2025, 3, 14) - timedelta(days=7)
    assert last is not None and last >= date(2026, 11, 2)
    assert view.artists is not None and view.artists.episodes_in_view() == 4


def test_wheel_zooms_around_the_mouse_and_drag_pans(qtbot: QtBot, view: TimelineView) -> None:
    assert view.artists is not None
    before = _span_days(view)
    centre = view.artists.axes.bbox
    x, y = centre.x0 + centre.width / 2, centre.y0 + centre.height / 2
    view.canvas.callbacks.process(
        "scroll_event", MouseEvent("scroll_event", view.canvas, x, y, button="up", step=1)
    )
    assert _span_days(view) == pytest.approx(before / 1.25)
    assert not any(b.isChecked() for b in view.preset_buttons.values())

    low = view.artists.axes.get_xlim()[0]
    start = QPoint(450, 200)
    with qtbot.assertNotEmitted(view.episodeActivated):
        qtbot.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.canvas, start + QPoint(-100, 0))
        qtbot.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(-100, 0))
    assert view.artists.axes.get_xlim()[0] > low  # dragging left moves later in time


def test_highlight_rings_and_scrolls_to_the_episode(qtbot: QtBot, view: TimelineView) -> None:
    qtbot.mouseClick(view.preset_buttons["3 months"], Qt.MouseButton.LeftButton)
    view.highlight("old")  # long before the last 3 months
    assert view.artists is not None and view.artists.highlighted == "old"
    first, last = view.visible_range() or (None, None)
    assert first is not None and last is not None and first <= date(2025, 3, 14) <= last
    assert view.artists.highlight_ring is not None
    assert len(np.asarray(view.artists.highlight_ring.get_offsets())) == 1
    view.highlight(None)
    assert len(np.asarray(view.artists.highlight_ring.get_offsets())) == 0


def test_highlight_survives_new_data(view: TimelineView, data: TimelineData) -> None:
    view.highlight("recent")
    view.set_data(data)
    assert view.artists is not None and view.artists.highlighted == "recent"


def test_clear_leaves_no_journal_data(qtbot: QtBot, view: TimelineView) -> None:
    point = _pixel(view, "recent")
    view.clear()
    view.canvas.redraw_now()
    assert view.artists is None
    assert view.figure.axes == []
    assert view.figure.get_children()[1:] == []  # only the figure's background patch
    with qtbot.assertNotEmitted(view.episodeActivated):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseClick(view.preset_buttons["All"], Qt.MouseButton.LeftButton)  # no error
    assert view.visible_range() is None


def _ring_pixel_is_painted(view: TimelineView, episode_id: str) -> bool:
    """True when the canvas buffer shows the highlight colour on the ring around a marker."""
    assert view.artists is not None
    position = view.artists.position(episode_id)
    assert position is not None
    x, y = view.artists.axes.transData.transform(position)
    buffer = np.asarray(view.canvas.buffer_rgba())
    height = buffer.shape[0]
    wanted = np.array(to_rgba(view.artists.palette.highlight)[:3]) * 255
    # The ring runs a few pixels outside the marker: look at a small band around it.
    row = round(height - y)
    band = buffer[max(row - 25, 0) : row + 25, max(int(x) - 25, 0) : int(x) + 25, :3]
    return bool((np.abs(band - wanted).max(axis=2) < 40).any())


def test_highlight_in_view_repaints_only_the_ring(qtbot: QtBot, view: TimelineView) -> None:
    QApplication.processEvents()  # let any pending full redraw run first
    draws = view.canvas.full_draws
    view.highlight("recent")  # already in the "1 year" range
    QApplication.processEvents()
    assert view.canvas.full_draws == draws  # no full redraw, just the ring over the cache
    assert _ring_pixel_is_painted(view, "recent")
    view.highlight("sex")
    view.highlight(None)
    QApplication.processEvents()
    assert view.canvas.full_draws == draws
    assert not _ring_pixel_is_painted(view, "recent")


def test_highlight_out_of_range_redraws_with_the_ring(qtbot: QtBot, view: TimelineView) -> None:
    QApplication.processEvents()
    draws = view.canvas.full_draws
    view.highlight("old")  # outside the last year: the range moves, so everything redraws
    QApplication.processEvents()
    assert view.canvas.full_draws == draws + 1
    assert _ring_pixel_is_painted(view, "old")
    # The ring is drawn over the new background, and later highlights reuse it.
    view.highlight("old")
    QApplication.processEvents()
    assert view.canvas.full_draws == draws + 1


def test_new_data_or_panning_invalidates_the_cached_background(
    qtbot: QtBot, view: TimelineView, data: TimelineData
) -> None:
    QApplication.processEvents()
    view.set_data(data)
    assert not view.canvas.is_current()  # new figure content: never blit the old pixels
    QApplication.processEvents()
    assert view.canvas.is_current()
    assert view.artists is not None
    low, high = view.artists.axes.get_xlim()
    view.artists.axes.set_xlim(low + 3, high + 3)
    assert not view.canvas.is_current()
    draws = view.canvas.full_draws
    view.highlight("recent")
    QApplication.processEvents()
    assert view.canvas.full_draws == draws + 1
    assert _ring_pixel_is_painted(view, "recent")
