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
from journal.domain.vocabulary import Severity
from journal.reports.content import (
    AppointmentSummary,
    CardSection,
    EpisodeReport,
    Field,
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
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 10pt;
       color: #111111; }
h1 { font-size: 17pt; font-weight: bold; margin-top: 0px; margin-bottom: 3px; }
h2 { font-size: 13pt; font-weight: bold; margin-top: 20px; margin-bottom: 6px;
     color: #1d2c4c; }
h3 { font-size: 11pt; font-weight: bold; margin-top: 14px; margin-bottom: 3px; }
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
.small { font-size: 8.5pt; }
.big { font-size: 15pt; font-weight: bold; }
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


def severity_label(severity: Severity, words: str) -> str:
    ink, paper = _SEVERITY_STYLE[severity]
    return (
        f'<span style="color: {ink}; background-color: {paper}; font-weight: bold;">'
        f"&nbsp;[{_e(words).replace(' ', '&nbsp;')}]&nbsp;</span>"
    )


def _fields_table(fields: Sequence[Field]) -> str:
    rows = "".join(
        f'<tr><td class="label" width="32%">{_e(f.label)}</td><td>{_e(f.value)}</td></tr>'
        for f in fields
    )
    return f'<table {TABLE} cellpadding="4">{rows}</table>'


def _card(section: CardSection, *, body: bool = True) -> str:
    label = severity_label(section.severity, section.severity_words)
    parts = [
        f"<h3>{_e(section.title)} &nbsp;{label}</h3>",
        f'<p class="meta">Source: {_e(section.source)}'
        + (
            f" &nbsp;·&nbsp; applied to {section.episodes} episode"
            f"{'' if section.episodes == 1 else 's'} in this range"
            if section.episodes is not None
            else ""
        )
        + "</p>",
    ]
    if section.reasons:
        parts.append("<p><b>Why this card is shown:</b></p>")
        parts.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in section.reasons) + "</ul>")
    if body:
        parts.append(markdown_to_html(section.body_markdown, heading_offset=2))
    elif section.lead:
        parts.append(f"<p>{_inline(section.lead)}</p>")
    return "\n".join(parts)


def triage_box(triage: Triage) -> str:
    """What to do now, boxed: the level in words (tinted label), the timing, the reasons."""
    label = severity_label(triage.level.severity, triage.level.words.upper())
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


def _patterns(patterns: Iterable[PatternItem]) -> str:
    parts = []
    for pattern in patterns:
        parts.append(
            f"<h3>{_e(pattern.title)} &nbsp;"
            f"{severity_label(pattern.severity, pattern.severity_words)}</h3>"
        )
        parts.append(f"<p>{_e(pattern.summary)}</p>")
        if pattern.evidence:
            parts.append(
                '<ul class="evidence">'
                + "".join(f"<li>{_e(line)}</li>" for line in pattern.evidence)
                + "</ul>"
            )
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


def _header(title: str, subtitle: str, generated: str) -> str:
    return (
        f"<h1>{_e(title)}</h1>"
        f'<p class="meta">{subtitle} &nbsp;·&nbsp; Generated {_e(generated)} by Health Journal. '
        f"{_e(NOT_ENCRYPTED)}</p>"
    )


# --------------------------------------------------------------------------- reports


def episode_html(report: EpisodeReport) -> str:
    """The episode report as one HTML document."""
    body = [
        _header(
            report.title,
            f"Episode id <tt>{_e(report.episode_id)}</tt>",
            report.generated.isoformat(),
        ),
        triage_box(report.triage) if report.triage is not None else "",
        "<h2>The episode</h2>",
        _fields_table(report.details),
        "<h3>Notes</h3>",
        f"<p>{_multiline(report.notes)}</p>" if report.notes else '<p class="muted">No notes.</p>',
        "<h2>Cycle context</h2>",
        _fields_table(report.cycle),
        "<h2>Context on that date</h2>",
        _fields_table(report.context),
    ]
    if report.patterns:
        body += [
            "<h2>Patterns in the history this episode belongs to</h2>",
            _patterns(report.patterns),
        ]
    body.append("<h2>Explanation cards</h2>")
    if report.cards:
        body.append(
            '<p class="muted">Cards are listed most pressing first. Each says why it was '
            "chosen for this episode.</p>"
        )
        body += [_card(section) for section in report.cards]
    else:
        body.append('<p class="muted">No card matched this episode.</p>')
    body.append(_statement(report.disclaimer))
    return _document(report.title, "\n".join(body))


def _figures(summary: AppointmentSummary) -> str:
    f = summary.figures
    cells = [
        (f.episodes, "episodes"),
        (f.bleeding_days, "days with bleeding"),
        (f.after_sex, "after sex"),
        (f.between_periods, "between periods"),
        (f.heavy, "heavy"),
    ]
    row = "".join(
        f'<td align="center" width="20%"><span class="big">{value}</span><br/>'
        f'<span class="small">{_e(label)}</span></td>'
        for value, label in cells
    )
    return f'<table {TABLE} cellpadding="6"><tr>{row}</tr></table>'


def _cycles(summary: AppointmentSummary) -> str:
    c = summary.cycles
    if not c.count:
        return '<p class="muted">No complete cycle began in this range.</p>'
    lengths = ", ".join(str(n) for n in c.lengths)
    return _fields_table(
        [
            Field("Complete cycles", str(c.count)),
            Field("Median length", f"{c.median:g} days"),
            Field("Shortest / longest", f"{c.shortest} / {c.longest} days"),
            Field("Each cycle", f"{lengths} days"),
        ]
    )


# Few, wide columns: each cell costs layout time, and wrapped cells are harder to scan.
_EPISODE_COLUMNS = ("Date", "Bleeding", "Right before", "Cycle", "Flag", "Notes")
_EPISODE_WIDTHS = (15, 21, 13, 15, 12, 24)


def _episode_table(summary: AppointmentSummary) -> str:
    """One table per month: easier to scan, and Qt paginates small tables much faster."""
    if not summary.episodes:
        return '<p class="muted">No episodes were logged in this range.</p>'
    head = "".join(
        f'<th width="{w}%">{_e(c)}</th>'
        for c, w in zip(_EPISODE_COLUMNS, _EPISODE_WIDTHS, strict=True)
    )
    months: dict[str, list[str]] = {}
    for row in summary.episodes:
        flag = f"<b>{_e(row.flag)}</b>" if row.flag else ""
        bleeding = row.amount + ("" if row.colour == "—" else f", {row.colour.lower()}")
        if row.pain != "None":
            bleeding += f"; pain: {row.pain.lower()}"
        cells = (
            _e(row.when),
            _e(bleeding),
            _e(row.trigger),
            _e(row.cycle),
            flag,
            _e(row.notes),
        )
        months.setdefault(row.when[:7], []).append(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
        )
    parts = []
    for month, rows in months.items():
        name = date.fromisoformat(month + "-01").strftime("%B %Y")
        count = f"{len(rows)} episode{'' if len(rows) == 1 else 's'}"
        parts.append(f'<h4>{_e(name)} &nbsp;<span class="meta">{count}</span></h4>')
        parts.append(
            f'<table {TABLE} cellpadding="3" class="small">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "\n".join(parts)


def _appointments(summary: AppointmentSummary) -> str:
    if not summary.appointments:
        return ""
    rows = "".join(
        f"<tr><td>{_e(a.date.isoformat())}</td><td>{_e(a.with_ or '—')}</td>"
        f"<td>{_multiline(a.notes)}</td></tr>"
        for a in summary.appointments
    )
    return (
        "<h2>Visits logged in this range</h2>"
        f'<table {TABLE} cellpadding="4">'
        '<thead><tr><th width="16%">Date</th><th width="24%">With</th><th>Notes</th></tr></thead>'
        f"{rows}</table>"
    )


def _chart(url: str, width: int, height: int, caption: str) -> str:
    # Each image sits alone in its own paragraph: the layout moves a whole line, so a chart
    # that does not fit at the bottom of a page starts on the next one instead of splitting.
    return (
        f'<p align="center" style="margin-top: 6px; margin-bottom: 0px;">'
        f'<img src="{url}" width="{width}" height="{height}"/></p>'
        f'<p class="meta" align="center">{_e(caption)}</p>'
    )


def summary_html(
    summary: AppointmentSummary,
    chart_width: int = 640,
    timeline_height: int = 256,
    cycles_height: int = 320,
) -> str:
    """The appointment summary as one HTML document; chart sizes are in layout pixels."""
    body = [
        _header(summary.title, _e(summary.range_note), summary.generated.isoformat()),
        "<h2>At a glance</h2>",
        _figures(summary),
        "<h2>Cycle lengths</h2>",
        _cycles(summary),
    ]
    body.append("<h2>Charts</h2>")
    body.append(
        _chart(
            TIMELINE_URL,
            chart_width,
            timeline_height,
            "Timeline: each episode by date and amount; shaded bands are periods, diamonds "
            "estimated ovulation; a triangle means after sex, a dark ring a card said to see "
            "a provider.",
        )
    )
    body.append(
        _chart(
            CYCLES_URL,
            chart_width,
            cycles_height,
            "Cycle chart: one row per cycle, episodes placed by day of cycle.",
        )
    )
    body.append("<h2>Episodes in this range</h2>")
    body.append(_episode_table(summary))
    body.append(_appointments(summary))
    body.append("<h2>Patterns across the history</h2>")
    if summary.patterns:
        body.append(_patterns(summary.patterns))
    else:
        body.append('<p class="muted">No pattern stands out in this range.</p>')
    body.append("<h2>Cards relevant across this range</h2>")
    if summary.cards:
        body.append(
            '<p class="muted">Each card once, most pressing first, with how many episodes '
            "it applied to. The full text of each card is in the app.</p>"
        )
        body += [_card(section, body=False) for section in summary.cards]
    else:
        body.append('<p class="muted">No card applied to an episode in this range.</p>')
    prep_title = summary.prep.title if summary.prep else "Preparing for your appointment"
    body.append(f"<h2>{_e(prep_title)}</h2>")
    if summary.questions:
        body.append("<h3>Questions from this journal</h3>")
        body.append("<ul>" + "".join(f"<li>{_e(q)}</li>" for q in summary.questions) + "</ul>")
    if summary.prep is not None:
        body.append(markdown_to_html(summary.prep.body_markdown, heading_offset=1))
    body.append(_statement(summary.disclaimer))
    return _document(summary.title, "\n".join(body))
