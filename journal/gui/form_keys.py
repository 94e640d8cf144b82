"""The keys every form shares: Ctrl+Enter saves, Esc asks before dropping unsaved typing.

``reject()`` itself stays silent: the app calls it when it locks, and a lock never waits
for an answer. Only the person's own Esc (or Cancel) goes through ``cancel()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


class FormKeys(QObject):
    """Installs Ctrl+Enter (``save``) and a guarded Esc on ``dialog``.

    ``dirty()`` says whether something typed would be lost; then Esc asks first.
    """

    def __init__(
        self,
        dialog: QDialog,
        save: Callable[[], object],
        dirty: Callable[[], bool],
        question: str = "Discard what you typed?",
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._dirty = dirty
        self._question = question
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), dialog)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(save)
        dialog.installEventFilter(self)

    def cancel(self) -> None:
        """Close, unless there is unsaved typing and the person chooses to keep it."""
        from journal.gui.confirm import confirm  # looked up late: tests replace it

        if self._dirty() and not confirm(self._dialog, self._question, "&Discard"):
            return
        self._dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # getattr: Qt may deliver events while the Python side is built or torn down.
        if (
            watched is getattr(self, "_dialog", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            self.cancel()
            return True
        return False
