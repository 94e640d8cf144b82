"""Logging, editing and deleting episodes from the window, through the undo stack.

Each operation asks (the editor, or a confirmation), then pushes an undoable command.
A lock can close the question at any time; the operation then does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from journal.domain.dates import DATES
from journal.domain.errors import JournalError
from journal.gui.episode_commands import (
    AddEpisodeCommand,
    DeleteEpisodeCommand,
    EditEpisodeCommand,
)
from journal.services import JournalService


class EpisodeOperations:
    """New, edit and delete for the window ``parent``; ``service()`` is None while locked."""

    def __init__(
        self,
        parent: QWidget,
        service: Callable[[], JournalService | None],
        undo_stack: QUndoStack,
    ) -> None:
        self._parent = parent
        self._service = service
        self.undo_stack = undo_stack

    def new(self) -> str | None:
        """Ask for a new episode; its id once logged."""
        from journal.gui.episode_editor import EpisodeEditor

        if self._service() is None:
            return None
        draft = EpisodeEditor.ask(parent=self._parent)
        service = self._service()
        if draft is None or service is None:  # cancelled, or locked meanwhile
            return None
        command = AddEpisodeCommand(service, draft, self.show_error)
        self.undo_stack.push(command)
        return command.episode_id

    def edit(self, episode_id: str) -> None:
        from journal.gui.episode_editor import EpisodeEditor

        service = self._service()
        if service is None:
            return
        before = service.episode(episode_id)
        draft = EpisodeEditor.ask(parent=self._parent, episode=before)
        service = self._service()
        if draft is None or service is None:
            return
        self.undo_stack.push(EditEpisodeCommand(service, before, draft, self.show_error))

    def delete(self, episode_id: str) -> None:
        from journal.gui.confirm import confirm

        service = self._service()
        if service is None:
            return
        episode = service.episode(episode_id)
        when = DATES.short(episode.day)
        if not confirm(
            self._parent, f"Delete the episode of {when}? You can undo this with Ctrl+Z."
        ):
            return
        service = self._service()
        if service is not None:
            self.undo_stack.push(DeleteEpisodeCommand(service, episode, self.show_error))

    def show_error(self, error: JournalError) -> None:
        QMessageBox.warning(self._parent, "Health Journal", str(error))
