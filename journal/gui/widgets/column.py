"""A widget's parts stacked top to bottom, filling it edge to edge."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget


def fill_column(
    owner: QWidget, *parts: QWidget | QLayout, stretch: QWidget | QLayout | None = None
) -> QVBoxLayout:
    """Lay ``parts`` out in ``owner`` with no margin; ``stretch`` takes the spare height."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        factor = 1 if part is stretch else 0
        if isinstance(part, QLayout):
            layout.addLayout(part, factor)
        else:
            layout.addWidget(part, factor)
    return layout
