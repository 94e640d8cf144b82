"""The word-wrapped label keeps its height per width, and forgets it when that changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from journal.gui.widgets.wrapped_label import WrappedLabel

LONG = "A reason that runs on long enough to wrap over several lines at a narrow width. " * 3


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def test_heights_are_qts_own(qtbot: QtBot) -> None:
    for text_format, text in (
        (Qt.TextFormat.PlainText, LONG),
        (Qt.TextFormat.RichText, f"<b>Why:</b><ul><li>{LONG}</li></ul>"),
    ):
        ours, qts = WrappedLabel(), _plain("")
        for label in (ours, qts):
            qtbot.addWidget(label)
            label.setTextFormat(text_format)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setText(text)
        for width in (80, 160, 320, 160, 80):  # asked twice: the second from the cache
            assert ours.heightForWidth(width) == qts.heightForWidth(width)
        assert ours.sizeHint() == qts.sizeHint()
        assert ours.minimumSizeHint() == qts.minimumSizeHint()


def test_a_new_text_font_style_or_margin_is_measured_again(qtbot: QtBot) -> None:
    ours, qts = WrappedLabel("Short"), _plain("Short")
    for label in (ours, qts):
        qtbot.addWidget(label)
    font = ours.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    changes = (
        lambda label: label.setText(LONG),
        lambda label: label.clear(),  # a C++ setter: the text is checked on every call
        # Blank lines: kept as plain text, folded into one paragraph break as Markdown.
        lambda label: label.setText(f"{LONG}\n\n\n\nThe end."),
        lambda label: label.setFont(font),
        lambda label: label.setContentsMargins(0, 30, 0, 30),
        lambda label: label.setStyleSheet("QLabel { padding: 20px; }"),
        lambda label: label.setMargin(10),
        lambda label: label.setIndent(40),
        lambda label: label.setTextFormat(Qt.TextFormat.MarkdownText),
        lambda label: label.setWordWrap(False),
    )
    for change in changes:
        before = ours.heightForWidth(120)  # remembered before the change
        change(ours)
        change(qts)
        after = ours.heightForWidth(120)
        # Each change moves the height, so a height kept from before would be caught.
        assert after != before
        assert after == qts.heightForWidth(120)
        assert ours.sizeHint() == qts.sizeHint()
        assert ours.minimumSizeHint() == qts.minimumSizeHint()


def test_labels_share_sizes_only_when_set_alike(qtbot: QtBot) -> None:
    first, second, bold = WrappedLabel(LONG), WrappedLabel(LONG), WrappedLabel(LONG)
    for label in (first, second, bold):
        qtbot.addWidget(label)
    font = bold.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.5)
    bold.setFont(font)
    assert first.heightForWidth(150) == second.heightForWidth(150)  # measured once
    assert bold.heightForWidth(150) > first.heightForWidth(150)
    assert bold.sizeHint() != first.sizeHint()
    assert bold.minimumSizeHint().width() > first.minimumSizeHint().width()
