"""The episode table model, its sorting and filtering, checked by pytest-qt's model tester."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from journal.domain.model import Episode, JournalData, Period
from journal.domain.vocabulary import Amount, Colour, Trigger
from journal.gui.models.episode_filter import EpisodeFilter
from journal.gui.models.episode_table_model import (
    COL_AMOUNT,
    COL_COLOUR,
    COL_CYCLE_DAY,
    COL_DATE,
    COL_TRIGGER,
    ID_ROLE,
    SORT_ROLE,
    EpisodeTableModel,
)

DATA = JournalData(
    periods=(Period(date(2026, 10, 1), date(2026, 10, 5)),),
    episodes=(
        Episode("a", datetime(2026, 10, 14, 7, 30), Amount.SPOTTING, colour=Colour.BRIGHT_RED),
        Episode("b", date(2026, 10, 20), Amount.HEAVY, trigger=Trigger.INTERCOURSE,
                notes="after a long evening"),
        Episode("c", date(2026, 3, 2), Amount.LIGHT, trigger=Trigger.PELVIC_EXAM),
    ),
)  # fmt: skip


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = EpisodeTableModel()
    model.set_data(DATA)
    qtmodeltester.check(model)
    # The tester watches the model's signals from here on: a filter and a sort.
    model.set_filter(EpisodeFilter(text="evening"))
    assert model.rowCount() == 1
    model.sort(COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    model.set_filter(EpisodeFilter())
    qtmodeltester.check(model)


def test_friendly_labels_and_cycle_days() -> None:
    model = EpisodeTableModel()
    model.set_data(DATA)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == ["b", "a", "c"]
    assert model.index(1, COL_DATE).data() == "Wed 14 Oct 2026, 07:30"
    assert model.index(1, COL_COLOUR).data() == "Bright red"
    assert model.index(0, COL_TRIGGER).data() == "Intercourse"
    assert model.index(2, COL_TRIGGER).data() == "Pelvic exam or Pap smear"
    assert model.index(1, COL_CYCLE_DAY).data() == "14"
    assert model.index(2, COL_CYCLE_DAY).data() == "—"  # no period logged before it
    assert model.headerData(COL_AMOUNT, Qt.Orientation.Horizontal) == "Amount"


def test_sorting_by_amount_uses_its_rank_not_its_label() -> None:
    model = EpisodeTableModel()
    model.set_data(DATA)
    model.sort(COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == ["a", "c", "b"]
    assert model.index(0, COL_AMOUNT).data(SORT_ROLE) == 0
    # New data keeps the chosen order.
    model.set_data(DATA)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == ["a", "c", "b"]


def test_filters() -> None:
    model = EpisodeTableModel()
    model.set_data(DATA)

    def shown(criteria: EpisodeFilter) -> set[str]:
        model.set_filter(criteria)
        return {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}

    assert shown(EpisodeFilter()) == {"a", "b", "c"}
    assert shown(EpisodeFilter(after_sex_only=True)) == {"b"}
    assert shown(EpisodeFilter(amount=Amount.LIGHT)) == {"c"}
    assert shown(EpisodeFilter(text="LONG EVEN")) == {"b"}
    assert shown(EpisodeFilter(start=date(2026, 10, 15))) == {"b"}
    assert shown(EpisodeFilter(end=date(2026, 10, 14))) == {"a", "c"}
    # The journal still holds what the filter hides.
    assert model.total == 3 and model.contains("a") and model.row_of("a") in (0, 1)
    model.set_filter(EpisodeFilter(after_sex_only=True))
    assert model.row_of("a") is None and model.contains("a")
    model.clear()
    assert model.rowCount() == 0 and model.total == 0 and not model.contains("b")
