"""The episode list scrolls to an episode selected from elsewhere, after its cards."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from journal.gui.widgets.episode_list import EpisodeList
from journal.services.demo import synthetic_data


def test_a_far_selection_is_made_at_once_and_scrolled_to_on_the_next_turn(qtbot: QtBot) -> None:
    listing = EpisodeList()
    qtbot.addWidget(listing)
    listing.resize(700, 320)
    listing.show()
    qtbot.waitExposed(listing)
    listing.set_data(synthetic_data(300, date(2026, 11, 30), 8.0))
    model, table = listing.model, listing.table
    oldest = model.episode_at(model.rowCount() - 1).id
    with qtbot.waitSignal(listing.selection_changed) as selected:
        assert listing.select(oldest)
    assert selected.args == [oldest] and listing.selected_id() == oldest
    # The cards of the selection paint before the list moves (a full repaint of it).
    row = model.row_of(oldest)
    assert row is not None
    viewport = table.viewport().rect()
    assert not viewport.intersects(table.visualRect(model.index(row, 0)))
    qtbot.waitUntil(lambda: viewport.contains(table.visualRect(model.index(row, 0))))
