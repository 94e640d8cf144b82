"""Details of the selected episode: what was logged, and where it sat in the cycle."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from journal.cards import Explanation
from journal.domain.model import Moment
from journal.domain.vocabulary import Mucus

EMPTY = "—"
#: Below this width the episode and cycle boxes stack instead of sitting side by side.
STACK_BELOW_WIDTH = 520


def moment_label(moment: Moment) -> str:
    text = moment.strftime("%a %d %b %Y")
    if isinstance(moment, datetime):
        text += moment.strftime(", %H:%M")
    return text


def _value() -> QLabel:
    label = QLabel(EMPTY)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EpisodeDetails(QWidget):
    """Two compact columns: the episode as logged, and its cycle and life context."""

    EPISODE_FIELDS = ("When", "Amount", "Colour", "Mucus", "Before it", "Pain", "Symptoms")
    CYCLE_FIELDS = ("Cycle day", "Phase", "Ovulation", "Life stage", "Contraception")

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notes_box)
        self.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wide = event.size().width() >= STACK_BELOW_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)
        super().resizeEvent(event)

    def show_explanation(self, explanation: Explanation) -> None:
        episode, cycle, context = explanation.episode, explanation.cycle, explanation.context
        when = moment_label(episode.started_at)
        if episode.ended_at is not None:
            when += f" to {moment_label(episode.ended_at)}"
        amount = episode.amount.label
        if episode.in_mucus:
            amount += ", in mucus"
        values = {
            "When": when,
            "Amount": amount,
            "Colour": episode.colour.label if episode.colour else "Not noted",
            "Mucus": episode.mucus.label if episode.mucus is not Mucus.NONE else "None noted",
            "Before it": episode.trigger.label
            if episode.trigger.value != "none"
            else "Nothing noted",
            "Pain": episode.pain.label,
            "Symptoms": ", ".join(sorted(s.label for s in episode.symptoms)) or "None",
        }
        if cycle.cycle_day is None:
            values["Cycle day"] = "Unknown (no period logged in the 90 days before)"
        else:
            values["Cycle day"] = f"Day {cycle.cycle_day}" + (
                " (during a period)" if cycle.in_period else ""
            )
        values["Phase"] = cycle.phase.label
        if cycle.estimated_ovulation is not None and cycle.dpo is not None:
            offset = (
                f"{cycle.dpo} days after"
                if cycle.dpo > 0
                else f"{-cycle.dpo} days before"
                if cycle.dpo < 0
                else "on the day of"
            )
            values["Ovulation"] = f"{offset} the estimate ({cycle.estimated_ovulation:%d %b})"
        else:
            values["Ovulation"] = "No estimate"
        known = "" if context.known else " (assumed; no context logged)"
        values["Life stage"] = context.life_stage.label + known
        values["Contraception"] = context.contraception.label
        for name, text in values.items():
            self.values[name].setText(text)
        self.notes.setText(episode.notes or "No notes.")
        # Patterns once: one a card's reasons already state is not repeated here.
        stated = " ".join(r for m in explanation.cards for r in m.reasons)
        titles = "; ".join(
            p.title.rstrip(".") for p in explanation.patterns if p.title.rstrip(".") not in stated
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
