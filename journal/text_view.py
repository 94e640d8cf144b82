"""Plain-text rendering of an explanation for the terminal (``health-journal show ID``)."""

from __future__ import annotations

import textwrap

from journal.cards import DISCLAIMER, Explanation, Triage, TriageLevel
from journal.domain.errors import printable
from journal.domain.model import moment_to_iso
from journal.domain.vocabulary import Severity

_MARK = {
    Severity.URGENT: "!! URGENT",
    Severity.SEE_PROVIDER: "!  SEE A PROVIDER",
    Severity.CHECK: "   worth a check",
    Severity.INFO: "   common",
}


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
    episode, cycle = explanation.episode, explanation.cycle
    # What to do now comes first, before any detail or card.
    lines = triage_lines(explanation.triage)
    lines.append("")
    lines.append(f"Episode {printable(episode.id)}")
    when = moment_to_iso(episode.started_at)
    if episode.ended_at is not None:
        when += f" to {moment_to_iso(episode.ended_at)}"
    if episode.ongoing:
        when += ", still going on"
    lines.append(f"  When:      {when}")
    lines.append(
        f"  Amount:    {episode.amount.label}"
        + (f", {episode.colour.label.lower()}" if episode.colour else "")
        + (", in mucus" if episode.in_mucus else "")
    )
    lines.append(f"  Trigger:   {episode.trigger.label}    Pain: {episode.pain.label}")
    if episode.mucus.value != "none":
        lines.append(f"  Mucus:     {episode.mucus.label}")
    if episode.symptoms:
        lines.append("  Symptoms:  " + ", ".join(sorted(s.label for s in episode.symptoms)))
    if episode.notes:
        lines.append(_wrap(episode.notes, "  Notes:     "))
    if cycle.cycle_day is None:
        lines.append("  Cycle:     unknown (no period logged in the 90 days before)")
    else:
        where = f"day {cycle.cycle_day}, {cycle.phase.label.lower()} phase"
        if cycle.dpo is not None and not cycle.in_period:
            where += f", {cycle.dpo:+d} days from estimated ovulation"
        lines.append(f"  Cycle:     {where}")
    lines.append("")
    if explanation.cards:
        lines.append("Cards that may explain it:")
    for match in explanation.cards:
        lines.append(f"{_MARK[match.card.severity]}  {match.card.title}  [{match.card.id}]")
        for reason in match.reasons:
            lines.append(_wrap(reason, "       - "))
    if explanation.patterns:
        lines.append("")
        lines.append("Patterns in your history:")
        for pattern in explanation.patterns:
            lines.append(_wrap(f"{pattern.title}: {pattern.summary}", "   * "))
    lines.append("")
    lines.append(_wrap(DISCLAIMER, ""))
    return "\n".join(lines) + "\n"
