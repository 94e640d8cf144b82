"""Plain-text rendering of an explanation for the terminal (``health-journal show ID``).

The words come from ``journal.cards.describe``, the same description the GUI and the
reports print; this module only lays them out for a terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from journal.cards import DISCLAIMER, Explanation, Triage, TriageLevel
from journal.cards.describe import Field, Label, describe
from journal.domain.errors import printable
from journal.domain.vocabulary import Severity

_MARK = {Severity.URGENT: "!!", Severity.SEE_PROVIDER: "! "}
_LABEL_WIDTH = max(len(value) for name, value in vars(Label).items() if name.isupper()) + 2


def terminal_safe(text: str) -> str:
    """``text`` with control characters escaped (as ``\\x1b``), keeping line breaks.

    Journal text may hold control characters (an imported note with ESC sequences);
    escaped, nothing typed into a note can drive the terminal.
    """
    return "\n".join(printable(line.replace("\t", " ")) for line in text.splitlines())


def _wrap(text: str, indent: str) -> str:
    """Wrap each line of ``text`` on its own, so a note's own line breaks survive."""
    lines = terminal_safe(text).split("\n")
    wrapped = []
    for number, line in enumerate(lines):
        first = indent if number == 0 else " " * len(indent)
        rest = " " * len(indent)
        wrapped.append(
            textwrap.fill(line, width=78, initial_indent=first, subsequent_indent=rest)
            or first.rstrip()
        )
    return "\n".join(wrapped)


def _fields(fields: Sequence[Field]) -> list[str]:
    return [_wrap(f.value, f"  {f.label + ':':<{_LABEL_WIDTH}}") for f in fields]


_TRIAGE_MARK = {
    TriageLevel.URGENT: "!!",
    TriageLevel.SEE_PROVIDER: "! ",
    TriageLevel.CHECK: "  ",
    TriageLevel.NONE: "  ",
}


def triage_lines(triage: Triage) -> list[str]:
    """The triage block: level in words and the timing, then every reason."""
    head = f"{_TRIAGE_MARK[triage.level]} {triage.level.words.upper()}: {triage.timing}"
    lines = [textwrap.fill(head, width=78, subsequent_indent="   ")]
    if triage.reasons:
        lines.append("   Because of:")
        lines += [_wrap(reason, "   - ") for reason in triage.reasons]
    return lines


def explanation_text(explanation: Explanation) -> str:
    description = describe(explanation)
    # What to do now comes first, before any detail or card.
    lines = triage_lines(explanation.triage)
    lines.append("")
    lines += [f"Episode {printable(explanation.episode.id)}", _wrap(description.summary, "  ")]
    lines.append("")
    lines += _fields(description.episode)
    if description.notes:
        lines.append(_wrap(description.notes, f"  {Label.NOTES + ':':<{_LABEL_WIDTH}}"))
    lines.append("")
    lines += _fields(description.cycle)
    lines.append("")
    lines += _fields(description.context)
    lines.append("")
    if explanation.cards:
        lines.append("Cards that may explain it:")
    for match in explanation.cards:
        severity = match.card.severity
        mark = _MARK.get(severity, "  ")
        lines.append(f"{mark} {match.card.title}  [{severity.label}; {match.card.id}]")
        for reason in match.reasons:
            lines.append(_wrap(reason, "     - "))
    if explanation.patterns:
        lines.append("")
        lines.append("Patterns in your history:")
        for pattern in explanation.patterns:
            lines.append(_wrap(f"{pattern.title}: {pattern.summary}", "   * "))
    lines.append("")
    lines.append(_wrap(DISCLAIMER, ""))
    return "\n".join(lines) + "\n"
