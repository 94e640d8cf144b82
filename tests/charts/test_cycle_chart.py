"""The cycle chart: one row per cycle, newest on top, episodes by cycle day."""

from __future__ import annotations

import numpy as np
from matplotlib.backend_bases import MouseButton, MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from journal.charts import cycle_rows, draw_cycle_chart
from journal.charts.cycle_chart import EMPTY_MESSAGE
from journal.domain.model import JournalData
from journal.domain.vocabulary import Severity


def _figure() -> Figure:
    figure = Figure(figsize=(9, 5.5), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def test_one_row_per_cycle_newest_on_top(journal: JournalData) -> None:
    rows = cycle_rows(journal)
    figure = _figure()
    artists = draw_cycle_chart(figure, rows)
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    positions = list(axes.get_yticks())
    assert len(labels) == len(rows) == 13
    top = labels[positions.index(max(positions))]
    bottom = labels[positions.index(min(positions))]
    assert top.startswith(f"{rows[-1].start.day} ") and top.endswith("now")
    assert bottom.startswith(f"{rows[0].start.day} ") and bottom.endswith(f"{rows[0].length} d")
    assert artists.periods is not None and len(artists.periods.get_paths()) == 13
    assert artists.ovulation is not None and len(np.asarray(artists.ovulation.get_offsets())) == 13


def test_episodes_sit_on_their_cycle_day_and_row(
    journal: JournalData, severities: dict[str, Severity]
) -> None:
    rows = cycle_rows(journal, severities)
    artists = draw_cycle_chart(_figure(), rows)
    assert artists.markers is not None
    assert len(artists.markers.ids) == sum(len(r.episodes) for r in rows)
    for index, row in enumerate(rows):
        for point in row.episodes:
            position = artists.position(point.id)
            assert position is not None
            x, y = position
            assert y == index
            assert abs(x - (point.cycle_day or 0)) < 0.5  # same-day episodes are nudged apart
    expected = sum(1 for r in rows for p in r.episodes if p.needs_attention)
    assert int(artists.markers.attention.sum()) == expected > 0


def test_click_and_highlight_in_the_cycle_chart(journal: JournalData) -> None:
    figure = _figure()
    rows = cycle_rows(journal)
    target = rows[3].episodes[0].id
    artists = draw_cycle_chart(figure, rows, highlight=target)
    figure.canvas.draw()
    position = artists.position(target)
    assert position is not None
    px, py = figure.axes[0].transData.transform(position)
    event = MouseEvent("button_press_event", figure.canvas, px + 1, py - 1, button=MouseButton.LEFT)
    assert artists.episode_at(event) == target
    assert artists.highlighted == target
    assert artists.highlight_ring is not None
    assert list(np.asarray(artists.highlight_ring.get_offsets())[0]) == list(position)


def test_no_cycles_shows_a_message() -> None:
    figure = _figure()
    artists = draw_cycle_chart(figure, [])
    assert artists.message is not None and artists.message.get_visible()
    assert artists.message.get_text() == EMPTY_MESSAGE
    assert not figure.axes[0].axison
    figure.canvas.draw()
