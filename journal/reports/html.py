"""Report models as HTML in the subset ``QTextDocument`` renders (tables, h1–h3, simple CSS).

Everything that comes from the journal (notes, names, dates, ids) goes through
``html.escape``, so a note containing ``<b>`` or ``<script>`` prints as those characters.
Card bodies are trusted resource Markdown; ``markdown_to_html`` converts the small subset
the card files use (headings, paragraphs, ``-`` lists, ``**bold**``, ``*italic*``) and
escapes the text first all the same.

Severity is printed as words in a bordered label, never as colour alone, so it survives
black-and-white printing. Charts are referenced as ``chart:timeline`` and
``chart:cycles`` image resources, which the renderer adds to the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from journal.cards import Triage
from journal.cards.describe import (
    Field,
    Label,
    amount_words,
    before_words,
    colour_words,
    cycle_cell,
    pain_words,
    symptom_words,
)
from journal.domain.dates import DATES
from journal.domain.vocabulary import Severity
from journal.reports.content import (
    AppointmentSummary,
    CardSection,
    EpisodeReport,
    EpisodeRow,
    PatternItem,
)

TIMELINE_URL = "chart:timeline"
CYCLES_URL = "chart:cycles"
NOT_ENCRYPTED = "This PDF is not encrypted: keep it somewhere private."

# Print-safe severity labels: the words carry the meaning, the tint only helps.
_SEVERITY_STYLE = {
    Severity.URGENT: ("#7a0000", "#fde2e2"),
    Severity.SEE_PROVIDER: ("#7a3b00", "#fdebd3"),
    Severity.CHECK: ("#2d3f66", "#e3eaf7"),
    Severity.INFO: ("#2f4f2f", "#e6f0e6"),
}

# Margins in px: Qt's rich text ignores pt margins (it honours pt font sizes).
STYLE = """
body { font-size: 10pt; color: #111111; }
h1 { font-size: 14pt; font-weight: bold; margin-top: 0px; margin-bottom: 3px; }
h2 { font-size: 12.5pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px;
     color: #1d2c4c; }
h3 { font-size: 10.5pt; font-weight: bold; margin-top: 9px; margin-bottom: 2px; }
h4 { font-size: 10pt; font-weight: bold; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 5px; }
ul { margin-top: 2px; margin-bottom: 6px; }
li { margin-bottom: 1px; }
.meta { color: #444444; font-size: 9pt; margin-top: 0px; }
.muted { color: #555555; }
.statement { font-size: 9.5pt; }
.evidence { font-size: 9pt; color: #333333; }
td { background-color: #ffffff; }
th { background-color: #e4e9f1; font-weight: bold; text-align: left; }
td.label { font-weight: bold; color: #333333; background-color: #f3f5f8; }
.small { font-size: 8pt; }
.big { font-size: 14pt; font-weight: bold; }
.lead { font-size: 10.5pt; margin-top: 6px; margin-bottom: 4px; }
.range { font-size: 13pt; font-weight: bold; margin-top: 0px; margin-bottom: 2px;
         color: #1d2c4c; }
.source { font-size: 9pt; margin-top: 0px; margin-bottom: 3px; }
.joint { font-size: 1pt; margin-top: 0px; margin-bottom: 0px; line-height: 1pt; }
.gap { margin-top: 0px; margin-bottom: 2px; font-size: 3pt; }
"""

# The grid is the table's background showing through the cell spacing between white
# cells: single hairlines like ``border-collapse``, which costs Qt several times as much
# to lay out and draw (most of a long summary's PDF time). 1.5 px, not 1: thinner gaps
# vanish in some viewers at low zoom (poppler snaps the white cells over them).
GRID_COLOUR = "#aab3c0"
TABLE = f'width="100%" cellspacing="1.5" border="0" bgcolor="{GRID_COLOUR}"'


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _multiline(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return "<br/>".join(_e(line) for line in text.splitlines())


# --------------------------------------------------------------------------- markdown

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def _inline(text: str) -> str:
    text = _e(text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    return _ITALIC.sub(r"<i>\1</i>", text)


def markdown_to_html(markdown: str, heading_offset: int = 2) -> str:
    """The card Markdown subset as HTML; ``#`` headings are shifted down by ``heading_offset``."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    ordered = False

    def flush() -> None:
        nonlocal items
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{tag}>")
            items = []

    for raw in markdown.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^[-*+]\s+(.*)$", line)
        number = re.match(r"^\d+[.)]\s+(.*)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            level = min(6, len(heading.group(1)) + heading_offset)
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or number:
            if paragraph:
                flush()
            match = bullet or number
            assert match is not None
            if items and ordered != bool(number):
                flush()
            ordered = bool(number)
            items.append(match.group(1))
        elif items and raw.startswith((" ", "\t")):
            items[-1] += " " + line  # a wrapped list item
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "\n".join(out)


# --------------------------------------------------------------------------- pieces


def severity_label(severity: Severity, words: str | None = None) -> str:
    """The severity as a coloured tag; ``words`` replaces its label (a triage level)."""
    ink, paper = _SEVERITY_STYLE[severity]
    text = severity.label if words is None else words
    return (
        f'<span style="color: {ink}; background-color: {paper}; font-weight: bold;">'
        f"&nbsp;[{_e(text).replace(' ', '&nbsp;')}]&nbsp;</span>"
    )


def _fields_table(fields: Sequence[Field], padding: int = 4) -> str:
    rows = "".join(
        f'<tr><td class="label" width="32%">{_e(f.label)}</td><td>{_e(f.value)}</td></tr>'
        for f in fields
    )
    return f'<table {TABLE} cellpadding="{padding}">{rows}</table>'


def _card(section: CardSection, *, source: bool = True) -> str:
    parts = [f"<h3>{_e(section.title)} &nbsp;{severity_label(section.severity)}</h3>"]
    meta = []
    if source:
        meta.append(f"Source: {_e(section.source)}")
    if section.episodes is not None:
        meta.append(
            f"applied to {section.episodes} episode{'' if section.episodes == 1 else 's'} "
            "in this range"
        )
    if meta:
        parts.append(f'<p class="meta">{" &nbsp;·&nbsp; ".join(meta)}</p>')
    if section.reasons:
        parts.append("<p><b>Why this card is shown:</b></p>")
        parts.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in section.reasons) + "</ul>")
    parts.append(markdown_to_html(section.body_markdown, heading_offset=3))
    return "\n".join(parts)


EVIDENCE_SHOWN = 4


def _patterns(patterns: Iterable[PatternItem]) -> str:
    parts = []
    for pattern in patterns:
        parts.append(f"<h3>{_e(pattern.title)} &nbsp;{severity_label(pattern.severity)}</h3>")
        text = f"<p>{_e(pattern.summary)}"
        if pattern.evidence:
            shown = list(pattern.evidence[:EVIDENCE_SHOWN])
            if len(pattern.evidence) > EVIDENCE_SHOWN:
                shown.append(f"and {len(pattern.evidence) - EVIDENCE_SHOWN} more")
            text += f'<br/><span class="evidence">{_e("; ".join(shown))}</span>'
        parts.append(text + "</p>")
    return "\n".join(parts)


def _statement(disclaimer: str) -> str:
    return (
        '<p style="margin-top: 14px;"></p>'
        f'<table {TABLE} cellpadding="6">'
        f'<tr><td class="statement"><b>Please note.</b> {_e(disclaimer)}</td></tr></table>'
    )


def _document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'/>"
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def _header(title: str, lines: Sequence[str]) -> str:
    """The title and, under it, who and when, said once (with "not encrypted")."""
    meta = "<br/>".join(lines)
    return f'<h1>{_e(title)}</h1><p class="meta">{meta}</p>'


def _generated(generated: date) -> str:
    return f"Generated {_e(DATES.long(generated))} by Health Journal. {_e(NOT_ENCRYPTED)}"


# --------------------------------------------------------------------------- episode report


def triage_box(triage: Triage) -> str:
    """What to do now, boxed: the level in words (tinted label), the timing, the reasons."""
    ink, paper = _SEVERITY_STYLE[triage.level.severity]
    label = (
        f'<span style="color: {ink}; background-color: {paper}; font-weight: bold;">'
        f"&nbsp;[{_e(triage.level.words.upper()).replace(' ', '&nbsp;')}]&nbsp;</span>"
    )
    reasons = ""
    if triage.reasons:
        reasons = (
            "<p><b>Because:</b></p><ul>"
            + "".join(f"<li>{_e(r)}</li>" for r in triage.reasons)
            + "</ul>"
        )
    return (
        f'<table {TABLE} cellpadding="6"><tr><td>'
        f"<p><b>What to do now:</b> {label} &nbsp;<b>{_e(triage.timing)}</b></p>"
        f"{reasons}</td></tr></table>"
    )


def episode_html(report: EpisodeReport) -> str:
    """The episode report as one HTML document."""
    body = [
        _header(report.title, [_generated(report.generated)]),
        triage_box(report.triage) if report.triage is not None else "",
        f'<p class="lead">{_e(report.summary)}</p>',
        "<h2>The episode</h2>",
        _fields_table(
            [*report.details, Field(Label.NOTES, report.notes)] if report.notes else report.details
        ),
        "<h2>In the cycle</h2>",
        _fields_table(report.cycle),
        "<h2>Context on that day</h2>",
        _fields_table(report.context),
    ]
    if report.patterns:
        body += ["<h2>Patterns this episode belongs to</h2>", _patterns(report.patterns)]
    body.append("<h2>Explanation cards</h2>")
    if report.cards:
        body.append(
            '<p class="muted">Most pressing first; each says why it was chosen for this '
            "episode.</p>"
        )
        body += [_card(section) for section in report.cards]
    else:
        body.append('<p class="muted">No card matched this episode.</p>')
    body.append(_statement(report.disclaimer))
    return _document(report.title, "\n".join(body))


# --------------------------------------------------------------------------- summary


def _days(days: Sequence[date]) -> str:
    if len(days) <= DAYS_SHOWN:
        return DATES.days(days)
    shown = DATES.days(days[-DAYS_SHOWN:])
    return f"latest {shown}"


def _attention(summary: AppointmentSummary) -> str:
    if not summary.attention:
        return (
            '<p class="muted">Nothing logged in this range needed a visit by itself '
            "(no warning sign, no bleeding after sex, nothing heavy or long).</p>"
        )
    rows = []
    for item in summary.attention:
        count = len(item.days)
        times = {1: "once", 2: "twice"}.get(count, f"{count} times")
        rows.append(
            f'<tr><td width="23%">{severity_label(item.severity, item.level.words)}</td>'
            f"<td><b>{_e(item.finding)}</b> — {_e(times)}: {_e(_days(item.days))}</td></tr>"
        )
    return f'<table {TABLE} cellpadding="2">{"".join(rows)}</table>'


def _figures(summary: AppointmentSummary) -> str:
    f = summary.figures
    cells = [
        (f.episodes, "episodes"),
        (f.bleeding_days, "days with bleeding"),
        (f.after_sex, "after sex"),
        (f.between_periods, "between periods"),
        (f.heavy, "heavy or worse"),
        (f.longest_days, "days, the longest episode"),
    ]
    widths = (16, 17, 16, 17, 17, 17)
    row = "".join(
        f'<td align="center" width="{width}%"><span class="big">{value}</span><br/>'
        f'<span class="small">{_e(label)}</span></td>'
        for (value, label), width in zip(cells, widths, strict=True)
    )
    return f'<table {TABLE} cellpadding="5"><tr>{row}</tr></table>'


def _cycles(summary: AppointmentSummary) -> str:
    c = summary.cycles
    if not c.count or c.median is None:
        return '<p class="muted">Cycle lengths: no complete cycle began in this range.</p>'
    lengths = ", ".join(str(n) for n in c.lengths)
    return (
        f"<p><b>Cycle lengths:</b> {c.count} complete cycle{'' if c.count == 1 else 's'} "
        f"began in this range; median {c.median:g} days, shortest {c.shortest}, longest "
        f"{c.longest} ({_e(lengths)} days).</p>"
    )


def _visits(summary: AppointmentSummary) -> str:
    if not summary.appointments:
        return ""
    items = "".join(
        f"<li>{_e(DATES.short(a.date))}"
        + (f" with {_e(a.with_)}" if a.with_.strip() else "")
        + (f": {_e(' '.join(a.notes.split()))}" if a.notes.strip() else "")
        + "</li>"
        for a in summary.appointments
    )
    return f"<p><b>Visits logged in this range:</b></p><ul>{items}</ul>"


# Compact: one table per month (the month in the header), short cells, the note's start.
_COLUMNS = (
    ("Date", 8),
    (Label.AMOUNT, 14),
    (Label.COLOUR, 8),
    (Label.BEFORE, 11),
    (Label.PAIN, 9),
    (Label.SYMPTOMS, 12),
    ("Cycle", 11),
    ("Note (start)", 27),
)
ROWS_PER_PIECE = 25
# The attention list names at most this many days per finding (the table has them all).
DAYS_SHOWN = 5
NOTE_CHARS = 48
_DASH = "—"


def _short(text: str, limit: int = NOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _row_cells(row: EpisodeRow, with_year: bool) -> tuple[str, ...]:
    episode = row.episode
    when = DATES.short(episode.day) if with_year else DATES.day_month(episode.day)
    if episode.duration_days > 1:
        when += f" ({episode.duration_days} d)"
    date_cell = f"<b>{_e(when)}</b>" if row.flagged else _e(when)
    return (
        date_cell,
        _e(amount_words(episode)),
        _e(colour_words(episode)) if episode.colour is not None else _DASH,
        _e(before_words(episode)) if episode.trigger.value != "none" else _DASH,
        _e(pain_words(episode)) if episode.pain.value != "none" else _DASH,
        _e(symptom_words(episode)) if episode.symptoms else _DASH,
        _e(cycle_cell(row.cycle)),
        _e(_short(episode.notes)) if episode.notes.strip() else "",
    )


def _episode_table(summary: AppointmentSummary) -> str:
    """One compact table, written as pieces of ``ROWS_PER_PIECE`` rows stacked without a gap
    (Qt lays out many small tables several times faster than one long one); only the first
    piece has the header, which the paginator repeats on each page the table continues."""
    if not summary.episodes:
        return '<p class="muted">No episodes were logged in this range.</p>'
    head = "".join(f'<th width="{width}%">{_e(name)}</th>' for name, width in _COLUMNS)
    with_year = summary.start.year != summary.end.year
    rows = summary.episodes
    pieces = []
    for first in range(0, len(rows), ROWS_PER_PIECE):
        body = "".join(
            "<tr>"
            + "".join(
                f'<td width="{width}%">{cell}</td>'
                for cell, (_name, width) in zip(_row_cells(row, with_year), _COLUMNS, strict=True)
            )
            + "</tr>"
            for row in rows[first : first + ROWS_PER_PIECE]
        )
        header = f"<thead><tr>{head}</tr></thead>" if first == 0 else ""
        pieces.append(
            f'<table {TABLE} cellpadding="2" class="small">{header}<tbody>{body}</tbody></table>'
        )
    bold = "Bold dates: seek care urgently (see what needs attention); " * any(
        row.flagged for row in rows
    )
    return (
        f'<p class="meta">{bold}“d”: days the episode lasted; — : none logged.</p>'
        + '<p class="joint"></p>'.join(pieces)
    )


def _chart(url: str, width: int, height: int, caption: str) -> str:
    # Each image sits alone in its paragraph, kept with its caption by the paginator.
    return (
        f'<p align="center" style="margin-top: 4px; margin-bottom: 0px;">'
        f'<img src="{url}" width="{width}" height="{height}"/></p>'
        f'<p class="meta" align="center">{_e(caption)}</p>'
    )


def _sources(summary: AppointmentSummary) -> str:
    if not summary.sources:
        return '<p class="muted">No card applied in this range.</p>'
    return "".join(
        f'<p class="source"><b>{_e(item.source)}</b> — supports: '
        f"{_e('; '.join(item.supports))}.</p>"
        for item in summary.sources
    )


def summary_html(
    summary: AppointmentSummary,
    chart_width: int = 640,
    timeline_height: int = 256,
    cycles_height: int = 320,
) -> str:
    """The appointment summary as one HTML document; chart sizes are in layout pixels.

    Page 1 is the clinical summary; the charts start page 2; the cards' explanations, when
    asked for, are an appendix on pages of their own.
    """
    meta = []
    if summary.person:
        meta.append(f"<b>{_e(summary.person)}</b>")
    if summary.range_note:
        meta.append(_e(summary.range_note))
    meta.append(_generated(summary.generated))
    body = [
        "<h1>Appointment summary</h1>",
        f'<p class="range">{_e(DATES.range(summary.start, summary.end))}</p>',
        f'<p class="meta">{"<br/>".join(meta)}</p>',
        "<h2>What needs attention</h2>",
        _attention(summary),
        "<h2>Context</h2>",
        _fields_table(summary.context, padding=2),  # compact: page 1 holds the timeline too
        "<h2>Figures</h2>",
        _figures(summary),
        _cycles(summary),
        _visits(summary),
        "<h2>Timeline and cycles</h2>",
        _chart(
            TIMELINE_URL,
            chart_width,
            timeline_height,
            "Each episode by date and amount; shaded bands are periods, diamonds estimated "
            "ovulation; a triangle means after sex, a dark ring that it should be seen by a "
            "provider (or urgently).",
        ),
        _chart(
            CYCLES_URL,
            chart_width,
            cycles_height,
            "One row per cycle; episodes placed by day of cycle.",
        ),
        "<h2>Episodes</h2>",
        _episode_table(summary),
        "<h2>Patterns across the history</h2>",
        _patterns(summary.patterns)
        if summary.patterns
        else '<p class="muted">No pattern stands out in this range.</p>',
        "<h2>Questions for this visit</h2>",
    ]
    if summary.questions:
        body.append("<ul>" + "".join(f"<li>{_e(q)}</li>" for q in summary.questions) + "</ul>")
    else:
        body.append('<p class="muted">Nothing in this range raises a particular question.</p>')
    body += ["<h2>Sources</h2>", _sources(summary), _statement(summary.disclaimer)]
    if summary.with_explanations:
        body.append(
            '<h2 style="page-break-before: always;">Appendix: what the cards explain</h2>'
            '<p class="muted">Each card that applied in this range, once, most pressing '
            "first; sources are listed above.</p>"
        )
        body += [_card(section, source=False) for section in summary.cards]
        if summary.prep is not None:
            body.append(_card(summary.prep, source=False))
    return _document(summary.title, "\n".join(body))
