"""History patterns: what stands out across all episodes, in its own tab."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from journal.cards import Pattern
from journal.gui.widgets.column import fill_column
from journal.gui.widgets.severity_style import STYLES

EMPTY = "No patterns yet: they appear once a few episodes are logged."


def patterns_html(patterns: Sequence[Pattern]) -> str:
    if not patterns:
        return f"<p>{escape(EMPTY)}</p>"
    parts = []
    for pattern in patterns:
        style = STYLES[pattern.severity]
        evidence = "".join(f"<li>{escape(line)}</li>" for line in pattern.evidence)
        parts.append(
            f"<h3 style='margin-bottom:2px'>{escape(pattern.title)}</h3>"
            f"<p style='margin-top:0'><span style='background-color:{style.colour};"
            f"color:white'>&nbsp;{style.symbol} {escape(style.label)}&nbsp;</span>"
            f"&nbsp; {escape(pattern.summary)}</p>"
            + (f"<ul style='margin-top:0'>{evidence}</ul>" if evidence else "")
        )
    return "".join(parts)


class PatternsPanel(QWidget):
    """A read-only rich-text list of patterns; ``clear()`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Patterns in your history")
        fill_column(self, self.browser)
        self._titles: list[str] = []

    def show_patterns(self, patterns: Sequence[Pattern]) -> None:
        self._titles = [p.title for p in patterns]
        self.browser.setHtml(patterns_html(patterns))

    def titles(self) -> list[str]:
        return list(self._titles)

    def clear(self) -> None:
        self._titles = []
        self.browser.clear()
