"""One page of the records dialog: a list of records above a small form to add or edit one.

Subclasses say which columns to show and which fields the form has; this class does the
rest (storing through the service, selection, buttons, errors, refresh).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelection
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.domain.errors import JournalError
from journal.gui.confirm import confirm
from journal.gui.form_helpers import ErrorLabel, describe_error
from journal.gui.models.record_table_model import Column, RecordTableModel
from journal.services import Changes, JournalService

R = TypeVar("R")


class RecordTab(QWidget, Generic[R]):
    """A list of one kind of record with add, edit and delete, all through the service."""

    #: Short key used by ``RecordsDialog(tab=...)``.
    key = ""
    #: Tab title (with a mnemonic) and the singular noun used in messages.
    title = ""
    noun = "record"
    #: One line under the tab title saying what these records are for.
    hint = ""
    #: The ``Changes`` flag the service raises for these records (the list reloads only
    #: then); empty: reload on every change.
    changes_flag = ""
    #: How an ``InvalidInput.field`` is named in a sentence ("The start overlaps …").
    field_names: dict[str, str] = {}  # noqa: RUF012 - read-only per subclass

    def __init__(self, service: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.editing: R | None = None
        self.model: RecordTableModel[R] = RecordTableModel(self.columns(), self)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"{self.noun.capitalize()} list")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)  # Tab moves on to the form
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)
        # Created in visual order, so Tab walks list → Delete → form → New → Add.
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName(f"Delete {self.noun}")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)

        self.form = QFormLayout()
        # Dates and combos keep their natural width; only text fields stretch.
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.build_form(self.form)
        self.error = ErrorLabel(self.noun.capitalize(), self)
        self.form_box = QGroupBox()
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(self.form)
        box_layout.addWidget(self.error)

        self.new_button = QPushButton("&New")
        self.new_button.setAccessibleName(f"New {self.noun}")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton("&Add")
        self.save_button.setAccessibleName(f"Add {self.noun}")
        self.save_button.clicked.connect(self.save)
        list_buttons = QHBoxLayout()
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.delete_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)

        box_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        if self.hint:
            hint = QLabel(self.hint)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(self.form_box)
        self.start_new()

    # ------------------------------------------------------------------ for subclasses

    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def load(self) -> Sequence[R]:
        """The records to list, in display order."""
        raise NotImplementedError

    def read_form(self) -> R:
        raise NotImplementedError

    def fill_form(self, record: R) -> None:
        raise NotImplementedError

    def clear_form(self) -> None:
        raise NotImplementedError

    def store(self, record: R, previous: R | None) -> None:
        """Add ``record`` (replacing ``previous`` when editing) through the service."""
        self.service.save_record(record, replacing=previous)

    def remove(self, record: R) -> None:
        self.service.delete_record(record)

    def describe(self, record: R) -> str:
        """The record in a few words, for the delete question."""
        return f"this {self.noun}"

    # ------------------------------------------------------------------ behaviour

    def affected_by(self, changes: Changes) -> bool:
        return not self.changes_flag or bool(getattr(changes, self.changes_flag))

    def refresh(self) -> None:
        """Reload from the service, keeping the selection on the record being edited."""
        self.model.set_records(self.load())
        if self.editing is not None:
            row = self.model.row_of(self.editing)
            if row < 0:
                self.start_new()
            else:
                self.view.selectRow(row)
        self._sync_buttons()

    def forget(self) -> None:
        """Drop every record and typed value (the dialog closed or the journal locked)."""
        self.editing = None
        self.model.clear()
        self.clear_form()
        self.error.clear_message()
        self._sync_buttons()

    def start_new(self) -> None:
        self.view.clearSelection()
        self.editing = None
        self.clear_form()
        self.error.clear_message()
        self._sync_buttons()
        self._baseline = self._snapshot()

    def is_changed(self) -> bool:
        """True when the form holds typing not yet added or saved."""
        return self._snapshot() != self._baseline

    def _snapshot(self) -> object:
        try:
            return self.read_form()
        except (JournalError, ValueError):
            return None

    def save(self) -> None:
        """Add or replace through the service; a refusal is shown under the form."""
        try:
            record = self.read_form()
            self.store(record, self.editing)
        except JournalError as error:
            self.show_message(describe_error(error, self.error_names()))
            return
        self.error.clear_message()
        # The service announced the change, so the list is already fresh; select the new row.
        self.refresh()
        row = self.model.row_of(record)
        if row >= 0:
            self.view.selectRow(row)
        else:
            self.start_new()

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        if not confirm(self, f"Delete {self.describe(record)}?"):
            return
        try:
            self.remove(record)
        except JournalError as error:
            self.show_message(describe_error(error, self.error_names()))
            return
        self.start_new()
        self.refresh()

    def error_names(self) -> dict[str, str]:
        """How the service's error fields are named here (the whole record: "This period")."""
        return {"record": f"This {self.noun}", **self.field_names}

    def selected(self) -> R | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def show_message(self, text: str) -> None:
        self.error.show_message(text)

    def make_default(self) -> None:
        """Enter anywhere on this page presses its Add/Save button."""
        self.save_button.setDefault(True)

    # ------------------------------------------------------------------ internals

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        record = self.selected()
        if record is not None and record != self.editing:
            self.editing = record
            self.fill_form(record)
            self.error.clear_message()
            self._baseline = self._snapshot()
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        editing = self.editing is not None
        self.save_button.setText("&Save changes" if editing else "&Add")
        self.save_button.setAccessibleName(
            f"Save changes to {self.noun}" if editing else f"Add {self.noun}"
        )
        self.form_box.setTitle(
            f"Change the selected {self.noun}" if editing else f"Add {_article(self.noun)}"
        )
        self.delete_button.setEnabled(self.selected() is not None)
        self.new_button.setEnabled(editing)


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"
