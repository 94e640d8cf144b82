"""The timeline figure: markers, encodings, bands, picking, highlight, empty ranges."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent, PickEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from journal.charts import TimelineData, draw_timeline, timeline_data
from journal.charts.data import EpisodePoint, PeriodBand
from journal.charts.style import DARK, LIGHT
from journal.charts.timeline import EMPTY_MESSAGE
from journal.domain.model import JournalData
from journal.domain.vocabulary import Amount, Colour, Severity


def _figure() -> Figure:
    figure = Figure(figsize=(9, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    return figure


@pytest.fixture
def data(journal: JournalData, severities: dict[str, Severity]) -> TimelineData:
    return timeline_data(journal, severities)


def _click(figure: Figure, x: float, y: float, axes_xy: tuple[float, float]) -> MouseEvent:
    px, py = figure.axes[0].transData.transform(axes_xy)
    return MouseEvent("button_press_event", figure.canvas, px + x, py + y, button=MouseButton.LEFT)


def test_every_episode_is_one_marker(data: TimelineData) -> None:
    artists = draw_timeline(_figure(), data)
    assert artists.markers is not None
    assert len(artists.markers.offsets) == len(data.episodes) == 36
    assert sorted(artists.markers.ids) == sorted(p.id for p in data.episodes)
    assert int(artists.markers.after_sex.sum()) == sum(p.after_sex for p in data.episodes)
    assert int(artists.markers.attention.sum()) == sum(p.needs_attention for p in data.episodes)


def test_marker_size_grows_with_amount(data: TimelineData) -> None:
    artists = draw_timeline(_figure(), data)
    assert artists.markers is not None
    by_id = {p.id: p for p in data.episodes}
    sizes: dict[tuple[bool, Amount], set[float]] = {}
    for episode_id, size in zip(artists.markers.ids, artists.markers.sizes, strict=True):
        point = by_id[episode_id]
        sizes.setdefault((point.after_sex, point.amount), set()).add(float(size))
    for after_sex in (False, True):
        steps = [sizes[(after_sex, a)] for a in Amount if (after_sex, a) in sizes]
        assert all(len(s) == 1 for s in steps)
        flat = [s.pop() for s in steps]
        assert flat == sorted(flat) and len(set(flat)) == len(flat)
    # Higher amounts also sit higher on the chart.
    ys = dict(zip(artists.markers.ids, artists.markers.offsets[:, 1], strict=True))
    assert all(round(ys[p.id]) == list(Amount).index(p.amount) for p in data.episodes)


def test_colour_encodes_the_blood_colour_and_grey_when_unknown() -> None:
    points = tuple(
        EpisodePoint(f"c{i}", datetime(2026, 3, 1 + 2 * i, 12), Amount.LIGHT, colour=colour)
        for i, colour in enumerate([*Colour, None])
    )
    artists = draw_timeline(_figure(), TimelineData(episodes=points))
    assert artists.markers is not None
    faces = dict(zip(artists.markers.ids, map(tuple, artists.markers.facecolors), strict=True))
    for point in points:
        assert faces[point.id] == to_rgba(LIGHT.colours[point.colour])
    assert faces["c4"] == to_rgba("#a9a9a9")


def test_one_band_per_period_and_one_mark_per_ovulation(data: TimelineData) -> None:
    artists = draw_timeline(_figure(), data)
    assert artists.periods is not None and artists.ovulation is not None
    assert len(artists.periods.get_paths()) == len(data.periods) == 13
    assert len(np.asarray(artists.ovulation.get_offsets())) == len(data.ovulations) == 13


def test_clicking_a_marker_maps_to_its_episode(data: TimelineData) -> None:
    figure = _figure()
    artists = draw_timeline(figure, data)
    figure.canvas.draw()
    assert artists.markers is not None
    for index, episode_id in enumerate(artists.markers.ids):
        position = artists.position(episode_id)
        assert position is not None
        event = _click(figure, 0.0, 0.0, position)
        assert artists.episode_at(event) == episode_id
        assert artists.episode_id(artists.markers, index) == episode_id
    assert artists.episode_ids == {artists.markers: artists.markers.ids}
    assert artists.episode_id(artists.markers, len(data.episodes)) is None
    # A click in empty space (above the heavy row, mid-chart) hits nothing.
    empty = MouseEvent("button_press_event", figure.canvas, 450, 335, button=MouseButton.LEFT)
    assert artists.episode_at(empty) is None


def test_pick_events_carry_the_index_into_the_map(data: TimelineData) -> None:
    figure = _figure()
    artists = draw_timeline(figure, data)
    figure.canvas.draw()
    assert artists.markers is not None
    picked: list[str | None] = []

    def on_pick(event: PickEvent) -> None:
        picked.append(artists.episode_id(event.artist, int(event.ind[0])))  # type: ignore[attr-defined]

    figure.canvas.mpl_connect("pick_event", on_pick)
    target = artists.markers.ids[5]
    position = artists.position(target)
    assert position is not None
    figure.canvas.callbacks.process("button_press_event", _click(figure, 0, 0, position))
    figure.pick(_click(figure, 0, 0, position))
    assert target in picked


def test_highlight_rings_the_episode(data: TimelineData) -> None:
    target = data.episodes[3].id
    artists = draw_timeline(_figure(), data, highlight=target)
    assert artists.highlight_ring is not None
    assert artists.highlighted == target
    ring = artists.highlight_ring.get_offsets()
    position = artists.position(target)
    assert position is not None
    assert np.allclose(ring, [position])
    assert artists.set_highlight(None) is False
    assert len(np.asarray(artists.highlight_ring.get_offsets())) == 0
    assert artists.set_highlight("no-such-episode") is False


def test_range_limits_and_empty_range_message(data: TimelineData) -> None:
    artists = draw_timeline(_figure(), data, start=date(2026, 3, 1), end=date(2026, 5, 31))
    assert artists.visible_range() == (date(2026, 3, 1), date(2026, 6, 1))
    assert artists.message is not None and artists.message.get_text() == EMPTY_MESSAGE
    assert not artists.message.get_visible()
    artists.set_range(date(2020, 1, 1), date(2020, 3, 1))  # long before the journal
    assert artists.episodes_in_view() == 0
    assert artists.message.get_visible()


def test_empty_journal_shows_only_the_message() -> None:
    figure = _figure()
    artists = draw_timeline(figure, TimelineData())
    assert artists.message is not None and artists.message.get_visible()
    assert not figure.axes[0].axison
    assert artists.markers is not None and len(artists.markers.ids) == 0
    figure.canvas.draw()  # must not raise


def test_default_range_covers_all_data_with_a_margin(data: TimelineData) -> None:
    artists = draw_timeline(_figure(), data)
    first, last = artists.visible_range()
    assert first == data.periods[0].start - timedelta(days=7)
    assert last >= max(p.day for p in data.episodes) + timedelta(days=7)


def test_dark_palette_sets_dark_background(data: TimelineData) -> None:
    figure = _figure()
    draw_timeline(figure, data, dark=True)
    assert figure.get_facecolor()[:3] == to_rgba(DARK.background)[:3]
    assert sum(to_rgba(figure.get_facecolor())[:3]) < 0.6


def test_periods_only_still_draw_bands() -> None:
    only = TimelineData(periods=(PeriodBand(date(2026, 1, 1), date(2026, 1, 5)),))
    artists = draw_timeline(_figure(), only)
    assert artists.periods is not None and len(artists.periods.get_paths()) == 1
    assert artists.message is not None and artists.message.get_visible()


def test_severity_mapping_is_optional(journal: JournalData) -> None:
    plain = timeline_data(journal)
    assert all(p.severity is None for p in plain.episodes)
    urgent = timeline_data(journal, {journal.episodes[0].id: Severity.URGENT})
    assert sum(p.needs_attention for p in urgent.episodes) == 1


def test_redrawing_reuses_the_rendered_legend_with_the_same_pixels(data: TimelineData) -> None:
    from journal.charts import legend as legend_module
    from journal.charts.render import render_png

    legend_module.clear_legend_cache()
    figure = Figure(figsize=(9, 3.6), dpi=100)
    draw_timeline(figure, data)
    first = render_png(figure, 100)
    assert len(legend_module._IMAGES) == 1
    again = Figure(figsize=(9, 3.6), dpi=100)
    draw_timeline(again, data)
    assert render_png(again, 100) == first  # drawn from the cache, same bytes
    assert len(legend_module._IMAGES) == 1
    draw_timeline(again, data, dark=True)  # other colours: rendered afresh
    assert render_png(again, 100) != first
    assert len(legend_module._IMAGES) == 2
