"""The main window on a real journal: list, filter, cards beside the details, the timeline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journal.cards import CardMatch
from journal.cards.describe import Label
from journal.domain.dates import DATES
from journal.gui.main_window import LOCKED_TITLE, TAB_CYCLES, TAB_PATTERNS, TITLE, MainWindow
from journal.gui.models.episode_filter import EpisodeFilter
from journal.gui.widgets.card_panel import EAGER_CARDS, CardPanel, CardView
from journal.services import JournalService
from tests.helpers import MARKER, PASSPHRASE, draft


@pytest.fixture
def window(qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]) -> Iterator[MainWindow]:
    path, _ids = filled_journal
    widget = MainWindow(JournalService.open(path, PASSPHRASE))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


@pytest.fixture
def ids(filled_journal: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return filled_journal[1]


def test_lists_every_episode_newest_first(window: MainWindow, ids: dict[str, str]) -> None:
    shown = [
        window.episode_list.model.index(r, 0).data()
        for r in range(window.episode_list.model.rowCount())
    ]
    assert shown == [
        f"Sun {DATES.short(date(2026, 11, 8))}, {DATES.time(datetime(2026, 11, 8, 23, 15))}",
        f"Thu {DATES.short(date(2026, 10, 8))}",
        f"Tue {DATES.short(date(2026, 9, 15))}",
    ]
    assert window.windowTitle() == TITLE
    assert window.episode_list.count_label.text() == "3 episodes"


def test_selecting_an_episode_shows_its_cards_with_reasons(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    window.select_episode(ids["after_sex"])
    qtbot.waitUntil(lambda: "postcoital-bleeding" in window.card_panel.card_ids())
    cards = window.card_panel.card_ids()
    assert cards[0] == "see-a-provider"  # pressing cards first
    assert {"cervical-trauma", "dryness-micro-tears"} <= set(cards)
    assert window.service is not None
    assert cards == window.service.explain(ids["after_sex"]).card_ids  # same order as the CLI
    texts = [
        label.text()
        for label in window.card_panel.findChildren(type(window.episode_list.count_label))
    ]
    assert any("Why this card" in t and "intercourse" in t for t in texts)
    assert any(t.startswith("Source: Bleeding After Sex") for t in texts)
    assert window.card_panel.disclaimer.text().startswith("This journal explains")
    assert window.details.values[Label.BEFORE].text() == "Intercourse"
    assert MARKER in window.details.notes.text()


def test_the_triage_line_tops_the_cards_in_words_icon_and_colour(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    window.select_episode(ids["after_sex"])
    qtbot.waitUntil(lambda: "postcoital-bleeding" in window.card_panel.card_ids())
    line = window.card_panel.triage_line
    assert window.service is not None
    triage = window.service.explain(ids["after_sex"]).triage
    assert line.isVisible()
    assert line.words.text() == "See a provider"  # words, not colour alone
    assert line.timing.text() == triage.timing
    assert "bleeding after sex, outside a period" in line.reasons.text()
    icon = line.icon.pixmap()
    assert not icon.isNull()  # and an icon
    assert _left_edge(line) == "#b45309"  # and the see-a-provider colour, as drawn
    assert line.accessibleName().startswith("What to do now: See a provider.")
    # The see-a-provider card carries the same reasons: they are not listed twice.
    from journal.gui.widgets.card_panel import SAME_REASONS

    views = {v.card_id: v for v in window.card_panel.findChildren(CardView)}
    assert SAME_REASONS in views["see-a-provider"].reasons.text()
    assert "<li>" not in views["see-a-provider"].reasons.text()
    assert "intercourse" in views["postcoital-bleeding"].reasons.text()  # its own reasons
    # It sits above the cards.
    panel = window.card_panel.layout()
    assert panel is not None
    assert panel.indexOf(line) < panel.indexOf(window.card_panel.scroll_area)
    # Its reasons head the scrolling cards (a long list never squeezes the cards out).
    content = window.card_panel.scroll_area.widget()
    scrolling = content.layout() if content is not None else None
    assert scrolling is not None and scrolling.indexOf(line.reasons) == 0
    assert line.reasons.isVisible()
    window.select_episode(ids["ovulation"])
    qtbot.waitUntil(lambda: "ovulation-spotting" in window.card_panel.card_ids())
    assert line.words.text() == "No warning sign logged"
    assert line.timing.text().startswith("Nothing you logged needs a visit by itself")
    assert _left_edge(line) == "#4f5b62"  # the new level's colour replaced the old


def _left_edge(widget: QWidget) -> str:
    """The colour drawn at the middle of ``widget``'s left edge (its level's border)."""
    image = widget.grab().toImage()
    return str(image.pixelColor(3, image.height() // 2).name())


def test_other_episodes_get_their_own_cards(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    window.select_episode(ids["ovulation"])
    qtbot.waitUntil(lambda: "ovulation-spotting" in window.card_panel.card_ids())
    assert "postcoital-bleeding" not in window.card_panel.card_ids()
    assert window.details.values["Cycle day"].text() == "Day 15"


def test_selecting_in_the_list_highlights_it_on_the_charts(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    window.episode_list.table.setFocus()
    window.select_episode(ids["ovulation"])
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_Up)  # the keyboard moves the selection too
    assert window.selected_episode_id() == ids["mucus"]
    qtbot.waitUntil(lambda: window.timeline._highlight == ids["mucus"])
    window.tabs.setCurrentIndex(TAB_CYCLES)  # the hidden chart catches up when shown
    assert window.cycle_chart._highlight == ids["mucus"]


def test_clicking_the_timeline_selects_the_episode_and_shows_its_cards(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    view = window.timeline
    view.canvas.redraw_now()
    assert view.artists is not None
    position = view.artists.position(ids["after_sex"])
    assert position is not None
    x, y = view.artists.axes.transData.transform(position)
    ratio = view.canvas.device_pixel_ratio
    point = QPoint(round(x / ratio), round(view.canvas.figure.bbox.height / ratio - y / ratio))
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.selected_episode_id() == ids["after_sex"])
    qtbot.waitUntil(lambda: "postcoital-bleeding" in window.card_panel.card_ids())


def test_filter_narrows_the_list_and_the_timeline_still_selects(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    window.episode_list.filter_bar.after_sex.setChecked(True)
    assert window.episode_list.model.rowCount() == 1
    assert window.episode_list.count_label.text() == "1 of 3 episodes shown"
    window.episode_list.filter_bar.after_sex.setChecked(False)
    window.episode_list.filter_bar.text.setText("BROWNISH")
    assert window.episode_list.model.rowCount() == 1
    # An episode the filter hides is still reachable from the charts: the filter resets.
    window.select_episode(ids["ovulation"])
    assert window.selected_episode_id() == ids["ovulation"]
    assert window.episode_list.filter_bar.criteria() == EpisodeFilter()


def test_a_filter_keeps_the_selection_it_lists_and_drops_the_one_it_hides(
    window: MainWindow, ids: dict[str, str]
) -> None:
    window.select_episode(ids["after_sex"])
    assert "postcoital-bleeding" in window.card_panel.card_ids()
    window.episode_list.filter_bar.after_sex.setChecked(True)  # lists it: nothing moves
    assert window.selected_episode_id() == ids["after_sex"]
    assert "postcoital-bleeding" in window.card_panel.card_ids()
    window.episode_list.filter_bar.after_sex.setChecked(False)
    window.episode_list.filter_bar.text.setText("BROWNISH")  # hides it
    assert window.selected_episode_id() is None
    assert window.card_panel.card_ids() == []
    assert window.details.values[Label.AMOUNT].text() == "—"


def test_ctrl_f_goes_to_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.episode_list.table.setFocus()
    window.find_action.trigger()
    assert window.episode_list.filter_bar.text.hasFocus()


def test_patterns_have_their_own_tab(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(TAB_PATTERNS)
    assert window.tabs.currentWidget() is window.patterns_panel
    assert window.patterns_panel.titles()  # cycle-length statistics at least


def test_severities_reach_the_timeline(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    qtbot.waitUntil(lambda: not window.severity_job.running)
    data = window.timeline._data
    assert data is not None
    point = data.episode(ids["after_sex"])
    assert point is not None and point.needs_attention


def test_the_timeline_is_drawn_after_the_window_and_only_when_on_view(
    qtbot: QtBot, filled_journal: tuple[Path, dict[str, str]]
) -> None:
    path, _ids = filled_journal
    service = JournalService.open(path, PASSPHRASE)
    widget = MainWindow(service)
    qtbot.addWidget(widget)
    # The window and the newest episode's cards do not wait for the chart: it follows on
    # the next turn of the event loop.
    assert widget.card_panel.card_ids()
    assert widget.timeline.artists is None
    qtbot.waitUntil(lambda: widget.timeline.artists is not None)
    qtbot.waitUntil(lambda: not widget.severity_job.running)
    drawn = widget.timeline.artists
    # A change while another tab is on view leaves the timeline until it is shown again.
    widget.tabs.setCurrentWidget(widget.patterns_panel)
    added = service.add_episode(draft(datetime(2026, 11, 20, 9, 0)))
    qtbot.waitUntil(lambda: not widget.severity_job.running)
    QApplication.processEvents()
    assert widget.timeline.artists is drawn
    widget.tabs.setCurrentWidget(widget.timeline)
    assert widget.timeline.artists is not drawn
    assert widget.timeline.artists is not None
    assert widget.timeline.artists.position(added.id) is not None


def test_opening_a_form_makes_the_journal_ready_for_changes_while_it_is_filled(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    from journal.gui.episode_editor import EpisodeEditor

    service = window.service
    assert service is not None
    assert not service.changes_prepared  # showing the journal never needed it
    seen: list[bool] = []

    def fill_in(parent: object = None, episode: object = None) -> None:
        qtbot.waitUntil(lambda: service.changes_prepared)  # while the form is open
        seen.append(True)

    monkeypatch.setattr(EpisodeEditor, "ask", staticmethod(fill_in))
    window.new_episode()
    assert seen == [True]


def test_report_actions_open_the_report_dialogs_and_a_lock_closes_them(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    def open_dialogs() -> list[str]:
        return [
            type(w).__name__
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible()
        ]

    window.select_episode(ids["after_sex"])
    window.report_action.trigger()
    qtbot.waitUntil(lambda: "EpisodeReportPreview" in open_dialogs())
    window.appointment_action.trigger()
    qtbot.waitUntil(lambda: "AppointmentDialog" in open_dialogs())
    window.lock_action.trigger()
    assert open_dialogs() == []


def test_the_newest_episode_is_selected_on_opening(window: MainWindow, ids: dict[str, str]) -> None:
    assert window.selected_episode_id() == ids["after_sex"]
    assert window.card_panel.card_ids()


def test_tabs_have_shortcuts_and_the_cycle_chart_draws_when_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.cycle_chart.artists is None  # not drawn while hidden
    qtbot.keyClick(window.episode_list.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == TAB_CYCLES
    assert window.cycle_chart.artists is not None


def test_sorting_by_a_header_keeps_the_selection(
    qtbot: QtBot, window: MainWindow, ids: dict[str, str]
) -> None:
    from journal.gui.models.episode_table_model import COL_AMOUNT

    window.select_episode(ids["mucus"])
    window.episode_list.table.sortByColumn(COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert window.episode_list.model.index(0, COL_AMOUNT).data() == "Light"
    assert window.selected_episode_id() == ids["mucus"]


def test_geometry_is_remembered_and_settings_hold_no_journal_text(
    qtbot: QtBot, window: MainWindow, private_settings: Path
) -> None:
    window.resize(790, 590)  # within the offscreen screen, which restoring clamps to
    window.select_episode(window.episode_list.model.episode_at(0).id)
    window.close()
    again = MainWindow(None)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (790, 590)
    assert again.windowTitle() == LOCKED_TITLE
    stored = b"".join(p.read_bytes() for p in private_settings.rglob("*") if p.is_file())
    assert stored  # something was saved…
    assert MARKER.encode() not in stored  # …but nothing of the journal
    assert window.episode_list.model.rowCount() == 0  # closing forgets the data too


def _most_cards() -> tuple[CardMatch, ...]:
    """The cards of the demo journal's episode that has the most."""
    from journal.cards import Explainer
    from journal.services.demo import demo_data

    data = demo_data(date(2026, 11, 22))
    explainer = Explainer(data)
    return max((explainer.explain(e.id).cards for e in data.episodes), key=len)


def _panel_on_screen(qtbot: QtBot, height: int) -> CardPanel:
    """An empty card panel, 440 px wide and ``height`` tall, shown and exposed."""
    panel = CardPanel()
    qtbot.addWidget(panel)
    panel.resize(440, height)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _shown_views(panel: CardPanel) -> list[CardView]:
    """The card views the panel shows, top to bottom (views are built once per card and
    reused: those of other cards are hidden)."""
    views = [v for v in panel.findChildren(CardView) if not v.isHidden()]
    return sorted(views, key=panel._cards.indexOf)


def test_cards_open_to_titles_and_reasons(qtbot: QtBot) -> None:
    """Every card shows badge, title and reasons; the text opens on demand (a lone card opens)."""
    matches = _most_cards()
    panel = CardPanel()
    qtbot.addWidget(panel)
    panel.show_cards(matches)

    def shown() -> list[CardView]:
        return _shown_views(panel)

    # The top cards at once; those below the fold on the next turn of the event loop.
    assert len(shown()) == EAGER_CARDS < len(matches)
    qtbot.waitUntil(lambda: len(shown()) == len(matches))
    views = shown()
    assert [v.card_id for v in views] == [m.card.id for m in matches] == panel.card_ids()
    assert not any(v.toggle.isChecked() or v.body.isVisibleTo(v) for v in views)
    views[1].toggle.click()
    assert views[1].body.isVisibleTo(views[1])
    panel.show_cards(matches[:1])
    (lone,) = [v for v in panel.findChildren(CardView) if not v.isHidden()]
    assert lone.body.isVisibleTo(lone)


def test_scrolling_the_cards_ends_at_the_last_card_not_in_blank_space(qtbot: QtBot) -> None:
    """The scrolled column is as tall as its cards need at its width: scrolled to the end,
    the last card's bottom is at the bottom of the view (it once went on for a screen)."""
    matches = _most_cards()
    panel = _panel_on_screen(qtbot, 420)
    panel.show_cards(matches)
    qtbot.waitUntil(lambda: len(panel.card_ids()) == len(matches))
    bar = panel.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    last = max(_shown_views(panel), key=lambda v: v.geometry().bottom())
    viewport = panel.scroll_area.viewport()
    bottom = last.mapTo(viewport, QPoint(0, last.height())).y()
    assert viewport.height() - 20 <= bottom <= viewport.height()


@pytest.mark.parametrize(("height", "all_at_once"), [(420, False), (2400, True)])
def test_a_selection_places_at_once_the_cards_in_view_and_the_rest_next(
    qtbot: QtBot, height: int, all_at_once: bool
) -> None:
    """The frame after a selection shows every card the view holds; the cards below the
    fold follow on the next turn of the event loop (no more than four at once)."""
    from PySide6.QtCore import QEvent

    matches = _most_cards()
    panel = _panel_on_screen(qtbot, height)

    def shown() -> list[CardView]:
        return _shown_views(panel)

    panel.show_cards(matches)  # builds the views
    qtbot.waitUntil(lambda: len(shown()) == len(matches))
    panel.clear()
    panel.show_cards(matches)
    now = shown()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    viewport = panel.scroll_area.viewport()
    if all_at_once:
        assert len(now) == EAGER_CARDS
    else:
        assert 1 <= len(now) < EAGER_CARDS
        bottom = now[-1].mapTo(viewport, QPoint(0, now[-1].height())).y()
        assert bottom >= viewport.height()  # the view is full: nothing missing on screen
    qtbot.waitUntil(lambda: len(shown()) == len(matches))
    assert [v.card_id for v in shown()] == [m.card.id for m in matches]


def test_a_new_selection_before_the_lower_cards_are_placed_shows_only_its_own(
    qtbot: QtBot,
) -> None:
    """Cards waiting for the next turn of the event loop are dropped by a newer selection."""
    from journal.cards import Explainer
    from journal.gui.widgets.card_panel import CardPanel, CardView
    from journal.services.demo import demo_data

    data = demo_data(date(2026, 11, 22))
    explainer = Explainer(data)
    by_size = sorted((explainer.explain(e.id).cards for e in data.episodes), key=len)
    many, few = by_size[-1], next(m for m in by_size if len(m) == 2)
    panel = CardPanel()
    qtbot.addWidget(panel)
    panel.show_cards(many)
    panel.show_cards(few)  # before the event loop turns
    panel.show_cards(many)
    panel.show_cards(few)
    qtbot.wait(50)
    shown = sorted(
        (v for v in panel.findChildren(CardView) if not v.isHidden()), key=panel._cards.indexOf
    )
    assert [v.card_id for v in shown] == [m.card.id for m in few] == panel.card_ids()


def test_an_empty_journal_says_how_to_start(qtbot: QtBot, journal_path: Path) -> None:
    from journal.gui.widgets.card_panel import NOTHING_LOGGED_TEXT

    JournalService.create(journal_path, PASSPHRASE)
    widget = MainWindow(JournalService.open(journal_path, PASSPHRASE))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.card_panel.placeholder.text() == NOTHING_LOGGED_TEXT
    assert widget.card_panel.placeholder.isVisible()
    widget.close()


def test_no_card_without_periods_suggests_logging_them(qtbot: QtBot, journal_path: Path) -> None:
    from datetime import datetime

    from journal.domain.model import EpisodeDraft
    from journal.domain.vocabulary import Amount
    from journal.gui.widgets.card_panel import NO_CYCLE_TEXT

    JournalService.create(journal_path, PASSPHRASE)
    service = JournalService.open(journal_path, PASSPHRASE)
    service.add_episode(EpisodeDraft(started_at=datetime(2026, 11, 20, 9, 0), amount=Amount.LIGHT))
    widget = MainWindow(service)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.card_panel.placeholder.text() == NO_CYCLE_TEXT)
    assert widget.card_panel.card_ids() == []
    widget.close()
