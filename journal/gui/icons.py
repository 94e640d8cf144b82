"""Icons: toolbar icons from a kept icon library, the application's own icon from resources.

Toolbar icons come from ``qtawesome`` (Material Design Icons), drawn in the palette's
text colour so they suit light and dark themes; without it, the platform's icon theme is
asked. The application icon is an SVG shipped in the wheel, read through ``resources``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from journal import resources

#: Action name → (Material Design icon, freedesktop theme name as the fallback).
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
#: The icon fonts of ``qtawesome`` the app draws from: loading only these (instead of its
#: dozen bundled fonts) keeps about 14 MB of glyph tables out of memory.
ICON_FONTS = ("mdi6", "fa5s")
APP_ICON = ("icons", "health-journal.svg")
_APP_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def _icon_fonts() -> Any:
    """qtawesome's renderer with just the fonts in ``ICON_FONTS``; its full set when the
    bundled fonts cannot be named (a qtawesome that lists them differently)."""
    import qtawesome
    from qtawesome.iconic_font import IconicFont

    bundled = getattr(qtawesome, "_BUNDLED_FONTS", ())
    wanted = [font for font in bundled if font[0] in ICON_FONTS]
    if len(wanted) != len(ICON_FONTS):
        return qtawesome
    return IconicFont(*wanted)


def library_icon(name: str, **options: Any) -> QIcon:
    """A qtawesome icon (``"mdi6.magnify"``) with its drawing ``options`` (colours)."""
    icon: QIcon = _icon_fonts().icon(name, **options)
    return icon


def action_icon(name: str, widget: QWidget) -> QIcon:
    """The icon for action ``name``, in ``widget``'s text colour."""
    library, theme = ACTION_ICONS[name]
    colour = widget.palette().color(QPalette.ColorRole.ButtonText)
    disabled = widget.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    try:
        return library_icon(library, color=colour, color_disabled=disabled)
    except Exception:
        return QIcon.fromTheme(theme)


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
