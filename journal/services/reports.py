"""The report use cases: build an episode report or appointment summary and save it as PDF.

Qt is imported only inside the functions (never at module import), so the CLI and the
services stay importable without it until a report is actually asked for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from journal import clock

if TYPE_CHECKING:
    from journal.reports.content import AppointmentSummary, EpisodeReport
    from journal.services.journal_service import JournalService


def episode_report_for(service: JournalService, episode_id: str) -> EpisodeReport:
    """The episode report model for one episode of the open journal."""
    from journal.reports.content import episode_report

    return episode_report(service.explain(episode_id), service.data(), clock.today())


def summary_for(
    service: JournalService,
    start: date | None = None,
    end: date | None = None,
    *,
    name: str | None = None,
    with_explanations: bool = False,
) -> AppointmentSummary:
    """The appointment summary; a missing end is today, a missing start the default range's
    (since the most recent visit before today, else the last 6 months). ``name`` is printed
    only when given; the cards' explanations are an appendix only ``with_explanations``."""
    from journal.reports.content import appointment_summary, default_range

    today = clock.today()
    data = service.data()
    default_start, default_end = default_range(data, today)
    return appointment_summary(
        data,
        service.explainer(),
        start if start is not None else default_start,
        end if end is not None else default_end,
        today,
        name=name,
        with_explanations=with_explanations,
    )


def default_range_words(service: JournalService) -> str:
    """The range the summary uses by default, in words, for the dialog."""
    from journal.reports.content import default_range_words as words

    return words(service.data(), clock.today())


def write_report(
    service: JournalService,
    output: Path,
    episode_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    *,
    name: str | None = None,
    with_explanations: bool = False,
) -> None:
    """Write an episode report (``episode_id``) or an appointment summary as a new PDF.

    Refuses to overwrite ``output``. Works without a display (Qt's offscreen platform).
    """
    from journal.reports import render

    service.refuse_output_name(output)
    report = (
        episode_report_for(service, episode_id)
        if episode_id is not None
        else summary_for(service, start, end, name=name, with_explanations=with_explanations)
    )
    render.write_pdf(render.build_document(report), output)
