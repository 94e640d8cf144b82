"""The card panel: what to do now, then the cards that may explain the selected episode.

At the top, always in view, the triage line: an icon, the level in words and the timing
sentence on a band of the level's colour, with every reason below (colour is never the
only signal). Each card then shows a severity badge (colour, symbol and words), its title,
the reasons it was chosen, its Markdown body and its source. The informs-not-diagnoses
statement stays visible below the cards whatever is scrolled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cache
from html import escape

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.cards import DISCLAIMER, Card, CardMatch, Triage, TriageLevel
from journal.gui.icons import tinted_icon
from journal.gui.widgets.column import fill_column
from journal.gui.widgets.severity_style import COMPANION, STYLES, badge_stylesheet
from journal.gui.widgets.wrapped_label import WrappedLabel

EMPTY_TEXT = "Select an episode to see the cards that may explain it."
NOTHING_LOGGED_TEXT = (
    "Nothing is logged yet. Log an episode with Ctrl+N and the cards that may explain it "
    "appear here. Logging your periods too (Ctrl+R) lets them place it in your cycle."
)
#: Cards placed at once on a selection, at most: those the view shows (all four when
#: the panel is not on screen to tell); the rest follow on the next turn of the loop.
EAGER_CARDS = 4
_FIRST_CARD = 3  # the index of the first card in the scrolling layout
SAME_REASONS = "the reasons listed under “What to do now”."
NO_CARDS_TEXT = "No card fits this episode. If you are worried, please get checked."
NO_CYCLE_TEXT = (
    "No card fits what is logged so far. Most cards read where an episode falls in your "
    "cycle: log your periods (Ctrl+R) to let them place it. If you are worried, please "
    "get checked."
)


def _soon(owner: QWidget, slot: Callable[[], None]) -> QTimer:
    """A single-shot timer owned by ``owner``, running ``slot`` on the next loop turn."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


def smaller_headings(markdown: str) -> str:
    """Card sections as small headings: ``## What it is`` becomes a level-4 heading."""
    return re.sub(
        r"^(#{1,6})(?=\s)",
        lambda m: "#" * min(6, len(m.group(1)) + 2),
        markdown,
        flags=re.MULTILINE,
    )


def _label(text: str, *, rich: bool = False, markdown: bool = False) -> QLabel:
    label = WrappedLabel()
    if markdown:
        label.setTextFormat(Qt.TextFormat.MarkdownText)
    elif rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    else:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setOpenExternalLinks(False)  # the app never opens the network
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


# An icon per triage level (from the Font Awesome set, ``resources/icons/ui``), drawn in the
# level's colour beside its words.
TRIAGE_ICONS = {
    TriageLevel.URGENT: "fa5s.exclamation-triangle",
    TriageLevel.SEE_PROVIDER: "fa5s.user-md",
    TriageLevel.CHECK: "fa5s.clipboard-check",
    TriageLevel.NONE: "fa5s.info-circle",
}
_NONE_COLOUR = "#4f5b62"


def triage_colour(level: TriageLevel) -> str:
    return _NONE_COLOUR if level is TriageLevel.NONE else STYLES[level.severity].colour


# The triage line's look: a box that stays the same, and per level only its colour
# (``{colour}``), so a change of level never moves or resizes anything.
_LINE_STYLE = (
    "border: 2px solid; border-left: 8px solid; border-radius: 4px; background: palette(base);",
    "border-color: {colour};",
)
_WORDS_STYLE = (
    "color: white; border-radius: 4px; padding: 3px 8px; font-weight: bold;",
    "background-color: {colour};",
)
_REASONS_STYLE = (
    "border: none; border-left: 4px solid; padding-left: 8px;",
    "border-color: {colour};",
)


def _level_styles(selector: str, style: tuple[str, str]) -> str:
    """A style sheet giving ``selector`` its box, and the colour of each level by property."""
    box, coloured = style
    rules = [f"{selector} {{ {box} }}"]
    for level in TriageLevel:
        colour = coloured.format(colour=triage_colour(level))
        rules.append(f'{selector}[level="{level.value}"] {{ {colour} }}')
    return "\n".join(rules)


@cache
def _triage_icon(level: TriageLevel, scale: float) -> QPixmap:
    """The level's icon at the screen's pixel ratio ``scale``, so it is sharp on HiDPI."""
    return tinted_icon(TRIAGE_ICONS[level], triage_colour(level)).pixmap(QSize(26, 26), scale)


class TriageLine(QFrame):
    """What to do now: icon, level in words and timing, always in view.

    The reasons that set it (``reasons``) head the scrolling cards below, edged in the
    level's colour: on a small screen a long list of reasons would otherwise leave no
    room for the cards.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.level: TriageLevel | None = None
        self._styled: TriageLevel | None = None  # the level the colours were set for
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(28, 28))
        self.words = QLabel()
        self.words.setObjectName("triageLevel")
        self.timing = _label("")
        self.timing.setObjectName("triageTiming")
        font = self.timing.font()
        font.setBold(True)
        self.timing.setFont(font)
        self.reasons = _label("", rich=True)
        self.reasons.setObjectName("triageReasons")
        self.setStyleSheet(_level_styles("QFrame#triage", _LINE_STYLE))
        self.words.setStyleSheet(_level_styles("QLabel#triageLevel", _WORDS_STYLE))
        self.reasons.setStyleSheet(_level_styles("QLabel#triageReasons", _REASONS_STYLE))
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.words, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.timing)  # on its own line, so the panel stays narrow
        self.hide()
        self.reasons.hide()

    def prepare(self) -> None:
        """What the first episode's line would otherwise wait for, done ahead of it.

        Each level's icon is drawn at this screen's pixel ratio (kept by ``_triage_icon``).
        Asking for the widget's style makes its Python type: PySide builds a Qt class's
        enums the first time the class is used, eleven for ``QStyle`` and five for
        ``QGradient`` (painting the icons): 10 ms inside the unlock.
        """
        for level in TriageLevel:
            _triage_icon(level, self.devicePixelRatioF())
        self.style()

    def show_triage(self, triage: Triage) -> None:
        if triage.level is not self._styled:
            self._styled = triage.level
            # Every level's colours are in the style sheets set once (``_level_styles``):
            # a change of level re-polishes three widgets, where a new style sheet would
            # re-polish the line and all it holds (a few milliseconds per selection).
            for widget in (self, self.words, self.reasons):
                widget.setProperty("level", triage.level.value)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            self.icon.setPixmap(_triage_icon(triage.level, self.devicePixelRatioF()))
            self.icon.setAccessibleName(triage.level.words)
            self.words.setText(triage.level.words)
        self.level = triage.level
        self.timing.setText(triage.timing)
        if triage.reasons:
            items = "".join(f"<li>{escape(r)}</li>" for r in triage.reasons)
            self.reasons.setText(f"<b>Because:</b><ul style='margin: 0 0 0 -20px'>{items}</ul>")
        self.reasons.setVisible(bool(triage.reasons))
        self.setAccessibleName(f"What to do now: {triage.level.words}. {triage.timing}")
        self.setToolTip(triage.headline)
        self.show()

    def clear(self) -> None:
        self.level = None
        self.hide()
        self.reasons.hide()


class CardView(QFrame):
    """One card: badge, title, reasons, body (collapsible) and source.

    Built once per card (the Markdown body and the style sheets are the costly part);
    :meth:`show_match` then fills in what changes from one episode to the next.
    """

    def __init__(self, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A companion card (appointment preparation) says what it is for, not "harmless".
        style = COMPANION if card.rule.is_companion else STYLES[card.severity]
        self.card_id = card.id
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#card {{ border: 1px solid palette(mid); border-left: 5px solid {style.colour};"
            " border-radius: 4px; background: palette(base); }"
        )
        self.setAccessibleName(f"{style.label}: {card.title}")

        self.badge = badge = QLabel(f"{style.symbol}  {style.label}")
        badge.setStyleSheet(badge_stylesheet(card.severity, style))
        badge.setAccessibleName(f"Severity: {style.label}")
        title = _label(card.title)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        title.setFont(font)

        top = QHBoxLayout()
        top.addWidget(badge)
        top.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(title)
        self.reasons = _label("", rich=True)
        self.reasons.setObjectName("reasons")
        self.reasons.setAccessibleName("Why this card")
        layout.addWidget(self.reasons)
        self.body = _label(smaller_headings(card.body_markdown), markdown=True)
        layout.addWidget(self.body)
        self.toggle = QToolButton()
        self.toggle.setAutoRaise(True)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._show_body)
        self.toggle.setAccessibleName(f"Show or hide the text of {card.title}")
        self._show_body(False)
        source = _label(f"Source: {card.source}")
        source.setStyleSheet("color: palette(placeholder-text);")
        bottom = QHBoxLayout()
        bottom.addWidget(source, 1)
        bottom.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(bottom)

    def show_match(self, match: CardMatch, expanded: bool, stated: Collection[str] = ()) -> None:
        """This card for one episode: its reasons, and the text open or closed.

        Reasons already listed under "what to do now" (``stated``) are not listed again:
        the urgent and see-a-provider cards carry exactly the triage's reasons.
        """
        if match.reasons:
            if all(r in stated for r in match.reasons):
                text = f"<b>Why this card:</b> {SAME_REASONS}"
            else:
                items = "".join(f"<li>{escape(r)}</li>" for r in match.reasons)
                text = f"<b>Why this card:</b><ul style='margin: 0 0 0 -20px'>{items}</ul>"
            if self.reasons.text() != text:
                self.reasons.setText(text)
        self.reasons.setVisible(bool(match.reasons))
        self.toggle.setChecked(expanded)
        self._show_body(expanded)

    def _show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setText("Show less ▴" if shown else "Read more ▾")


class _ScrolledColumn(QWidget):
    """The scrolled column of reasons and cards: as tall as its width needs, no taller.

    A layout's minimum height adds up each wrapped label's narrowest wrapping, and a
    resizable scroll area makes its widget at least that tall: with a dozen cards, up to
    a screen of blank space below the last one. Its height comes from its width alone.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), 0)


class CardPanel(QWidget):
    """Shows a list of ``CardMatch`` in display order; ``clear()`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Explanation cards")
        self._ids: list[str] = []
        self._pending: list[tuple[int, CardMatch]] = []
        self._stated: frozenset[str] = frozenset()  # the triage's reasons, shown above
        # Deferred work runs from timers the panel owns: they die with it, so nothing is
        # built into a panel being torn down (a lock, a closed window).
        self._waiting: list[Card] = []
        self._build_timer = _soon(self, self._build_next)
        self._place_timer = _soon(self, self._place_rest)
        self.triage_line = TriageLine()
        # Every card's view, built once (ahead of need by ``prepare``, else when first
        # shown) and reused: those of the cards not shown are hidden.
        self._views: dict[str, CardView] = {}
        self.heading = QLabel("<b>What may explain it</b>")
        self.heading.setContentsMargins(0, 6, 0, 2)
        self.placeholder = _label(EMPTY_TEXT)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._content = _ScrolledColumn()
        self._cards = QVBoxLayout(self._content)
        self._cards.setContentsMargins(0, 0, 6, 0)
        self._cards.setSpacing(10)
        # Scrolling: the triage's reasons, the heading, then the placeholder or the cards.
        self._cards.addWidget(self.triage_line.reasons)
        self._cards.addWidget(self.heading)
        self._cards.addWidget(self.placeholder)
        self._cards.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._content)
        self.scroll_area.setAccessibleName("Explanation cards, scrollable")
        self.disclaimer = _label(DISCLAIMER)
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setStyleSheet(
            "QLabel#disclaimer { border-top: 1px solid palette(mid); padding-top: 6px;"
            " font-size: 90%; }"
        )
        self.disclaimer.setAccessibleName("This app informs, it does not diagnose")
        fill_column(
            self, self.triage_line, self.scroll_area, self.disclaimer, stretch=self.scroll_area
        )

    def prepare(self, cards: Iterable[Card]) -> None:
        """Build the views of ``cards`` ahead of need, one per turn of the event loop.

        Building a card's view (its Markdown body above all) is most of the cost of
        showing it the first time; done while the user reads, selecting stays quick.
        """
        self._waiting = [card for card in cards if card.id not in self._views]
        self._build_timer.start()
        self.triage_line.prepare()

    def _build_next(self) -> None:
        while self._waiting:
            card = self._waiting.pop(0)
            if card.id not in self._views:
                view = self._views[card.id] = CardView(card, self._content)
                view.hide()
                view.ensurePolished()  # style sheets applied now, not on first show
                self._cards.insertWidget(self._cards.count() - 1, view)
                break
        if self._waiting:
            self._build_timer.start()

    def card_ids(self) -> list[str]:
        """The ids of the cards shown, top to bottom."""
        return list(self._ids)

    def show_cards(
        self,
        matches: Sequence[CardMatch],
        none_hint: str = NO_CARDS_TEXT,
        triage: Triage | None = None,
    ) -> None:
        """Show ``triage`` at the top, then ``matches``; with no card, ``none_hint`` says why
        and what to do."""
        if triage is not None:
            self.triage_line.show_triage(triage)
        else:
            self.triage_line.clear()
        self.placeholder.setText(none_hint if not matches else "")
        self.placeholder.setVisible(not matches)
        # Every card's badge, title and reasons stay in view, the text one click away;
        # a lone card opens, as there is nothing else to see.
        self._stated = frozenset(triage.reasons) if triage is not None else frozenset()
        self._place([m.card.id for m in matches], matches)
        self.scroll_area.verticalScrollBar().setValue(0)

    def clear(self, hint: str = EMPTY_TEXT) -> None:
        """No cards; ``hint`` says what to do instead."""
        self._place([], ())
        self.triage_line.clear()
        for view in self._views.values():
            view.reasons.clear()  # nothing of the last episode stays behind
        self.placeholder.setText(hint)
        self.placeholder.show()

    def _place(self, ids: list[str], matches: Sequence[CardMatch]) -> None:
        """Show the views of ``matches`` in order; hide every other one.

        The cards the view shows are placed now (up to ``EAGER_CARDS``), so the frame
        after a selection already shows the triage line and the top cards; the rest,
        below the fold, are placed on the next turn of the event loop. Placing a card
        lays out its new reasons, and some episodes match a dozen cards.
        """
        kept = set(ids)
        for card_id, view in self._views.items():
            if card_id not in kept and not view.isHidden():
                view.hide()
        self._ids = ids
        self._pending = list(enumerate(matches))
        room = self._room_in_view()
        placed = 0
        while self._pending and placed < EAGER_CARDS and (room is None or room > 0):
            view = self._place_next()
            placed += 1
            if room is not None:
                room -= view.heightForWidth(self._card_width()) + self._cards.spacing()
        if self._pending:
            self._place_timer.start()
        else:
            self._place_timer.stop()

    def _room_in_view(self) -> int | None:
        """The height the cards have in view below the reasons and the heading; None
        (unknown) while the panel is not on screen."""
        if not self.isVisible():
            return None
        width = self._card_width()
        above = sum(
            (
                label.heightForWidth(width)
                if label.hasHeightForWidth()
                else label.sizeHint().height()
            )
            + self._cards.spacing()
            for label in (self.triage_line.reasons, self.heading)
            if not label.isHidden()
        )
        return self.scroll_area.viewport().height() - above

    def _card_width(self) -> int:
        margins = self._cards.contentsMargins()
        return self.scroll_area.viewport().width() - margins.left() - margins.right()

    def _place_rest(self) -> None:
        while self._pending:
            self._place_next()

    def _place_next(self) -> CardView:
        index, match = self._pending.pop(0)
        found = self._views.get(match.card.id)
        view = found if found is not None else CardView(match.card, self._content)
        self._views[match.card.id] = view
        view.show_match(match, len(self._ids) == 1, self._stated)
        # Cards sit after the reasons, heading and placeholder, before the stretch.
        if self._cards.indexOf(view) != index + _FIRST_CARD:
            self._cards.removeWidget(view)
            self._cards.insertWidget(index + _FIRST_CARD, view)
        if view.isHidden():
            view.show()
        return view
