"""HTML for QTextDocument: journal text escaped, card Markdown converted, severity in words."""

from __future__ import annotations

from datetime import date

from journal.cards import Explainer
from journal.domain.model import JournalData
from journal.reports.content import appointment_summary, episode_report
from journal.reports.html import episode_html, markdown_to_html, summary_html

TODAY = date(2026, 11, 22)


def test_journal_text_is_escaped(data: JournalData) -> None:
    explainer = Explainer(data)
    html = summary_html(appointment_summary(data, explainer, date(2026, 8, 20), TODAY, TODAY))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; fine" in html
    assert "Dr &lt;i&gt;Who&lt;/i&gt;" in html
    single = episode_html(episode_report(explainer.explain("ep-mid"), data, TODAY))
    assert "<script>" not in single and "&lt;script&gt;" in single


def test_severity_is_printed_in_words(data: JournalData) -> None:
    html = episode_html(episode_report(Explainer(data).explain("ep-sex-1"), data, TODAY))
    assert "[See&nbsp;a&nbsp;provider]" in html


def test_the_episode_report_starts_with_what_to_do_now(data: JournalData) -> None:
    explanation = Explainer(data).explain("ep-sex-1")
    html = episode_html(episode_report(explanation, data, TODAY))
    top = html.index("What to do now:")
    assert top < html.index("<h2>The episode</h2>") < html.index("<h2>Explanation cards</h2>")
    assert "[SEE&nbsp;A&nbsp;PROVIDER]" in html[top : top + 400]  # words, not colour alone
    for reason in explanation.triage.reasons:
        assert reason in html
    assert explanation.triage.timing in html


def test_markdown_subset() -> None:
    html = markdown_to_html(
        "## What it is\n\nSome **bold** and *soft* text\ncontinued.\n\n"
        "- one\n- two <x>\n\n1. first\n"
    )
    assert "<h4>What it is</h4>" in html
    assert "<p>Some <b>bold</b> and <i>soft</i> text continued.</p>" in html
    assert "<ul><li>one</li><li>two &lt;x&gt;</li></ul>" in html
    assert "<ol><li>first</li></ol>" in html
