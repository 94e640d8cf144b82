"""Every rule of ``save_x``/``delete_x`` on a real journal file: one sentence, nothing changed.

Each case logs what the rule needs first, then tries the refused change; the journal file
must be byte for byte what it was and the service must read back the same records. A case
fails when its rule is taken out of ``domain.validation`` (or the service stops calling it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.domain.dates import DATES
from journal.domain.errors import InvalidInput
from journal.domain.model import (
    NOTES_MAX,
    SHORT_TEXT_MAX,
    Appointment,
    Condition,
    ContextEntry,
    JournalData,
    Medication,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
)
from journal.domain.vocabulary import (
    ConditionName,
    Contraception,
    LifeStage,
    MedicationName,
    OvulationSignKind,
    PregnancyTestResult,
    ScreeningKind,
)
from journal.services import JournalService
from tests.helpers import PASSPHRASE, file_digest

TODAY = date(2026, 11, 22)  # the pinned clock's day
AHEAD = TODAY + timedelta(days=1)

PERIOD = Period(date(2026, 10, 1), date(2026, 10, 5))
CONTEXT = ContextEntry(date(2025, 1, 1), LifeStage.REPRODUCTIVE, Contraception.RING)
CONDITION = Condition(ConditionName.PCOS, date(2020, 1, 1))
SCREENING = Screening(ScreeningKind.CERVICAL_SCREENING, date(2026, 3, 1))
SIGN = OvulationSign(date(2026, 10, 16), OvulationSignKind.PEAK_MUCUS)
VISIT = Appointment(date(2026, 2, 10), "GP", "bring notes")
TEST = PregnancyTest(date(2026, 10, 20), PregnancyTestResult.NEGATIVE)
MEDICATION = Medication(MedicationName.TAMOXIFEN, date(2025, 6, 1))


def _log_one_of_each(service: JournalService) -> None:
    service.save_period(PERIOD)
    service.save_context(CONTEXT)
    service.save_condition(CONDITION)
    service.save_screening(SCREENING)
    service.save_ovulation_sign(SIGN)
    service.save_appointment(VISIT)
    service.save_pregnancy_test(TEST)
    service.save_medication(MEDICATION)
    service.save_profile(Profile(birth_year=1985))


Change = Callable[[JournalService], object]

REFUSED: list[tuple[str, Change, str]] = [
    # periods
    (
        "period ends before it starts",
        lambda s: s.save_period(Period(date(2026, 11, 10), date(2026, 11, 9))),
        "'end': is before the start",
    ),
    (
        "period longer than 31 days",
        lambda s: s.save_period(Period(date(2026, 8, 1), date(2026, 9, 1))),
        "'end': makes the period longer than 31 days",
    ),
    ("period starts tomorrow", lambda s: s.save_period(Period(AHEAD)), "'start': is in the future"),
    (
        "period overlaps a logged one",
        lambda s: s.save_period(Period(date(2026, 10, 5), date(2026, 10, 8))),
        "'start': overlaps the period logged from 2026-10-01",
    ),
    (
        "an edit moves a period onto another",
        lambda s: s.save_period(
            Period(date(2026, 9, 28), date(2026, 10, 2)), replacing=Period(date(2026, 9, 1))
        ),
        "'start': overlaps the period logged from 2026-10-01",
    ),
    # context: one entry a day
    (
        "context from tomorrow",
        lambda s: s.save_context(ContextEntry(AHEAD)),
        "'since': is in the future",
    ),
    (
        "a second context entry on a taken day",
        lambda s: s.save_context(ContextEntry(date(2025, 1, 1), trying_to_conceive=True)),
        f"'since': is taken: there is already context from {DATES.short(date(2025, 1, 1))}",
    ),
    (
        "an edit moves a context entry onto a taken day",
        lambda s: s.save_context(
            ContextEntry(date(2025, 1, 1)), replacing=ContextEntry(date(2024, 1, 1))
        ),
        f"'since': is taken: there is already context from {DATES.short(date(2025, 1, 1))}",
    ),
    # the dated records
    (
        "condition from tomorrow",
        lambda s: s.save_condition(Condition(ConditionName.FIBROIDS, AHEAD)),
        "'since': is in the future",
    ),
    (
        "screening tomorrow",
        lambda s: s.save_screening(Screening(ScreeningKind.STI_TEST, AHEAD)),
        "'date': is in the future",
    ),
    (
        "ovulation sign tomorrow",
        lambda s: s.save_ovulation_sign(OvulationSign(AHEAD, OvulationSignKind.PEAK_MUCUS)),
        "'date': is in the future",
    ),
    (
        "pregnancy test tomorrow",
        lambda s: s.save_pregnancy_test(PregnancyTest(AHEAD, PregnancyTestResult.NEGATIVE)),
        "'date': is in the future",
    ),
    (
        "medication from tomorrow",
        lambda s: s.save_medication(Medication(MedicationName.HRT_CONTINUOUS, AHEAD)),
        "'since': is in the future",
    ),
    (
        "medication until tomorrow",
        lambda s: s.save_medication(
            Medication(MedicationName.HRT_CONTINUOUS, date(2026, 1, 1), AHEAD)
        ),
        "'until': is in the future",
    ),
    (
        "medication stopped before it started",
        lambda s: s.save_medication(
            Medication(MedicationName.HRT_CONTINUOUS, date(2026, 1, 2), date(2026, 1, 1))
        ),
        "'until': is before the start (since)",
    ),
    # appointment texts (appointments themselves may lie ahead)
    (
        "appointment notes too long",
        lambda s: s.save_appointment(Appointment(AHEAD, "GP", "n" * (NOTES_MAX + 1))),
        "'notes': is 10,001 characters long; at most 10,000 are allowed",
    ),
    (
        "appointment 'with' too long",
        lambda s: s.save_appointment(Appointment(AHEAD, "w" * (SHORT_TEXT_MAX + 1))),
        "'with': is 201 characters long; at most 200 are allowed",
    ),
    # profile
    (
        "an empty profile saved",
        lambda s: s.save_profile(Profile()),
        "'birth_year': is missing: give a year of birth or a name, or delete the profile",
    ),
    # the same record twice
    ("condition twice", lambda s: s.save_condition(CONDITION), "'record': is already in"),
    ("screening twice", lambda s: s.save_screening(SCREENING), "'record': is already in"),
    ("sign twice", lambda s: s.save_ovulation_sign(SIGN), "'record': is already in"),
    ("appointment twice", lambda s: s.save_appointment(VISIT), "'record': is already in"),
    ("pregnancy test twice", lambda s: s.save_pregnancy_test(TEST), "'record': is already in"),
    ("medication twice", lambda s: s.save_medication(MEDICATION), "'record': is already in"),
    ("period twice", lambda s: s.save_period(PERIOD), "'record': is already in"),
    ("context twice", lambda s: s.save_context(CONTEXT), "'record': is already in"),
    # records that are not there
    (
        "an edit of a period not logged",
        lambda s: s.save_period(Period(date(2026, 11, 1)), replacing=Period(date(2026, 9, 1))),
        "'record': was not found",
    ),
    (
        "an edit of a condition not logged",
        lambda s: s.save_condition(
            Condition(ConditionName.FIBROIDS, date(2021, 1, 1)),
            replacing=Condition(ConditionName.FIBROIDS, date(2020, 1, 1)),
        ),
        "'record': was not found",
    ),
    ("delete a period not logged", lambda s: s.delete_period(Period(date(2026, 9, 1))), "'record'"),
    (
        "delete context not logged",
        lambda s: s.delete_context(ContextEntry(date(2024, 1, 1))),
        "'record': was not found",
    ),
    (
        "delete a screening not logged",
        lambda s: s.delete_screening(Screening(ScreeningKind.STI_TEST, date(2026, 1, 1))),
        "'record': was not found",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_a_refused_change_says_why_and_leaves_the_journal_as_it_was(
    service: JournalService, journal_path: Path, change: Change, message: str
) -> None:
    _log_one_of_each(service)
    before = service.data()
    digest = file_digest(journal_path)
    with pytest.raises(InvalidInput) as caught:
        change(service)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert file_digest(journal_path) == digest
    assert service.data() == before


def test_every_kind_is_edited_and_deleted_in_the_same_shape(service: JournalService) -> None:
    _log_one_of_each(service)
    edits: list[tuple[object, object]] = [
        (PERIOD, Period(PERIOD.start, date(2026, 10, 7))),  # overlaps only itself
        (CONTEXT, ContextEntry(CONTEXT.since, trying_to_conceive=True)),  # its own day
        (CONDITION, Condition(ConditionName.PCOS, date(2019, 1, 1))),
        (SCREENING, Screening(ScreeningKind.CERVICAL_SCREENING, date(2026, 3, 2))),
        (SIGN, OvulationSign(date(2026, 10, 17), OvulationSignKind.PEAK_MUCUS)),
        (VISIT, Appointment(VISIT.date, "GP", "bring the list")),
        (TEST, PregnancyTest(TEST.date, PregnancyTestResult.POSITIVE)),
        (MEDICATION, Medication(MEDICATION.name, MEDICATION.since, date(2026, 6, 1))),
    ]
    for old, new in edits:
        _save(service, new, old)
    data = service.data()
    for _, new in edits:
        assert new in _records(data, new)
    for old, _ in edits:
        assert old not in _records(data, old)
    for _, new in edits:
        _delete(service, new)
    service.delete_profile()
    assert service.data() == JournalData()
    service.close()
    reopened = JournalService.open(service.path, PASSPHRASE)
    try:
        assert reopened.data() == JournalData()
    finally:
        reopened.close()


def test_saving_a_record_unchanged_is_no_clash(service: JournalService) -> None:
    _log_one_of_each(service)
    before = service.data()
    for record in (PERIOD, CONTEXT, CONDITION, SCREENING, SIGN, VISIT, TEST, MEDICATION):
        _save(service, record, record)
    assert service.data() == before


def test_an_import_never_overwrites_the_context_of_a_logged_day(
    service: JournalService, journal_path: Path
) -> None:
    """Import merges: the same entry is skipped, a different one on a logged day refused."""
    _log_one_of_each(service)
    digest = file_digest(journal_path)
    document = service.export_json()
    document["context"] = [{"since": "2025-01-01", "life_stage": "breastfeeding"}]
    with pytest.raises(InvalidInput) as caught:
        service.import_data(document)
    assert str(caught.value) == (
        "context[0], field 'since': the journal already has different context from 2025-01-01"
    )
    assert file_digest(journal_path) == digest
    document["context"] = [{"since": "2025-01-01", "contraception": "ring"}]
    document["periods"] = []
    summary = service.import_data({**document, "episodes": []})
    assert summary.periods == 0
    assert service.data().context == (CONTEXT,)


@pytest.mark.parametrize(
    ("section", "item", "message"),
    [
        ("periods", {"start": "2026-11-23"}, "periods[0], field 'start': is in the future"),
        ("context", {"since": "2026-11-23"}, "context[0], field 'since': is in the future"),
        (
            "medications",
            {"name": "tamoxifen", "since": "2026-01-01", "until": "2026-11-23"},
            "medications[0], field 'until': is in the future",
        ),
        (
            "appointments",
            {"date": "2026-12-01", "notes": "n" * (NOTES_MAX + 1)},
            "appointments[0], field 'notes': is 10,001 characters long",
        ),
    ],
)
def test_an_import_keeps_the_same_rules_as_saving(
    service: JournalService, journal_path: Path, section: str, item: dict[str, str], message: str
) -> None:
    digest = file_digest(journal_path)
    document = service.export_json()
    document[section] = [item]
    with pytest.raises(InvalidInput) as caught:
        service.import_data(document)
    assert str(caught.value).startswith(message)
    assert file_digest(journal_path) == digest


def _records(data: JournalData, record: object) -> tuple[object, ...]:
    kinds: dict[type, tuple[object, ...]] = {
        Period: data.periods,
        ContextEntry: data.context,
        Condition: data.conditions,
        Screening: data.screenings,
        OvulationSign: data.ovulation_signs,
        Appointment: data.appointments,
        PregnancyTest: data.pregnancy_tests,
        Medication: data.medications,
    }
    return kinds[type(record)]


def _save(service: JournalService, record: object, replacing: object) -> None:
    """Call the kind's own ``save_x`` (the public, typed one) with ``replacing``."""
    name = {
        Period: "save_period",
        ContextEntry: "save_context",
        Condition: "save_condition",
        Screening: "save_screening",
        OvulationSign: "save_ovulation_sign",
        Appointment: "save_appointment",
        PregnancyTest: "save_pregnancy_test",
        Medication: "save_medication",
    }[type(record)]
    getattr(service, name)(record, replacing=replacing)


def _delete(service: JournalService, record: object) -> None:
    name = {
        Period: "delete_period",
        ContextEntry: "delete_context",
        Condition: "delete_condition",
        Screening: "delete_screening",
        OvulationSign: "delete_ovulation_sign",
        Appointment: "delete_appointment",
        PregnancyTest: "delete_pregnancy_test",
        Medication: "delete_medication",
    }[type(record)]
    getattr(service, name)(record)
