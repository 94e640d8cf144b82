"""Enter presses a dialog's main button, and never Cancel.

Qt passes the "default" role to the next auto-default button while the main one is
disabled (until the form is complete), so Enter after typing the last field would
press Cancel and throw the form away. Only the main button may be the default.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def make_primary(button: QPushButton, box: QDialogButtonBox) -> None:
    """``button`` is the one Enter presses (when enabled); no other button of ``box`` is."""
    for other in box.buttons():
        if other is not button and isinstance(other, QPushButton):
            other.setAutoDefault(False)
            other.setDefault(False)
    button.setAutoDefault(True)
    button.setDefault(True)


def action_buttons(
    dialog: QDialog, text: str, on_accept: Callable[[], object], reject_text: str = ""
) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's main button ``text`` (the one Enter presses; it runs ``on_accept``)
    beside Cancel, or beside a button ``reject_text`` in Cancel's place; both in a box."""
    buttons = QDialogButtonBox()
    if not reject_text:
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    main = QPushButton(text)
    buttons.addButton(main, QDialogButtonBox.ButtonRole.AcceptRole)
    if reject_text:
        buttons.addButton(QPushButton(reject_text), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    make_primary(main, buttons)
    return buttons, main
