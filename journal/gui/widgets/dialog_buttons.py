"""Enter presses a dialog's main button, and never Cancel.

Qt passes the "default" role to the next auto-default button while the main one is
disabled (until the form is complete), so Enter after typing the last field would
press Cancel and throw the form away. Only the main button may be the default.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton


def make_primary(button: QPushButton, box: QDialogButtonBox) -> None:
    """``button`` is the one Enter presses (when enabled); no other button of ``box`` is."""
    for other in box.buttons():
        if other is not button and isinstance(other, QPushButton):
            other.setAutoDefault(False)
            other.setDefault(False)
    button.setAutoDefault(True)
    button.setDefault(True)
