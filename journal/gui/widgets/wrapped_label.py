"""A word-wrapped label that measures each text once.

Qt's ``QLabel`` lays its text out again on every ``heightForWidth`` call (for a text
document twice: at the asked width, then back at the old one) and, for its size hints,
three more times per new text, one of them a search for a pleasing width. A layout asks
many times per pass: measuring was most of the cost of showing a selected episode's
details and cards. The sizes depend only on the text and how it is set (format, font,
margins, style), so they are kept per label until one of those changes, and shared
between labels: the same values ("Spotting", "Cycle day 12") come back episode after
episode.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget

# What a label's measured size depends on besides its text.
_REMEASURE_EVENTS = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.ContentsRectChange,
    }
)
_HINT, _MINIMUM = "hint", "minimum"
_SHARED_LIMIT = 1024  # sizes remembered across labels


class _SharedSizes:
    """The sizes measured by every label, by what was measured: least recently used go."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._sizes: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Any:
        value = self._sizes.get(key)
        if value is not None:
            self._sizes.move_to_end(key)
        return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        self._sizes[key] = value
        if len(self._sizes) > self._limit:
            self._sizes.popitem(last=False)


_SHARED = _SharedSizes(_SHARED_LIMIT)


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap on, whose sizes are measured once per text and width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        # This label's sizes for ``_measured_text``: per width, and the two hints.
        self._sizes: dict[int | str, Any] = {}
        self._measured_text = text
        self._setting: tuple[Any, ...] | None = None  # how the text is set, for sharing
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(self._measure(width, lambda: super(WrappedLabel, self).heightForWidth(width)))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(*self._measure(_HINT, lambda: _pair(super(WrappedLabel, self).sizeHint())))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(
            *self._measure(_MINIMUM, lambda: _pair(super(WrappedLabel, self).minimumSizeHint()))
        )

    def _measure(self, what: int | str, measure: Any) -> Any:
        text = self.text()  # also catches C++ setters (clear, setText as a slot)
        if text != self._measured_text:
            self._sizes.clear()
            self._measured_text = text
        value = self._sizes.get(what)
        if value is None:
            key = (text, self._text_setting(), what)
            value = _SHARED.get(key)
            if value is None:
                value = measure()
                _SHARED.put(key, value)
            self._sizes[what] = value
        return value

    def _text_setting(self) -> tuple[Any, ...]:
        """Everything besides the text that a label's size depends on."""
        if self._setting is None:
            margins = self.contentsMargins()
            self._setting = (
                self.font().key(),
                self.textFormat(),
                self.wordWrap(),
                self.alignment(),
                self.textInteractionFlags(),
                self.margin(),
                self.indent(),
                self.frameWidth(),
                (margins.left(), margins.top(), margins.right(), margins.bottom()),
                self.sizePolicy().horizontalPolicy(),  # QLabel's hints depend on it
                self.sizePolicy().verticalPolicy(),
            )
        return self._setting

    def _remeasure(self) -> None:
        self._sizes.clear()
        self._setting = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in _REMEASURE_EVENTS:
            self._remeasure()
        super().changeEvent(event)


def _pair(size: QSize) -> tuple[int, int]:
    # Plain ints are kept, not Qt's value objects: thousands of sizes, a fraction of the memory.
    return (size.width(), size.height())


def _remeasuring(name: str) -> Any:
    """``QLabel``'s setter ``name``, measuring the text again after it."""
    setter = getattr(QLabel, name)

    def set_and_remeasure(label: WrappedLabel, *args: Any) -> None:
        label._remeasure()
        setter(label, *args)

    set_and_remeasure.__name__ = name
    return set_and_remeasure


# The setters (called from Python) that change how the text is set, hence its size.
for _name in (
    "setTextFormat",
    "setWordWrap",
    "setAlignment",
    "setTextInteractionFlags",
    "setIndent",
    "setMargin",
    "setSizePolicy",
):
    setattr(WrappedLabel, _name, _remeasuring(_name))
