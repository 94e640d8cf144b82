"""Rendering: the PDF's own text and images, read back with pypdf; paper size; no overwrite."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from journal.cards import DISCLAIMER, Explainer
from journal.domain.model import JournalData
from journal.reports.content import appointment_summary, episode_report
from journal.reports.render import build_document, locale_page_size, write_pdf
from journal.storage.errors import StorageFailure

from .report_data import NOTE_BOLD, NOTE_SCRIPT, pdf_image_count, pdf_text, squeezed

TODAY = date(2026, 11, 22)
pytestmark = pytest.mark.usefixtures("qapp")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_episode_report_pdf(data: JournalData, tmp_path: Path) -> None:
    explanation = Explainer(data).explain("ep-sex-1")
    target = tmp_path / "episode.pdf"
    pages = write_pdf(build_document(episode_report(explanation, data, TODAY)), target)
    text, count = pdf_text(target)
    assert count == pages >= 1
    assert f"page 1 of {count}" in text
    assert "5 September 2026, 22:30" in text
    assert NOTE_BOLD in text  # printed literally, not as bold markup
    for match in explanation.cards:
        assert match.card.title in text
        for reason in match.reasons:
            assert _flat(reason)[:60] in text
    assert "See a provider" in text
    assert _flat(DISCLAIMER) in text
    assert "This PDF is not encrypted" in text
    assert "Generated 22 November 2026" in text
    assert text.count("not encrypted") == 1  # said once, not on every page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["episode.pdf"]  # no temporary left


def test_summary_pdf(data: JournalData, tmp_path: Path) -> None:
    explainer = Explainer(data)
    summary = appointment_summary(
        data, explainer, date(2026, 8, 20), TODAY, TODAY, with_explanations=True
    )
    target = tmp_path / "summary.pdf"
    write_pdf(build_document(summary), target)
    text, count = pdf_text(target)
    assert count >= 2
    assert f"page {count} of {count}" in text
    for figure, label in [
        ("5", "episodes"),
        ("6", "days with bleeding"),
        ("2", "after sex"),
        ("4", "between periods"),
        ("1", "heavy or worse"),
    ]:
        assert f"{figure} {label}" in text
    table = text.split("Patterns across")[0]
    for day in ("5 Sep", "11 Sep (2 d)", "6 Oct", "3 Nov"):
        assert day in table
    assert "14 Jul" not in table  # before the range
    assert "median 29 days" in text
    assert squeezed(NOTE_SCRIPT) in squeezed(text)  # printed literally, never run or hidden
    assert squeezed(NOTE_BOLD) in squeezed(text) and "Dr <i>Who</i>" in text
    for card, count_applied in explainer.cards_for_range(date(2026, 8, 20), TODAY):
        assert card.title in text
        if count_applied:
            applied = f"applied to {count_applied} episode{'s' if count_applied != 1 else ''}"
            assert applied in text
    assert "Questions worth asking" in text
    assert _flat(DISCLAIMER) in text
    assert pdf_image_count(target) >= 2  # the timeline and the cycle chart


def test_charts_are_crisp_and_fit_the_page(data: JournalData) -> None:
    summary = appointment_summary(data, Explainer(data), date(2026, 8, 20), TODAY, TODAY)
    document = build_document(summary, QPageSize(QPageSize.PageSizeId.A4))
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("chart:timeline"))
    assert isinstance(image, QImage)
    # 8 inches at 200 dpi, drawn into a 6.85-inch column: well over 200 dpi on paper.
    assert image.width() / 6.85 >= 200
    assert document.size().width() <= 660  # the text column of A4 with 18 mm margins


def test_write_pdf_refuses_to_overwrite(data: JournalData, tmp_path: Path) -> None:
    target = tmp_path / "taken.pdf"
    target.write_bytes(b"keep me")
    document = build_document(episode_report(Explainer(data).explain("ep-mid"), data, TODAY))
    with pytest.raises(StorageFailure, match="already exists"):
        write_pdf(document, target)
    assert target.read_bytes() == b"keep me"


def test_paper_follows_the_locale() -> None:
    us = locale_page_size(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    fr = locale_page_size(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert us.id() == QPageSize.PageSizeId.Letter
    assert fr.id() == QPageSize.PageSizeId.A4
