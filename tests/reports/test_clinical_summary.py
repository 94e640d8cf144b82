"""The appointment summary as a clinician reads it, and the PDFs' text and structure.

The PDFs are read back with pypdf *without* folding ligatures, so "fi"/"fl" words must be
in the text layer as typed; page 1, page counts, the appendix, the outline and page breaks
are checked on the demo journal's last six months.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.cards import Explainer
from journal.domain.model import (
    Appointment,
    ContextEntry,
    Episode,
    JournalData,
    Medication,
    Period,
    PregnancyTest,
    Profile,
    Screening,
)
from journal.domain.vocabulary import (
    Amount,
    Contraception,
    LifeStage,
    MedicationName,
    PregnancyTestResult,
    ScreeningKind,
    ScreeningResult,
    Symptom,
    Trigger,
)
from journal.reports.content import (
    appointment_summary,
    default_range,
    episode_report,
    months_before,
)
from journal.reports.render import build_document, write_pdf
from journal.services.demo import demo_data

TODAY = date(2026, 11, 22)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LIGATURES = re.compile("[\ufb00-\ufb06]")


@dataclass(frozen=True)
class Pdf:
    pages: list[str]
    outline: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def flat(self, page: int | None = None) -> str:
        text = self.text if page is None else self.pages[page]
        return " ".join(text.split())


def read_pdf(path: Path) -> Pdf:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    titles: list[str] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    return Pdf([page.extract_text() or "" for page in reader.pages], titles)


@pytest.fixture(scope="module")
def demo() -> JournalData:
    return demo_data(TODAY)


@pytest.fixture(scope="module")
def pdfs(
    demo: JournalData, tmp_path_factory: pytest.TempPathFactory, qapp: object
) -> Iterator[dict[str, Pdf]]:
    folder = tmp_path_factory.mktemp("demo-reports")
    explainer = Explainer(demo)
    start = months_before(TODAY, 6)
    found: dict[str, Pdf] = {}
    for name, appendix in (("summary", False), ("appendix", True)):
        summary = appointment_summary(
            demo, explainer, start, TODAY, TODAY, with_explanations=appendix
        )
        write_pdf(build_document(summary), folder / f"{name}.pdf")
        found[name] = read_pdf(folder / f"{name}.pdf")
    after_sex = [e for e in explainer.episodes if e.after_sex][-1]
    report = episode_report(explainer.explain(after_sex.id), demo, TODAY)
    write_pdf(build_document(report), folder / "episode.pdf")
    found["episode"] = read_pdf(folder / "episode.pdf")
    found["episode-id"] = Pdf([after_sex.id], [])
    yield found


def test_page_one_is_the_clinical_summary(demo: JournalData, pdfs: dict[str, Pdf]) -> None:
    first = pdfs["summary"].flat(0)
    # What needs attention, grouped by finding, with its dates.
    after_sex = sorted(
        e.day
        for e in demo.episodes
        if e.trigger is Trigger.INTERCOURSE and e.day >= date(2026, 5, 22)
    )
    assert "What needs attention" in first
    assert f"bleeding after sex — {len(after_sex)} times:" in first
    assert ", ".join(f"{d.day} {d:%b}" for d in after_sex) in first
    # The context: contraception named with its history, the screening's date and result.
    assert "Contraception None (since" in first
    for kind, label in (
        (ScreeningKind.CERVICAL_SCREENING, "Last cervical screening"),
        (ScreeningKind.STI_TEST, "Last STI test"),
    ):
        latest = max((s for s in demo.screenings if s.kind is kind), key=lambda s: s.date)
        when = f"{latest.date.day} {latest.date:%b %Y}"
        assert f"{label} {latest.result.label}, {when}" in first
    # The figures and cycle lengths.
    for label in ("episodes", "days with bleeding", "after sex", "between periods"):
        assert label in first
    assert "heavy or worse" in first and "the longest episode" in first
    assert "Cycle lengths:" in first and "median" in first


def test_six_demo_months_fit_in_three_pages(pdfs: dict[str, Pdf]) -> None:
    summary = pdfs["summary"]
    assert len(summary.pages) <= 3
    assert "Appendix" not in summary.text and "Why it happens" not in summary.text


def test_the_appendix_holds_every_applicable_card_once(
    demo: JournalData, pdfs: dict[str, Pdf]
) -> None:
    explainer = Explainer(demo)
    appendix = pdfs["appendix"].flat().split("Appendix: what the cards explain")[1]
    titles = [
        card.title
        for card, count in explainer.cards_for_range(months_before(TODAY, 6), TODAY)
        if count or card.id == "appointment-prep"
    ]
    assert titles
    outline = pdfs["appendix"].outline
    for title in titles:
        assert title in appendix
        assert outline.count(title) == 1  # each card once
    # Sources are named once, at the end, not under every card.
    text = pdfs["appendix"].flat()
    assert text.count("Bleeding After Sex: The Unwanted Plot Twist") == 1


def test_headings_are_pdf_bookmarks(pdfs: dict[str, Pdf]) -> None:
    for heading in (
        "Appointment summary",
        "What needs attention",
        "Context",
        "Figures",
        "Timeline and cycles",
        "Episodes",
        "Patterns across the history",
        "Questions for this visit",
        "Sources",
    ):
        assert heading in pdfs["summary"].outline
    assert "Explanation cards" in pdfs["episode"].outline


def test_words_with_fi_and_fl_are_searchable(pdfs: dict[str, Pdf]) -> None:
    for pdf in (pdfs["summary"], pdfs["appendix"], pdfs["episode"]):
        assert not LIGATURES.search(pdf.text)
    assert "inflaming" in pdfs["episode"].flat()
    assert "Figures" in pdfs["summary"].flat() and "first" in pdfs["appendix"].flat()


def test_no_line_is_printed_twice_at_a_page_break(pdfs: dict[str, Pdf]) -> None:
    for pdf in (pdfs["summary"], pdfs["appendix"], pdfs["episode"]):
        assert len(pdf.pages) >= 2
        for before, after in zip(pdf.pages, pdf.pages[1:], strict=False):
            lines = [
                [" ".join(line.split()) for line in page.splitlines()] for page in (before, after)
            ]
            # The footer (on every page by design) is left out.
            body = [
                [line for line in page if not line.startswith(("Health Journal ·", "page "))]
                for page in lines
            ]
            tail, head = body[0], body[1]
            # A line cut by a page break shows as the end of one page repeated at the
            # start of the next (a table's repeated header row is its own line).
            head = [line for line in head if not line.startswith("Date Amount")]
            for count in (1, 2, 3):
                assert tail[-count:] != head[:count], (tail[-count:], head[:count])


def test_the_episode_report_shows_no_internal_id(pdfs: dict[str, Pdf]) -> None:
    episode = pdfs["episode"]
    episode_id = pdfs["episode-id"].pages[0]
    assert not UUID.search(episode.text)
    assert episode_id not in episode.text
    assert f"ref. {episode_id[:8]}" in episode.flat()  # a short reference in the footer
    assert episode.flat().count("not encrypted") == 1
    assert "before estimated ovulation" in episode.flat() or "after estimated" in episode.flat()
    assert "Days from ovulation" not in episode.text


# --------------------------------------------------------------------------- ranges


def test_a_visit_logged_today_does_not_empty_the_default_range(demo: JournalData) -> None:
    today_visit = JournalData(
        **{
            **{f: getattr(demo, f) for f in demo.__dataclass_fields__},
            "appointments": (*demo.appointments, Appointment(TODAY, "GP", "this visit")),
        }
    )
    start, end = default_range(today_visit, TODAY)
    assert start < TODAY and end == TODAY
    assert start == max(a.date for a in demo.appointments if a.date < TODAY)
    summary = appointment_summary(today_visit, Explainer(today_visit), start, end, TODAY)
    assert summary.figures.episodes > 0


# --------------------------------------------------------------------------- questions

PERIODS = tuple(Period(date(2026, m, 1), date(2026, m, 4)) for m in range(5, 12))


def _journal(
    *,
    stage: LifeStage = LifeStage.REPRODUCTIVE,
    method: Contraception = Contraception.CONDOMS,
    episodes: tuple[Episode, ...] = (),
    screening: date | None = date(2025, 6, 1),
) -> JournalData:
    return JournalData(
        context=(ContextEntry(date(2024, 1, 1), stage, method, False),),
        screenings=(
            (Screening(ScreeningKind.CERVICAL_SCREENING, screening, ScreeningResult.NORMAL),)
            if screening
            else ()
        ),
        periods=PERIODS if stage is not LifeStage.POSTMENOPAUSE else (),
        episodes=episodes or (Episode("e", datetime(2026, 9, 12, 8, 0), Amount.SPOTTING),),
    )


def _questions(data: JournalData) -> str:
    summary = appointment_summary(data, Explainer(data), date(2026, 6, 1), TODAY, TODAY)
    return "\n".join(summary.questions)


def test_questions_only_for_what_was_found() -> None:
    plain = _questions(_journal())
    assert plain == ""  # one spotting episode, screening up to date: nothing to ask


def test_question_after_sex() -> None:
    after_sex = Episode("s", datetime(2026, 9, 12), Amount.LIGHT, trigger=Trigger.INTERCOURSE)
    assert "after sex once" in _questions(_journal(episodes=(after_sex,)))
    assert "after sex" not in _questions(_journal())


def test_question_after_menopause() -> None:
    assert "after menopause" in _questions(_journal(stage=LifeStage.POSTMENOPAUSE))
    assert "after menopause" not in _questions(_journal())


def test_question_in_pregnancy() -> None:
    assert "while pregnant" in _questions(_journal(stage=LifeStage.PREGNANT))
    assert "pregnant" not in _questions(_journal())


def test_question_with_an_iud() -> None:
    assert "copper IUD" in _questions(_journal(method=Contraception.COPPER_IUD))
    assert "IUD" not in _questions(_journal())


def test_question_for_long_bleeding() -> None:
    long = Episode("l", date(2026, 9, 10), Amount.LIGHT, ended_at=date(2026, 9, 19))
    assert "lasted 10 days" in _questions(_journal(episodes=(long,)))
    assert "lasted" not in _questions(_journal())


def test_question_for_overdue_screening_never_asks_what_is_known() -> None:
    overdue = _questions(_journal(screening=date(2022, 3, 1)))
    assert "1 March 2022, more than 3 years ago" in overdue
    assert "No cervical screening is logged" in _questions(_journal(screening=None))
    assert "screening" not in _questions(_journal())  # up to date: not asked


def test_a_long_table_breaks_between_rows_and_repeats_its_header(
    tmp_path: Path, qapp: object
) -> None:
    from journal.services.demo import synthetic_data

    data = synthetic_data(150, TODAY, years=1.0)
    summary = appointment_summary(data, Explainer(data), months_before(TODAY, 12), TODAY, TODAY)
    target = tmp_path / "long.pdf"
    write_pdf(build_document(summary), target)
    pdf = read_pdf(target)
    pages = [" ".join(page.split()) for page in pdf.pages]
    # Pages holding rows of the table (the synthetic notes appear nowhere else).
    table_pages = [page for page in pages if "stressed week" in page or "long run" in page]
    assert len(table_pages) >= 2
    for page in table_pages[1:]:
        assert page.startswith("Date Amount Colour What came before")
    # Every episode's row is printed exactly once, whole (its date and its cycle cell).
    rows = sum(page.count("Tired, stressed week.") for page in pages)
    assert rows == sum(1 for e in data.episodes if e.notes.startswith("Tired, stressed"))


def test_page_one_lists_triage_findings_by_reason_with_dates_and_the_new_context(
    tmp_path: Path, qapp: object
) -> None:
    after_sex = [date(2026, 8, 3), date(2026, 8, 27), date(2026, 10, 9), date(2026, 11, 18)]
    data = JournalData(
        context=(ContextEntry(date(2024, 1, 1), LifeStage.REPRODUCTIVE, Contraception.CONDOMS),),
        periods=tuple(Period(date(2026, m, 20), date(2026, m, 24)) for m in range(6, 12)),
        episodes=(
            *(
                Episode(
                    f"s{i}",
                    datetime.combine(day, datetime.min.time()),
                    Amount.SPOTTING,
                    trigger=Trigger.INTERCOURSE,
                )
                for i, day in enumerate(after_sex)
            ),
            Episode(
                "f", datetime(2026, 9, 12, 8, 0), Amount.LIGHT, symptoms=frozenset({Symptom.FEVER})
            ),
        ),
        medications=(Medication(MedicationName.ANTICOAGULANT, date(2026, 7, 1)),),
        pregnancy_tests=(PregnancyTest(date(2026, 9, 14), PregnancyTestResult.NEGATIVE),),
        profile=Profile(birth_year=1990, name="Alex Example"),
    )
    summary = appointment_summary(data, Explainer(data), date(2026, 7, 1), TODAY, TODAY)
    write_pdf(build_document(summary), tmp_path / "summary.pdf")
    first = read_pdf(tmp_path / "summary.pdf").flat(0)
    attention = first.split("What needs attention", 1)[1].split("Context", 1)[0]
    # Grouped by triage reason, most pressing level first, the level in words.
    assert attention.index("[Urgent] bleeding with fever — once: 12 Sep") < attention.index(
        "[See a provider] bleeding after sex — 4 times: 3 Aug, 27 Aug, 9 Oct, 18 Nov"
    )
    assert attention.count("bleeding after sex —") == 1
    # The context holds the age, the medicines and the pregnancy tests; no name unasked.
    assert "Age 36 on 22 Nov 2026" in first
    assert "Medications Anticoagulant (blood thinner), since 1 Jul 2026" in first
    assert "Pregnancy tests Negative, 14 Sep 2026" in first
    assert "Alex Example" not in first
