"""Details of the selected episode: what was logged, and where it sat in the cycle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from journal.cards import Explanation
from journal.cards.describe import Label, describe
from journal.gui.widgets.column import fill_column
from journal.gui.widgets.wrapped_label import WrappedLabel

EMPTY = "—"
#: Below this width the episode and cycle boxes stack instead of sitting side by side.
STACK_BELOW_WIDTH = 520


def _value() -> QLabel:
    label = WrappedLabel(EMPTY)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EpisodeDetails(QWidget):
    """Two compact columns: the episode as logged, and its cycle and life context."""

    EPISODE_FIELDS = (
        Label.WHEN,
        Label.AMOUNT,
        Label.COLOUR,
        Label.MUCUS,
        Label.BEFORE,
        Label.PAIN,
        Label.SYMPTOMS,
    )
    CYCLE_FIELDS = (
        Label.CYCLE_DAY,
        Label.PHASE,
        Label.OVULATION,
        Label.LIFE_STAGE,
        Label.CONTRACEPTION,
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Episode details")
        self.values: dict[str, QLabel] = {}
        episode_box = QGroupBox("Episode")
        cycle_box = QGroupBox("Cycle and context")
        for box, fields in (
            (episode_box, self.EPISODE_FIELDS),
            (cycle_box, self.CYCLE_FIELDS),
        ):
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
            form.setVerticalSpacing(2)
            for name in fields:
                value = _value()
                value.setAccessibleName(name)
                self.values[name] = value
                form.addRow(f"{name}:", value)
        self.notes = _value()
        self.notes.setAccessibleName("Notes")
        self.patterns = _value()
        self.patterns.setAccessibleName("Patterns this episode belongs to")
        self.notes_box = QGroupBox("Notes and patterns")
        notes_layout = QVBoxLayout(self.notes_box)
        notes_layout.addWidget(self.notes)
        notes_layout.addWidget(self.patterns)
        # Side by side when there is room, one above the other in a narrow pane.
        self._row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.addWidget(episode_box, 1)
        row.addWidget(cycle_box, 1)
        fill_column(self, row, self.notes_box)
        self.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wide = event.size().width() >= STACK_BELOW_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)
        super().resizeEvent(event)

    def show_explanation(self, explanation: Explanation) -> None:
        description = describe(explanation)
        values = {field.label: field.value for field in description.fields}
        for name, label in self.values.items():
            label.setText(values.get(name, EMPTY))
        self.notes.setText(description.notes or "No notes.")
        # Patterns once: one a card's reasons already state is not repeated here.
        stated = " ".join(r for m in explanation.cards for r in m.reasons)
        titles = "; ".join(
            title.rstrip(".") for title in description.patterns if title.rstrip(".") not in stated
        )
        self.patterns.setText(f"Part of a pattern: {titles}." if titles else "")
        self.patterns.setVisible(bool(titles))
        self.setEnabled(True)

    def clear(self) -> None:
        for label in self.values.values():
            label.setText(EMPTY)
        self.notes.setText("")
        self.patterns.setText("")
        self.patterns.hide()
        self.setEnabled(False)
