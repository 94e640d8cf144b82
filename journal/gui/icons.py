"""Icons: interface icons and the application's own icon, all SVG files in resources.

The interface icons are glyphs of Material Design Icons and Font Awesome, kept as SVG
files (``resources/icons/ui``, written by ``scripts/extract_icons.py``) and painted in
the colour each use needs: the palette's text colour for the toolbar, so they suit light
and dark themes, and the level's colour for the triage line. QtSvg draws them at any size
and pixel ratio; without the file, the platform's icon theme is asked. (They were drawn
through ``qtawesome`` at run time, whose ``qtpy`` layer imports every Qt class: about
28 MB and 270 ms of a session that drew seventeen icons.)
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from journal import resources

#: Action name → (interface icon, freedesktop theme name as the fallback).
ACTION_ICONS: dict[str, tuple[str, str]] = {
    "new": ("mdi6.plus-circle-outline", "list-add"),
    "edit": ("mdi6.pencil-outline", "document-edit"),
    "delete": ("mdi6.trash-can-outline", "edit-delete"),
    "period_started": ("mdi6.water-outline", "media-playback-start"),
    "period_ended": ("mdi6.water-off-outline", "media-playback-stop"),
    "records": ("mdi6.calendar-month-outline", "x-office-calendar"),
    "undo": ("mdi6.undo", "edit-undo"),
    "redo": ("mdi6.redo", "edit-redo"),
    "report": ("mdi6.printer-outline", "document-print"),
    "appointment": ("mdi6.stethoscope", "document-properties"),
    "lock": ("mdi6.lock-outline", "system-lock-screen"),
    "find": ("mdi6.magnify", "edit-find"),
    "open_journal": ("mdi6.folder-open-outline", "document-open"),
}
UI_ICONS = ("icons", "ui")
APP_ICON = ("icons", "health-journal.svg")
_APP_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def _renderer(name: str) -> QSvgRenderer | None:
    """The parsed SVG of interface icon ``name``; None when it is missing or unreadable."""
    file = resources.path(*UI_ICONS, f"{name}.svg")
    if not file.is_file():
        return None
    renderer = QSvgRenderer(QByteArray(file.read_bytes()))
    return renderer if renderer.isValid() else None


class _TintedSvgEngine(QIconEngine):
    """Paints one SVG in a single colour per mode (greyed when disabled), at the size and
    pixel ratio asked for, so the icon is sharp on every screen. Each drawing is kept:
    a toolbar asks for the same few on every repaint."""

    def __init__(self, renderer: QSvgRenderer, colour: QColor, disabled: QColor) -> None:
        super().__init__()
        self._renderer = renderer
        self._colour = colour
        self._disabled = disabled
        self._drawn: dict[tuple[int, int, bool, float], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._renderer, self._colour, self._disabled)

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        off = mode is QIcon.Mode.Disabled
        key = (size.width(), size.height(), off, scale)
        if key in self._drawn:
            return self._drawn[key]
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._renderer.render(painter)
        # Keep the glyph's shape (its alpha), replace its colour.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), self._disabled if off else self._colour)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        self._drawn[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.scaledPixmap(rect.size(), mode, state, scale)
        painter.drawPixmap(rect, pixmap)

    def actualSize(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State
    ) -> QSize:
        side = min(size.width(), size.height())  # the icons are square
        return QSize(side, side)


def tinted_icon(
    name: str, colour: QColor | str, disabled: QColor | str | None = None, theme: str = ""
) -> QIcon:
    """Interface icon ``name`` (``"mdi6.magnify"``) painted in ``colour`` (``disabled``
    when its action is off); the platform theme's icon ``theme`` if the file is missing."""
    renderer = _renderer(name)
    if renderer is None:
        return QIcon.fromTheme(theme)
    shade = QColor(colour)
    grey = (
        QColor(disabled)
        if disabled is not None
        else QColor(shade.red(), shade.green(), shade.blue(), 110)
    )
    return QIcon(_TintedSvgEngine(renderer, shade, grey))


def action_icon(name: str, widget: QWidget) -> QIcon:
    """The icon for action ``name``, in ``widget``'s text colour."""
    icon, theme = ACTION_ICONS[name]
    palette = widget.palette()
    colour = palette.color(QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return tinted_icon(icon, colour, disabled, theme)


@cache
def app_icon() -> QIcon:
    """The application's icon, rendered from its SVG at the usual sizes."""
    renderer = QSvgRenderer(QByteArray(resources.path(*APP_ICON).read_bytes()))
    icon = QIcon()
    for size in _APP_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def install_app_icon() -> None:
    """Every window without an icon of its own shows the application's."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
