"""The quick-log form: a typical episode in a few clicks, every field reachable by keyboard.

The dialog only collects and checks an ``EpisodeDraft``; the caller saves it through the
journal service. Ctrl+Enter saves; Esc and Cancel ask before dropping changes.
``reject()`` (what the app calls when it locks) never asks anything and wipes what was
typed.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import clock
from journal.domain.errors import InvalidInput
from journal.domain.model import NOTES_MAX, Episode, EpisodeDraft, Moment
from journal.domain.validation import validate_episode
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger
from journal.gui.form_helpers import (
    ErrorLabel,
    chosen,
    from_qdatetime,
    select_member,
    show_dates,
    to_qdatetime,
    vocabulary_combo,
)
from journal.gui.form_keys import FormKeys
from journal.gui.widgets.dialog_buttons import make_primary
from journal.gui.window_fit import fit_to_screen, scrolling

# Mnemonics are spread so no two controls share a letter.
_AMOUNT_TEXT = {
    Amount.SPOTTING: "&Spotting",
    Amount.LIGHT: "&Light",
    Amount.MODERATE: "&Moderate",
    Amount.HEAVY: "&Heavy",
    Amount.VERY_HEAVY: "&Very heavy",
}
_COLOUR_TEXT = {
    Colour.PINK: "Pin&k",
    Colour.BRIGHT_RED: "&Bright red",
    Colour.DARK_RED: "&Dark red",
    Colour.BROWN: "Bro&wn",
}
_SWATCH = {
    Colour.PINK: "#f29bb2",
    Colour.BRIGHT_RED: "#d7263d",
    Colour.DARK_RED: "#7d1128",
    Colour.BROWN: "#7b4a2a",
}
# Checked toggles must be obvious in light and dark palettes; the native look barely
# shows it, so the toggles alone get a palette-based style.
_TOGGLE_STYLE = """
QPushButton[toggle="true"] {
    padding: 4px 10px; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(button); color: palette(button-text);
}
QPushButton[toggle="true"]:hover { border-color: palette(highlight); }
QPushButton[toggle="true"]:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QPushButton[toggle="true"]:focus { border: 2px solid palette(highlight); padding: 3px 9px; }
QPushButton[toggle="true"]:checked:focus { border: 2px solid palette(window-text); }
"""
_FIELD_NAMES = {"started_at": "The start", "ended_at": "The end", "notes": "The notes"}
_VERY_HEAVY_HINT = "Very heavy: soaking a pad or tampon in an hour or less."


def _swatch(colour: Colour) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(_SWATCH[colour]))
    return QIcon(pixmap)


class EpisodeEditor(QDialog):
    """Log a new episode, or edit one (``episode`` prefills every field)."""

    def __init__(self, parent: QWidget | None = None, episode: Episode | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit episode" if episode else "Log an episode")
        self.setAccessibleName(self.windowTitle())
        self.setStyleSheet(_TOGGLE_STYLE)
        self._build()
        self.reset(episode)
        fit_to_screen(self, "episode-editor")
        self.keys = FormKeys(
            self, self.accept, self.is_changed, "Discard the changes to this episode?"
        )
        # Not an amount toggle: Space there would silently change the amount.
        self.started_edit.setFocus()

    # ------------------------------------------------------------------ public API

    @classmethod
    def ask(
        cls, parent: QWidget | None = None, episode: Episode | None = None
    ) -> EpisodeDraft | None:
        """Show the form modally; the checked draft, or None when cancelled or locked."""
        dialog = cls(parent, episode)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.draft()
            return None
        finally:
            dialog.deleteLater()

    def draft(self) -> EpisodeDraft:
        """What the form holds now (not yet validated)."""
        amount = self.amount_group.checkedButton()
        colour = next((c for c, b in self.colour_buttons.items() if b.isChecked()), None)
        return EpisodeDraft(
            started_at=self._moment(self.started_edit, self.started_time_unknown),
            ended_at=(
                self._moment(self.ended_edit, self.ended_time_unknown)
                if self.ended_check.isChecked() and not self.ongoing_check.isChecked()
                else None
            ),
            ongoing=self.ongoing_check.isChecked(),
            amount=Amount(amount.property("member")) if amount else Amount.SPOTTING,
            colour=colour,
            in_mucus=self.in_mucus_check.isChecked(),
            mucus=chosen(self.mucus_combo, Mucus),
            trigger=chosen(self.trigger_combo, Trigger),
            pain=chosen(self.pain_combo, Pain),
            symptoms=frozenset(s for s, box in self.symptom_checks.items() if box.isChecked()),
            notes=self.notes_edit.toPlainText(),
        )

    def is_changed(self) -> bool:
        """True when the form holds something other than what it opened with."""
        return self.draft() != self._pristine or (
            self.amount_group.checkedButton() is not self._pristine_amount
        )

    def reset(self, episode: Episode | None = None) -> None:
        """Fill the form from ``episode``, or with today's defaults."""
        # An exclusive group refuses to uncheck its last button, so lift that briefly.
        self.amount_group.setExclusive(False)
        for button in (*self.amount_buttons.values(), *self.colour_buttons.values()):
            button.setChecked(False)
        self.amount_group.setExclusive(True)
        now = clock.now().replace(second=0)
        if episode is None:
            self._set_moment(self.started_edit, self.started_time_unknown, now)
            self.ended_check.setChecked(False)
            self.ongoing_check.setChecked(False)
            self._set_moment(self.ended_edit, self.ended_time_unknown, now)
            for combo in (self.mucus_combo, self.trigger_combo, self.pain_combo):
                combo.setCurrentIndex(0)
            self.in_mucus_check.setChecked(False)
            for box in self.symptom_checks.values():
                box.setChecked(False)
            self.notes_edit.setPlainText("")
        else:
            self.amount_buttons[episode.amount].setChecked(True)
            if episode.colour is not None:
                self.colour_buttons[episode.colour].setChecked(True)
            self._set_moment(self.started_edit, self.started_time_unknown, episode.started_at)
            self.ended_check.setChecked(episode.ended_at is not None)
            self.ongoing_check.setChecked(episode.ongoing)
            self._set_moment(
                self.ended_edit, self.ended_time_unknown, episode.ended_at or episode.started_at
            )
            self.in_mucus_check.setChecked(episode.in_mucus)
            select_member(self.mucus_combo, episode.mucus)
            select_member(self.trigger_combo, episode.trigger)
            select_member(self.pain_combo, episode.pain)
            for symptom, box in self.symptom_checks.items():
                box.setChecked(symptom in episode.symptoms)
            self.notes_edit.setPlainText(episode.notes)
        self._sync_enabled()
        for label in self.errors.values():
            label.clear_message()
        self._pristine = self.draft()
        self._pristine_amount = self.amount_group.checkedButton()

    def accept(self) -> None:
        """Validate first: a bad field gets its message and the dialog stays open."""
        if self.amount_group.checkedButton() is None:
            self.errors["amount"].show_message("Choose how much bleeding there was.")
            self.amount_buttons[Amount.SPOTTING].setFocus()
            return
        try:
            validate_episode(self.draft(), clock.now())
        except InvalidInput as error:
            self.show_error(error)
            return
        super().accept()

    def reject(self) -> None:
        """Close at once, without a question, and leave nothing typed behind."""
        self.reset(None)
        super().reject()

    def show_error(self, error: InvalidInput) -> None:
        """Put ``error``'s message under its field (or under the form when it has none)."""
        name = _FIELD_NAMES.get(error.field)
        text = f"{name} {error.message}." if name else f"{error}."
        label = self.errors.get(error.field, self.errors["form"])
        label.show_message(text)
        focus = {"started_at": self.started_edit, "ended_at": self.ended_edit}
        focus.get(error.field, self.notes_edit).setFocus()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, ErrorLabel] = {
            key: ErrorLabel(name, self)
            for key, name in (
                ("amount", "Amount"),
                ("started_at", "Started"),
                ("ended_at", "Ended"),
                ("notes", "Notes"),
                ("form", "Form"),
            )
        }

        # Amount: one exclusive row of toggle buttons, nothing chosen at first.
        self.amount_group = QButtonGroup(self)
        self.amount_buttons: dict[Amount, QPushButton] = {}
        row = QHBoxLayout()
        for member in Amount:
            button = self._toggle(_AMOUNT_TEXT[member], member)
            self.amount_group.addButton(button)
            self.amount_buttons[member] = button
            row.addWidget(button)
        very_heavy = self.amount_buttons[Amount.VERY_HEAVY]
        very_heavy.setToolTip(_VERY_HEAVY_HINT)
        very_heavy.setAccessibleDescription(_VERY_HEAVY_HINT)
        self.amount_group.buttonToggled.connect(self._amount_toggled)
        form.addRow(self._label("Amount", self.amount_buttons[Amount.SPOTTING]), row)
        # The meaning of "very heavy" is always in view: it is the urgent one.
        self.amount_hint = QLabel(_VERY_HEAVY_HINT)
        self.amount_hint.setAccessibleName("What very heavy means")
        self.amount_hint.setWordWrap(True)
        hint_font = self.amount_hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        self.amount_hint.setFont(hint_font)
        form.addRow("", self.amount_hint)
        form.addRow("", self.errors["amount"])

        # Colour: optional, so the buttons exclude each other by hand (a click unsets too).
        self.colour_buttons: dict[Colour, QPushButton] = {}
        row = QHBoxLayout()
        for colour in Colour:
            button = self._toggle(_COLOUR_TEXT[colour], colour)
            button.setIcon(_swatch(colour))
            button.toggled.connect(lambda on, c=colour: self._colour_toggled(c, on))
            self.colour_buttons[colour] = button
            row.addWidget(button)
        form.addRow(self._label("Colour", self.colour_buttons[Colour.PINK]), row)

        # Mucus, trigger and pain: one line each, small.
        self.in_mucus_check = QCheckBox("Blood was in m&ucus")
        self.in_mucus_check.setAccessibleName("Blood was in mucus")
        self.mucus_combo = vocabulary_combo(Mucus, "Mucus type")
        mucus_label = QLabel("&Type:")
        mucus_label.setBuddy(self.mucus_combo)
        row = QHBoxLayout()
        row.addWidget(self.in_mucus_check)
        row.addSpacing(12)
        row.addWidget(mucus_label)
        row.addWidget(self.mucus_combo, 1)
        form.addRow(self._label("Mucus", self.in_mucus_check), row)

        self.trigger_combo = vocabulary_combo(Trigger, "Trigger")
        form.addRow(self._label("T&rigger", self.trigger_combo), self.trigger_combo)
        self.pain_combo = vocabulary_combo(Pain, "Pain")
        form.addRow(self._label("&Pain", self.pain_combo), self.pain_combo)

        # Symptoms: a compact grid of checkboxes.
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.symptom_checks: dict[Symptom, QCheckBox] = {}
        for index, symptom in enumerate(Symptom):
            box = QCheckBox(symptom.label)
            box.setAccessibleName(f"Symptom: {symptom.label}")
            self.symptom_checks[symptom] = box
            grid.addWidget(box, index // 3, index % 3)
        form.addRow(self._label("Symptoms", self.symptom_checks[Symptom.CRAMPS]), grid)

        # When: start (required) and an optional end, each may be a date only.
        self.started_edit, self.started_time_unknown = self._moment_row("Started")
        self.started_time_unknown.setText("Time u&nknown")
        row = QHBoxLayout()
        row.addWidget(self.started_edit, 1)
        row.addWidget(self.started_time_unknown)
        form.addRow(self._label("St&arted", self.started_edit), row)
        form.addRow("", self.errors["started_at"])

        self.ended_check = QCheckBox("Has &ended")
        self.ended_check.setAccessibleName("Has an end")
        self.ended_check.toggled.connect(self._ended_toggled)
        self.ended_edit, self.ended_time_unknown = self._moment_row("Ended")
        # Still bleeding: the episode has no end yet (its length counts up to now).
        self.ongoing_check = QCheckBox("Still bleedin&g")
        self.ongoing_check.setAccessibleName("Still bleeding")
        self.ongoing_check.setToolTip("The bleeding has not stopped yet; end it later.")
        self.ongoing_check.toggled.connect(self._ongoing_toggled)
        row = QHBoxLayout()
        row.addWidget(self.ongoing_check)
        row.addWidget(self.ended_check)
        row.addWidget(self.ended_edit, 1)
        row.addWidget(self.ended_time_unknown)
        form.addRow(self._label("End", self.ongoing_check), row)
        form.addRow("", self.errors["ended_at"])

        # Notes: literal text, with a live count against the limit.
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("Anything else worth remembering (optional)")
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.notes_count = QLabel()
        self.notes_count.setAccessibleName("Notes length")
        self.notes_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.notes_edit.textChanged.connect(self._notes_changed)
        notes = QVBoxLayout()
        notes.setSpacing(2)
        notes.addWidget(self.notes_edit)
        notes.addWidget(self.notes_count)
        notes.addWidget(self.errors["notes"])
        form.addRow(self._label("N&otes", self.notes_edit), notes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName("Save episode")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(lambda: self.keys.cancel())  # asks if changed
        make_primary(self.save_button, self.buttons)

        layout = QVBoxLayout(self)
        # The form scrolls on a small or highly scaled screen; the buttons stay in view.
        layout.addWidget(scrolling(form, "Episode form"), 1)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.started_edit.dateTimeChanged.connect(
            lambda _v: self.errors["started_at"].clear_message()
        )
        self.ended_edit.dateTimeChanged.connect(lambda _v: self.errors["ended_at"].clear_message())

    def _toggle(self, text: str, member: Amount | Colour) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(True)
        # Not auto-default: Enter on a focused toggle must save, not press the toggle.
        button.setAutoDefault(False)
        button.setProperty("member", member.value)
        button.setProperty("toggle", True)
        button.setAccessibleName(f"{type(member).__name__}: {member.label}")
        return button

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _moment_row(self, name: str) -> tuple[QDateTimeEdit, QCheckBox]:
        edit = QDateTimeEdit()
        edit.setCalendarPopup(True)
        show_dates(edit, with_time=True)
        edit.setAccessibleName(name)
        unknown = QCheckBox("Time unknown")
        unknown.setAccessibleName(f"{name}: time unknown")
        unknown.toggled.connect(lambda on: show_dates(edit, with_time=not on))
        return edit, unknown

    # ------------------------------------------------------------------ behaviour

    def _amount_toggled(self, _button: QAbstractButton, _on: bool) -> None:
        self.errors["amount"].clear_message()
        self._sync_enabled()

    def _ended_toggled(self, on: bool) -> None:
        if on:
            self.ongoing_check.setChecked(False)
        self._sync_enabled()

    def _ongoing_toggled(self, on: bool) -> None:
        # Still bleeding and an end exclude each other.
        if on:
            self.ended_check.setChecked(False)
        self.errors["ended_at"].clear_message()
        self._sync_enabled()

    def _colour_toggled(self, member: Colour, on: bool) -> None:
        if on:
            for other, button in self.colour_buttons.items():
                if other is not member:
                    button.setChecked(False)

    def _notes_changed(self) -> None:
        length = len(self.notes_edit.toPlainText())
        self.notes_count.setText(f"{length:,} / {NOTES_MAX:,}")
        over = length > NOTES_MAX
        self.notes_count.setStyleSheet("color: #d7263d; font-weight: bold;" if over else "")
        if not over:
            self.errors["notes"].clear_message()

    def _sync_enabled(self) -> None:
        self.save_button.setEnabled(self.amount_group.checkedButton() is not None)
        ended = self.ended_check.isChecked()
        self.ended_edit.setEnabled(ended)
        self.ended_time_unknown.setEnabled(ended)

    @staticmethod
    def _moment(edit: QDateTimeEdit, unknown: QCheckBox) -> Moment:
        value = from_qdatetime(edit.dateTime())
        return value.date() if unknown.isChecked() else value

    @staticmethod
    def _set_moment(edit: QDateTimeEdit, unknown: QCheckBox, moment: date | datetime) -> None:
        unknown.setChecked(not isinstance(moment, datetime))
        edit.setDateTime(to_qdatetime(moment))
