"""The episode timeline as a widget: range presets, wheel zoom, drag pan, click to open.

The figure itself comes from ``journal.charts``; this widget owns the Qt canvas, the
view range and the mouse handling, and says which episode was clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from matplotlib.artist import Artist
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from journal import clock
from journal.charts import ChartArtists, TimelineArtists, TimelineData, draw_timeline
from journal.domain.dates import DATES
from journal.gui.widgets.column import fill_column

PRESETS: dict[str, int | None] = {"3 months": 91, "1 year": 365, "All": None}
DEFAULT_PRESET = "1 year"
ZOOM_STEP = 1.25
MIN_SPAN_DAYS = 7.0
MAX_SPAN_DAYS = 365.0 * 30
HINT = "Scroll to zoom · drag to move · arrow keys pick an episode, Enter opens it"
# A press and release closer than this (pixels) is a click, not a drag.
CLICK_SLOP = 4.0


def episode_summary(data: TimelineData | None, episode_id: str) -> str:
    """One line for a marker's tooltip: when, how much, which colour, after sex."""
    point = data.episode(episode_id) if data is not None else None
    if point is None:
        return ""
    parts = [DATES.short(point.day), point.amount.label]
    if point.colour is not None:
        parts.append(point.colour.label.lower())
    if point.after_sex:
        parts.append("after sex")
    return " · ".join(parts)


class ChartCanvas(FigureCanvasQTAgg):
    """The Qt canvas of one figure, with typed redraw calls (matplotlib's are untyped).

    Overlay artists (the highlight ring) are animated: a full draw leaves them out, keeps
    a copy of the pixels as a background, then paints them on top. Moving the ring then
    only restores that background and repaints the overlay, instead of redrawing
    thousands of markers, as long as the figure still shows the same view.
    """

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self.setMouseTracking(True)
        self.full_draws = 0  # how many complete redraws ran (for tests and benchmarks)
        self._overlay: list[Artist] = []
        self._background: Any = None
        self._background_view: tuple[object, ...] | None = None
        self.mpl_connect("draw_event", self._on_draw)

    def redraw_later(self) -> None:
        """Redraw once control returns to the event loop (coalesces many requests)."""
        self.draw_idle()  # type: ignore[no-untyped-call]

    def redraw_now(self) -> None:
        self.draw()  # type: ignore[no-untyped-call]

    def set_overlay(self, artists: Sequence[Artist | None]) -> None:
        """Artists redrawn on their own over a cached background (empty: none)."""
        self._overlay = [artist for artist in artists if artist is not None]
        for artist in self._overlay:
            artist.set_animated(True)
        self._background = None

    def is_current(self) -> bool:
        """True when the last full draw still shows the figure's present view."""
        return self._background is not None and self._background_view == self._view()

    def redraw_overlay(self) -> None:
        """Repaint only the overlay when the cached background still holds, else redraw."""
        if not self.is_current():
            self.redraw_later()
            return
        self.restore_region(self._background)  # type: ignore[no-untyped-call]
        self._paint_overlay()
        self.blit(self.figure.bbox)  # type: ignore[no-untyped-call]

    def _view(self) -> tuple[object, ...]:
        """What the background depends on: pixel size and every axes' view limits."""
        limits = tuple(tuple(axes.viewLim.bounds) for axes in self.figure.axes)
        return (tuple(self.figure.bbox.bounds), limits)

    def _on_draw(self, _event: object) -> None:
        self.full_draws += 1
        if not self._overlay:
            self._background = None
            return
        self._background = self.copy_from_bbox(self.figure.bbox)  # type: ignore[no-untyped-call]
        self._background_view = self._view()
        self._paint_overlay()

    def _paint_overlay(self) -> None:
        for artist in self._overlay:
            self.figure.draw_artist(artist)


_STEPS = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Up: 1,
    Qt.Key.Key_Down: -1,
    Qt.Key.Key_Home: -(10**9),
    Qt.Key.Key_End: 10**9,
}
_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
_FOCUS_FRAME = """
QFrame#chart-frame { border: 2px solid transparent; border-radius: 3px; }
QFrame#chart-frame[focused="true"] { border-color: palette(highlight); }
"""


def step_episode(order: Sequence[str], current: str | None, step: int) -> str | None:
    """The episode ``step`` places from ``current`` in ``order`` (oldest first), clamped."""
    if not order:
        return None
    if current not in order:
        return order[-1] if step < 0 else order[0] if step > 0 else None
    index = min(max(order.index(current) + step, 0), len(order) - 1)
    return order[index]


class ChartKeys(QObject):
    """Arrow keys, Home and End move a chart's selection; Enter opens the selected episode.

    ``order()`` gives the episode ids oldest first, ``current()`` the selected one.
    """

    def __init__(
        self,
        canvas: QWidget,
        order: Callable[[], Sequence[str]],
        current: Callable[[], str | None],
        select: Callable[[str], object],
        open_: Callable[[str], object],
    ) -> None:
        super().__init__(canvas)
        self._order, self._current = order, current
        self._select, self._open = select, open_
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        canvas.installEventFilter(self)
        # The canvas paints every pixel itself, so the focus shows on a frame around it.
        self.frame = QFrame()
        self.frame.setObjectName("chart-frame")
        self.frame.setStyleSheet(_FOCUS_FRAME)
        self.frame.setProperty("focused", False)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(2, 2, 2, 2)
        inner.addWidget(canvas)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.frame.setProperty("focused", event.type() == QEvent.Type.FocusIn)
            self.frame.style().unpolish(self.frame)
            self.frame.style().polish(self.frame)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = Qt.Key(event.key())
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Ctrl+… shortcuts and Tab keep their meaning
        current = self._current()
        if key in _OPEN_KEYS:
            if current is not None:
                self._open(current)
            return True
        if key in _STEPS:
            chosen = step_episode(self._order(), current, _STEPS[key])
            if chosen is not None and chosen != current:
                self._select(chosen)
            return True
        return False


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


A = TypeVar("A", bound=ChartArtists)


class EpisodeChart(QWidget, Generic[A]):
    """What the timeline and the cycle chart share: a figure on a canvas in a focus frame
    (``keys.frame``), the keys that step through the episodes (``_order()`` gives their ids
    oldest first), the highlighted episode, and a marker's tooltip and click."""

    episodeActivated = Signal(str)  # noqa: N815 (Qt naming)
    episodeOpened = Signal(str)  # noqa: N815

    def __init__(self, name: str, height: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(8.0, height))
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setAccessibleName(name)
        self.keys = ChartKeys(
            self.canvas,
            self._order,
            lambda: self._highlight,
            self._key_select,
            self.episodeOpened.emit,
        )
        self._artists: A | None = None
        self._highlight: str | None = None

    @property
    def artists(self) -> A | None:
        """The drawn chart (None when empty or cleared): for tests and reports."""
        return self._artists

    def highlight(self, episode_id: str | None) -> None:
        raise NotImplementedError

    def _order(self) -> Sequence[str]:
        raise NotImplementedError

    def _key_select(self, episode_id: str) -> None:
        self.highlight(episode_id)  # at once, so quick repeated keys step on from here
        self.episodeActivated.emit(episode_id)

    def _forget(self) -> None:
        """Drop the drawn chart, the ring and the tooltip (the journal locks)."""
        self._artists = None
        self._highlight = None
        QToolTip.hideText()
        self.canvas.set_overlay([])
        self.figure.clear()

    def _click(self, event: MouseEvent) -> None:
        """A click on a marker selects its episode."""
        assert self._artists is not None
        episode_id = self._artists.episode_at(event)
        if episode_id is not None:
            self.episodeActivated.emit(episode_id)

    def _hover(self, event: MouseEvent, points: Callable[[], TimelineData | None]) -> None:
        """Over a marker: a pointing hand and the episode in one line (from ``points()``)."""
        assert self._artists is not None
        episode_id = self._artists.episode_at(event)
        if episode_id is None:
            self.canvas.unsetCursor()
            QToolTip.hideText()
            return
        self.canvas.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), episode_summary(points(), episode_id), self.canvas)


class TimelineView(EpisodeChart[TimelineArtists]):
    """Episodes over time; click a marker (or move with the arrow keys) to select its
    episode, Enter to open it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Episode timeline", 3.2, parent)
        self._data: TimelineData | None = None
        self._press: tuple[float, float, tuple[float, float]] | None = None
        self._dragged = False

        self.presets = QButtonGroup(self)
        self.preset_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name in PRESETS:
            button = QPushButton(name, self)
            button.setCheckable(True)
            button.setAccessibleName(f"Show {name.lower()}")
            button.clicked.connect(lambda _checked=False, n=name: self.show_preset(n))
            self.presets.addButton(button)
            self.preset_buttons[name] = button
            bar.addWidget(button)
        self.preset_buttons[DEFAULT_PRESET].setChecked(True)
        self.hint = QLabel(HINT, self)
        self.hint.setEnabled(False)  # greyed: a hint, not content
        # Takes the free room (a stretch beside it would leave it none) and may be cut
        # short in a narrow window rather than forcing it wider.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Left-aligned: when cut short, the start of the sentence stays readable.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setToolTip(HINT)
        self.hint.setContentsMargins(12, 0, 0, 0)
        bar.addWidget(self.hint, 1)
        fill_column(self, bar, self.keys.frame, stretch=self.keys.frame)

        self.canvas.mpl_connect("scroll_event", self._on_scroll)
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("button_release_event", self._on_release)

    def _order(self) -> list[str]:
        if self._data is None:
            return []
        return [e.id for e in sorted(self._data.episodes, key=lambda e: e.at)]

    # ------------------------------------------------------------------ public API

    def set_data(self, data: TimelineData) -> None:
        """Draw ``data``, keeping the chosen preset (or the current range after zooming)."""
        kept = self.visible_range() if self._checked_preset() is None else None
        self._data = data
        self._artists = draw_timeline(
            self.figure, data, highlight=self._highlight, dark=is_dark(self)
        )
        if kept is not None:
            self._artists.set_range(*kept)
        else:
            self._apply_preset(self._checked_preset() or DEFAULT_PRESET)
        self.canvas.set_overlay([self._artists.highlight_ring, self._artists.highlight_guide])
        self.canvas.redraw_later()

    def highlight(self, episode_id: str | None) -> None:
        """Ring one episode's marker and bring it into view (None removes the ring)."""
        self._highlight = episode_id
        if self._artists is None:
            return
        found = self._artists.set_highlight(episode_id)
        position = self._artists.position(episode_id) if found and episode_id else None
        if position is not None:
            low, high = self._artists.axes.get_xlim()
            if not low <= position[0] <= high:
                half = (high - low) / 2
                self._artists.axes.set_xlim(position[0] - half, position[0] + half)
                self._uncheck_presets()
        # Only the ring moved, unless the range did too (then this redraws everything).
        self.canvas.redraw_overlay()

    def clear(self) -> None:
        """Forget all journal data (used when the journal locks)."""
        self._data = None
        self._press = None
        self._forget()
        self.canvas.redraw_later()

    def show_preset(self, name: str) -> None:
        """Show the last 3 months, the last year, or everything."""
        self.preset_buttons[name].setChecked(True)
        self._apply_preset(name)
        self.canvas.redraw_later()

    def visible_range(self) -> tuple[date, date] | None:
        return self._artists.visible_range() if self._artists is not None else None

    # ------------------------------------------------------------------ range

    def _checked_preset(self) -> str | None:
        button = self.presets.checkedButton()
        return button.text() if button is not None else None

    def _uncheck_presets(self) -> None:
        self.presets.setExclusive(False)
        for button in self.preset_buttons.values():
            button.setChecked(False)
        self.presets.setExclusive(True)

    def _apply_preset(self, name: str) -> None:
        if self._artists is None:
            return
        days = PRESETS[name]
        today = clock.today()
        if days is None:
            bounds = self._artists.data_range()
            if bounds is not None:
                self._artists.set_range(*bounds)
                return
            days = PRESETS[DEFAULT_PRESET]
            assert days is not None
        # A little past today (3% of the span), so today's marker and its ring are whole.
        self._artists.set_range(
            today - timedelta(days=days), today + timedelta(days=max(2, round(days * 0.03)))
        )

    def _set_span(self, low: float, high: float) -> None:
        assert self._artists is not None
        self._artists.axes.set_xlim(low, high)
        self._uncheck_presets()
        self.canvas.redraw_later()

    # ------------------------------------------------------------------ mouse

    def _on_scroll(self, event: Event) -> None:
        if self._artists is None or not isinstance(event, MouseEvent) or event.xdata is None:
            return
        low, high = self._artists.axes.get_xlim()
        factor = 1 / ZOOM_STEP if event.button == "up" else ZOOM_STEP
        span = min(max((high - low) * factor, MIN_SPAN_DAYS), MAX_SPAN_DAYS)
        # Keep the date under the mouse where it is.
        share = (event.xdata - low) / (high - low)
        self._set_span(event.xdata - share * span, event.xdata + (1 - share) * span)

    def _on_press(self, event: Event) -> None:
        if self._artists is None or not isinstance(event, MouseEvent) or event.button != 1:
            return
        self._press = (event.x, event.y, self._artists.axes.get_xlim())
        self._dragged = False

    def _on_motion(self, event: Event) -> None:
        if self._artists is None or not isinstance(event, MouseEvent):
            return
        if self._press is None:
            self._hover(event, lambda: self._data)
            return
        x0, y0, (low, high) = self._press
        if not self._dragged and abs(event.x - x0) + abs(event.y - y0) < CLICK_SLOP:
            return
        self._dragged = True
        width = self._artists.axes.bbox.width or 1.0
        shift = (x0 - event.x) * (high - low) / width
        self._set_span(low + shift, high + shift)

    def _on_release(self, event: Event) -> None:
        press, self._press = self._press, None
        if self._artists is None or not isinstance(event, MouseEvent) or press is None:
            return
        if self._dragged:
            return
        self._click(event)
