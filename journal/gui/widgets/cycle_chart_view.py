"""The cycle chart as a widget: one row per cycle, click a marker to open its episode.

Many cycles make a tall chart. By default it shows the recent cycles that fit, so the
day axis and the legend stay in view; "All cycles" shows every one in a scroll area that
grows with the number of rows instead of squeezing them.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.backend_bases import Event, MouseEvent
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QScrollArea,
    QWidget,
)

from journal.charts import CycleChartArtists, CycleRow, TimelineData, draw_cycle_chart
from journal.gui.widgets.column import fill_column
from journal.gui.widgets.timeline_view import CLICK_SLOP, EpisodeChart, is_dark

ROW_PIXELS = 26
CHROME_PIXELS = 130  # axis, x label and legend
MIN_HEIGHT = 260
MIN_RECENT_ROWS = 3
MIN_RECENT_HEIGHT = 160


class CycleChartView(EpisodeChart[CycleChartArtists]):
    """Cycles stacked by start date, episodes placed by cycle day; the arrow keys move
    the selection, Enter opens it, the mouse wheel scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Cycle chart", 4.0, parent)
        self.canvas.setMinimumHeight(MIN_HEIGHT)
        # matplotlib's canvas takes every wheel event; this chart has no zoom, so the
        # wheel scrolls the rows instead.
        self.canvas.installEventFilter(self)
        self._rows: tuple[CycleRow, ...] = ()
        self._shown_rows: tuple[CycleRow, ...] = ()
        self._press: tuple[float, float] | None = None

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.keys.frame)
        self.scroll_area.viewport().installEventFilter(self)
        self.all_cycles = QCheckBox("&All cycles", self)
        self.all_cycles.setAccessibleName("Show all cycles, not only the recent ones")
        self.all_cycles.toggled.connect(lambda _on: self._redraw())
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.all_cycles)
        fill_column(self, bar, self.scroll_area, stretch=self.scroll_area)
        # Resizing changes how many recent cycles fit: redraw once the resizing settles.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(120)
        self._fit_timer.timeout.connect(self._refit)

        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    def _order(self) -> list[str]:
        return [e.id for row in self._rows for e in sorted(row.episodes, key=lambda e: e.at)]

    def set_rows(self, rows: Sequence[CycleRow]) -> None:
        """Draw one row per cycle; the newest cycle is on top."""
        self._rows = tuple(rows)
        self._redraw()

    def fitting_rows(self) -> int:
        """How many cycles fit the visible height with the axis and legend."""
        height = self.scroll_area.viewport().height()
        return max(MIN_RECENT_ROWS, (height - CHROME_PIXELS) // ROW_PIXELS)

    def _redraw(self) -> None:
        rows = self._rows
        if not self.all_cycles.isChecked():
            rows = rows[-self.fitting_rows() :]  # the newest rows (drawn on top)
        self._shown_rows = rows
        self.canvas.setMinimumHeight(max(MIN_HEIGHT, CHROME_PIXELS + ROW_PIXELS * len(rows)))
        if not self.all_cycles.isChecked():
            self.canvas.setMinimumHeight(MIN_RECENT_HEIGHT)  # exactly the visible height
        self._artists = draw_cycle_chart(
            self.figure, rows, highlight=self._highlight, dark=is_dark(self)
        )
        self.canvas.set_overlay([self._artists.highlight_ring])
        self.canvas.redraw_later()

    def _refit(self) -> None:
        if self._rows and not self.all_cycles.isChecked():
            wanted = self._rows[-self.fitting_rows() :]
            if wanted != self._shown_rows:
                self._redraw()

    def highlight(self, episode_id: str | None) -> None:
        """Ring one episode's marker and scroll its cycle into view."""
        self._highlight = episode_id
        if self._artists is None:
            return
        shown = any(e.id == episode_id for row in self._shown_rows for e in row.episodes)
        if (
            episode_id is not None
            and not shown
            and any(e.id == episode_id for row in self._rows for e in row.episodes)
        ):
            self.all_cycles.setChecked(True)  # an older cycle: show them all, scrolled to it
            assert self._artists is not None
        if self._artists.set_highlight(episode_id) and episode_id is not None:
            position = self._artists.position(episode_id)
            if position is not None:
                if not self.canvas.is_current():
                    self.canvas.redraw_now()  # the transform is only right after a draw
                _x, y = self._artists.axes.transData.transform(position)
                self.scroll_area.ensureVisible(0, int(self.canvas.height() - y), 0, ROW_PIXELS * 2)
        # Scrolling moves the canvas, not the figure's view: only the ring is repainted.
        self.canvas.redraw_overlay()

    def clear(self) -> None:
        """Forget all journal data (used when the journal locks)."""
        self._rows = ()
        self._shown_rows = ()
        self._press = None
        self._forget()
        self.canvas.setMinimumHeight(MIN_HEIGHT)
        self.canvas.redraw_later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        area = getattr(self, "scroll_area", None)  # events arrive while being built
        if area is None:
            return False
        if watched is area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        if watched is self.canvas and event.type() == QEvent.Type.Wheel:
            QApplication.sendEvent(self.scroll_area.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)

    def _on_press(self, event: Event) -> None:
        if isinstance(event, MouseEvent) and event.button == 1:
            self._press = (event.x, event.y)

    def _on_release(self, event: Event) -> None:
        press, self._press = self._press, None
        if self._artists is None or not isinstance(event, MouseEvent) or press is None:
            return
        if abs(event.x - press[0]) + abs(event.y - press[1]) >= CLICK_SLOP:
            return
        self._click(event)

    def _on_motion(self, event: Event) -> None:
        if self._artists is None or not isinstance(event, MouseEvent) or self._press:
            return
        self._hover(
            event,
            lambda: TimelineData(episodes=tuple(e for row in self._rows for e in row.episodes)),
        )
