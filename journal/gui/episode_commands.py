"""Undoable episode changes for the window's ``QUndoStack``: add, edit, delete.

Each command talks to the service only; the views refresh from the change hub. A failure
(the journal locked meanwhile, a record gone) is reported through ``on_error`` and the
command becomes obsolete rather than raising into Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from journal.domain.errors import JournalError
from journal.domain.model import Episode, EpisodeDraft
from journal.services import JournalService

ErrorSink = Callable[[JournalError], None]


class _EpisodeCommand(QUndoCommand):
    def __init__(self, service: JournalService, text: str, on_error: ErrorSink) -> None:
        super().__init__(text)
        self._service = service
        self._on_error = on_error
        self.episode_id: str | None = None

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except JournalError as error:
            self.setObsolete(True)
            self._on_error(error)


class AddEpisodeCommand(_EpisodeCommand):
    """Redo adds the episode (the first time from the draft, then exactly as it was)."""

    def __init__(self, service: JournalService, draft: EpisodeDraft, on_error: ErrorSink) -> None:
        super().__init__(service, "Log episode", on_error)
        self._draft = draft
        self._added: Episode | None = None

    def redo(self) -> None:
        def run() -> None:
            if self._added is None:
                self._added = self._service.add_episode(self._draft)
            else:
                self._service.restore_episode(self._added)
            self.episode_id = self._added.id

        self._guard(run)

    def undo(self) -> None:
        if self._added is not None:
            added = self._added
            self._guard(lambda: self._service.delete_episode(added.id))


class EditEpisodeCommand(_EpisodeCommand):
    """Redo writes the new version, undo puts the old one back."""

    def __init__(
        self,
        service: JournalService,
        before: Episode,
        draft: EpisodeDraft,
        on_error: ErrorSink,
    ) -> None:
        super().__init__(service, "Edit episode", on_error)
        self._before = before
        self._draft = draft
        self.episode_id = before.id

    def redo(self) -> None:
        self._guard(lambda: self._service.update_episode(self._before.id, self._draft))

    def undo(self) -> None:
        self._guard(lambda: self._service.update_episode(self._before.id, self._before))


class DeleteEpisodeCommand(_EpisodeCommand):
    """Redo deletes, undo restores the very same record (same id, same fields)."""

    def __init__(self, service: JournalService, episode: Episode, on_error: ErrorSink) -> None:
        super().__init__(service, "Delete episode", on_error)
        self._episode = episode
        self.episode_id = episode.id

    def redo(self) -> None:
        self._guard(lambda: self._service.delete_episode(self._episode.id))

    def undo(self) -> None:
        self._guard(lambda: self._service.restore_episode(self._episode))
