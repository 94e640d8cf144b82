"""Every window and dialog: each Tab stop has a name a screen reader can say, the Tab order
follows the layout, and the window fits the screen with its buttons in view."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from journal.gui.change_passphrase_dialog import ChangePassphraseDialog
from journal.gui.create_journal_dialog import CreateJournalDialog
from journal.gui.episode_editor import EpisodeEditor
from journal.gui.main_window import MainWindow
from journal.gui.records_dialog import RecordsDialog
from journal.gui.unlock_dialog import UnlockDialog
from journal.gui.window_fit import available_area
from journal.services import JournalService
from tests.helpers import PASSPHRASE


@pytest.fixture
def service(filled_journal: tuple[Path, dict[str, str]]) -> Iterator[JournalService]:
    opened = JournalService.open(filled_journal[0], PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()


def _spoken_name(widget: QWidget) -> str:
    """What assistive technology reads: the accessible name, else what Qt derives
    (a button's text, a label's buddy)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).strip()


def _inner_part(widget: QWidget) -> bool:
    """Qt's own parts of a named control (a spin box's or combo box's line edit)."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def tab_stops(top: QWidget) -> list[QWidget]:
    """Widgets Tab can reach in ``top``, in focus-chain order."""
    stops: list[QWidget] = []
    widget = top.nextInFocusChain()
    while widget is not None and widget is not top and widget not in stops:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(top)
            and widget.window() is top
            and not _inner_part(widget)
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def unnamed(top: QWidget) -> list[str]:
    offenders = []
    for widget in tab_stops(top):
        if not _spoken_name(widget):
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            offenders.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return offenders


def _dialogs(service: JournalService, tmp_path: Path) -> list[tuple[str, Callable[[], QDialog]]]:
    from journal.gui.report_dialog import AppointmentDialog

    return [
        ("editor", lambda: EpisodeEditor(None, service.episodes()[0])),
        ("new episode", lambda: EpisodeEditor(None)),
        *[
            (f"records {tab}", lambda tab=tab: RecordsDialog(service, None, tab))
            for tab in (
                "periods",
                "context",
                "conditions",
                "screenings",
                "ovulation",
                "appointments",
            )
        ],
        ("appointment", lambda: AppointmentDialog(service)),
        ("create", lambda: CreateJournalDialog(tmp_path / "new.hjournal")),
        ("unlock", lambda: UnlockDialog(tmp_path / "new.hjournal")),
        ("change passphrase", lambda: ChangePassphraseDialog(service)),
    ]


def test_every_tab_stop_of_the_main_window_has_a_name(
    qtbot: QtBot, service: JournalService
) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert len(tab_stops(window)) > 10
    assert unnamed(window) == []


def test_every_tab_stop_of_every_dialog_has_a_name_and_the_dialog_fits(
    qtbot: QtBot, service: JournalService, tmp_path: Path
) -> None:
    offenders: dict[str, list[str]] = {}
    misfits: list[str] = []
    for name, make in _dialogs(service, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found = unnamed(dialog)
        if found:
            offenders[name] = found
        area = available_area(dialog)
        if dialog.width() > area.width() or dialog.height() > area.height():
            misfits.append(f"{name}: {dialog.width()}×{dialog.height()} on {area.size()}")
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog):
                bottom = button.mapTo(dialog, button.rect().bottomLeft()).y()
                if bottom > dialog.height():
                    misfits.append(f"{name}: {button.text()!r} below the edge")
        dialog.reject()
    assert offenders == {}
    assert misfits == []


def test_the_main_window_fits_the_screen(qtbot: QtBot, service: JournalService) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    area = available_area(window)
    assert window.width() <= area.width() and window.height() <= area.height()


def test_tab_order_follows_the_layout(qtbot: QtBot, service: JournalService) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    stops = tab_stops(window)

    def first(widget: QWidget) -> int:
        return next(i for i, s in enumerate(stops) if s is widget or widget.isAncestorOf(s))

    # Top left (charts), bottom left (filter, list), then the right column (details, cards).
    order = [
        first(window.tabs),
        first(window.episode_list.filter_bar),
        first(window.episode_list.table),
        first(window.details_scroll),
        first(window.card_panel),
    ]
    assert order == sorted(order), [type(s).__name__ for s in stops]


def test_the_episode_form_scrolls_only_when_the_screen_is_too_small(qtbot: QtBot) -> None:
    from journal.gui.window_fit import _FittingScrollArea

    dialog = EpisodeEditor(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    (area,) = dialog.findChildren(_FittingScrollArea)
    screen = available_area(dialog)
    inner = area.widget()
    assert inner is not None

    def settled() -> bool:
        fits = inner.sizeHint().height() <= area.viewport().height()
        return fits or dialog.frameGeometry().height() >= screen.height() - 2

    qtbot.waitUntil(settled)
    assert dialog.height() <= screen.height()
