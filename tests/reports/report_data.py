"""A small, hand-made journal for the report tests, and PDF text helpers."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

from journal.domain.model import (
    Appointment,
    ContextEntry,
    Episode,
    JournalData,
    Period,
    Screening,
)
from journal.domain.vocabulary import (
    Amount,
    Colour,
    Contraception,
    LifeStage,
    Pain,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)

NOTE_BOLD = "<b>not bold</b> & fine"
NOTE_SCRIPT = "<script>alert('x')</script>"


def report_journal() -> JournalData:
    """Four cycles, a visit on 2026-08-20 and six episodes: two after sex, one heavy."""
    return JournalData(
        context=(ContextEntry(date(2025, 1, 1), LifeStage.REPRODUCTIVE, Contraception.NONE, True),),
        screenings=(
            Screening(ScreeningKind.CERVICAL_SCREENING, date(2021, 5, 1), ScreeningResult.NORMAL),
        ),
        periods=(
            Period(date(2026, 7, 1), date(2026, 7, 5)),
            Period(date(2026, 7, 29), date(2026, 8, 2)),
            Period(date(2026, 8, 27), date(2026, 8, 31)),
            Period(date(2026, 9, 26), date(2026, 9, 30)),
            Period(date(2026, 10, 24), date(2026, 10, 28)),
        ),
        appointments=(Appointment(date(2026, 8, 20), "Dr <i>Who</i>", "first visit"),),
        episodes=(
            Episode(
                "ep-before",
                datetime(2026, 7, 14, 9, 0),
                Amount.SPOTTING,
                colour=Colour.PINK,
            ),
            Episode(
                "ep-sex-1",
                datetime(2026, 9, 5, 22, 30),
                Amount.LIGHT,
                colour=Colour.BRIGHT_RED,
                trigger=Trigger.INTERCOURSE,
                symptoms=frozenset({Symptom.VAGINAL_DRYNESS}),
                notes=NOTE_BOLD,
            ),
            Episode(
                "ep-mid",
                date(2026, 9, 11),
                Amount.SPOTTING,
                ended_at=date(2026, 9, 12),
                colour=Colour.BROWN,
                notes=NOTE_SCRIPT,
            ),
            Episode(
                "ep-sex-2",
                datetime(2026, 10, 6, 23, 0),
                Amount.SPOTTING,
                colour=Colour.BRIGHT_RED,
                trigger=Trigger.INTERCOURSE,
            ),
            Episode(
                "ep-heavy",
                datetime(2026, 10, 25, 8, 0),
                Amount.HEAVY,
                colour=Colour.DARK_RED,
                pain=Pain.MODERATE,
            ),
            Episode("ep-late", datetime(2026, 11, 3, 7, 15), Amount.SPOTTING, colour=Colour.BROWN),
        ),
    ).normalised()


def pdf_text(path: Path) -> tuple[str, int]:
    """All text of a PDF (whitespace collapsed, ligatures such as "ﬁ" unfolded) and its
    page count."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split()), len(reader.pages)


def squeezed(text: str) -> str:
    """Text without any whitespace: table cells wrap lines wherever they like."""
    return "".join(text.split())


def pdf_image_count(path: Path) -> int:
    """Image XObjects across all pages."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count
