"""Windows and dialogs that fit the screen they are on, remember their size, and scroll.

Every top-level window asks for its preferred size, gets at most the screen's available
area (``QScreen.availableGeometry()``, which already accounts for panels and scaling), and
comes back at the size the person last gave it. Only geometry is kept, never content.
Long forms sit in a scroll area, so a small or highly scaled screen scrolls them rather
than pushing their buttons off the edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QSizePolicy, QWidget

from journal.settings import WindowState

#: Share of the available screen a window may take when it first opens.
SCREEN_SHARE = 0.92


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(preferred: QSize, area: QRect, share: float = SCREEN_SHARE) -> QSize:
    """``preferred`` shrunk to ``share`` of ``area`` where it is larger."""
    return QSize(
        min(preferred.width(), int(area.width() * share)),
        min(preferred.height(), int(area.height() * share)),
    )


def fit_to_screen(window: QWidget, key: str, preferred: QSize | None = None) -> None:
    """Give ``window`` its remembered size (or ``preferred``), never beyond the screen.

    Its size is saved under ``key`` whenever it is hidden or closed.
    """
    area = available_area(window)
    window.ensurePolished()  # fonts and style in place, so the size hint is the real one
    layout = window.layout()
    if layout is not None:
        layout.activate()
    saved = WindowState().load(f"{key}/geometry")
    if saved is None or not window.restoreGeometry(saved):
        window.resize(fitted(preferred or window.sizeHint(), area))
    if window.width() > area.width() or window.height() > area.height():
        window.resize(fitted(window.size(), area, 1.0))
    # A minimum size larger than the screen would still overflow: let it shrink.
    minimum = window.minimumSize()
    if minimum.width() > area.width() or minimum.height() > area.height():
        window.setMinimumSize(fitted(minimum, area, 1.0))
    if window.findChild(_GeometryKeeper) is None:
        _GeometryKeeper(window, key, grow=saved is None)


class _GeometryKeeper(QObject):
    """Saves the window's geometry when it hides or closes (a lock hides dialogs too)."""

    def __init__(self, window: QWidget, key: str, grow: bool) -> None:
        super().__init__(window)
        self._window = window
        self._key = key
        self._grow = grow
        window.installEventFilter(self)

    def _grow_to_content(self) -> None:
        """Once shown (real sizes known), take the room a scrolling form still lacks."""
        window = getattr(self, "_window", None)
        if not isinstance(window, QWidget):
            return
        missing = 0
        for area in window.findChildren(_FittingScrollArea):
            inner = area.widget()
            if inner is not None and area.isVisible():
                missing = max(missing, inner.sizeHint().height() - area.viewport().height())
        if missing > 0:
            room = available_area(window).height() - window.frameGeometry().height()
            window.resize(window.width(), window.height() + min(missing, max(room, 0)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # getattr: Qt may still deliver events while the Python side is being torn down.
        window = getattr(self, "_window", None)
        if getattr(self, "_grow", False) and watched is window and event.type() == QEvent.Type.Show:
            self._grow = False
            QTimer.singleShot(0, self._grow_to_content)
        if (
            isinstance(window, QWidget)
            and watched is window
            and event.type() in (QEvent.Type.Hide, QEvent.Type.Close)
        ):
            WindowState().save(f"{self._key}/geometry", window.saveGeometry())
        return False


def scrolling(content: QWidget | QLayout, name: str) -> QScrollArea:
    """``content`` in a frameless scroll area that asks for the content's whole size."""
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content = holder
    area = _FittingScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    area.setAccessibleName(name)
    area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return area


class _FittingScrollArea(QScrollArea):
    """Prefers the size of its content (QScrollArea caps its hint at a few lines)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        inner.ensurePolished()
        hint = inner.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + bar + frame, hint.height() + frame + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width, 80)
