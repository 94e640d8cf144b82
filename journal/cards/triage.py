"""Triage: what to do now about one episode. The safety net, decided before any card.

``triage(situation, today)`` is a pure function of the same inputs as the card matcher (the
episode, its cycle context with the derived ``pregnancy`` and ``age``, the context in force
on its date, its history) plus ``today``, so that an ``ongoing`` episode's length counts up
to now. It returns one ``Triage``: a level (``urgent``, ``see-provider``, ``check`` or
``none``), one timing sentence and every reason that fired.

How the result is put together:

* every row of ``ROWS`` is checked, and each one that holds gives a ``Reason`` (its row id,
  level, timing and a plain-language text);
* the level is the highest level among the reasons (``none`` when no row holds);
* the timing is the most pressing timing among the reasons (``Timing.rank``): emergency
  care now beats "today", which beats "in the next days", which beats "within two weeks";
* every reason is listed, most pressing first.

Why the table is code, not data like the cards: the cards are content (what a card says,
when it is a likely explanation) and a card file may be edited by someone writing text.
Triage is the safety net: its rows read derived facts (pregnancy, an ongoing episode's
length up to today, months on a medicine, an age) that the card rule language does not
have, and a mistyped value in a data file must never silently drop a red flag. As code,
every row is type-checked and named, and ``tests/cards/test_triage.py`` holds each row of
the spec's triage table with a case that fires it and a near case that does not.

Rules of writing a row:

* no row depends on the amount alone, except ``very-heavy`` (soaking a pad an hour is itself
  the red flag); a red-flag sign with spotting is still a red flag;
* a reason never states as fact what was not logged ("no contraception is logged");
* rows may add to the spec's table (what a careful clinician would), never weaken it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from journal.cards.rules import Situation, join_words, ordinal, phrase, pregnancy_of, span
from journal.domain.dates import DATES
from journal.domain.vocabulary import (
    HORMONAL_METHODS,
    Amount,
    LifeStage,
    MedicationName,
    Pain,
    Phase,
    Pregnancy,
    Severity,
    Symptom,
)


class TriageLevel(StrEnum):
    """How pressing an episode is; ``rank`` orders them (none 0 … urgent 3)."""

    NONE = "none"
    CHECK = "check"
    SEE_PROVIDER = "see-provider"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _LEVEL_RANKS[self]

    @property
    def severity(self) -> Severity:
        """The card severity that looks the same (``none`` looks like ``info``)."""
        return Severity.INFO if self is TriageLevel.NONE else Severity(self.value)

    @property
    def words(self) -> str:
        """The level in words, for the triage line (never colour alone)."""
        return _LEVEL_WORDS[self]


_LEVEL_RANKS = {level: index for index, level in enumerate(TriageLevel)}
_LEVEL_WORDS = {
    TriageLevel.URGENT: "Urgent",
    TriageLevel.SEE_PROVIDER: "See a provider",
    TriageLevel.CHECK: "Worth a check",
    TriageLevel.NONE: "No warning sign logged",
}


@dataclass(frozen=True, slots=True)
class Timing:
    """When to act; a higher ``rank`` is more pressing."""

    rank: int
    text: str


NOW = Timing(100, "Now: emergency care. Call your local emergency number.")
TODAY_PREGNANCY = Timing(
    92,
    "Today: get seen today. Call your early pregnancy unit or maternity unit, or go to an "
    "emergency department.",
)
TODAY_AFTER_BIRTH = Timing(
    91,
    "Today: get seen today. Call your midwife or maternity unit, or go to an emergency department.",
)
TODAY = Timing(
    90,
    "Today: get seen today, by your doctor's same-day or out-of-hours service, or at an "
    "emergency department.",
)
TODAY_MIDWIFE = Timing(80, "Today: call your midwife, maternity unit or early pregnancy unit.")
TODAY_TEST = Timing(
    79,
    "Today: take a pregnancy test; if it is positive, call the early pregnancy unit or your "
    "midwife.",
)
SOON = Timing(60, "Soon: book an appointment in the next days.")
SOON_AFTER_MENOPAUSE = Timing(59, "Soon: book an appointment within two weeks.")
NEXT_VISIT = Timing(30, "At your next visit: mention it to your doctor or nurse.")
NOTHING_PRESSING = Timing(
    0,
    "Nothing you logged needs a visit by itself. Get checked if the bleeding gets heavier, "
    "lasts more than a week, keeps coming back, or comes with pain, fever or dizziness, or "
    "whenever you are worried.",
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One triage row that fired: which row, how pressing, and what to tell the person."""

    row: str
    level: TriageLevel
    timing: Timing
    text: str
    pregnancy: bool = False  # pregnancy is involved: the pregnancy card shows beside it


@dataclass(frozen=True, slots=True)
class Triage:
    """The triage of one episode: the level, the timing sentence and every reason."""

    level: TriageLevel
    timing: str
    fired: tuple[Reason, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.fired)

    @property
    def rows(self) -> tuple[str, ...]:
        """The ids of the rows that fired (for tests and reports)."""
        return tuple(reason.row for reason in self.fired)

    def reasons_at(self, level: TriageLevel) -> tuple[str, ...]:
        return tuple(reason.text for reason in self.fired if reason.level is level)

    @property
    def involves_pregnancy(self) -> bool:
        return any(reason.pregnancy for reason in self.fired)

    @property
    def headline(self) -> str:
        """The one-line summary: level in words, then the timing."""
        return f"{self.level.words}. {self.timing}"

    def to_json(self) -> dict[str, object]:
        """``{"level", "timing", "reasons"}``, as ``show --json`` prints it."""
        return {"level": self.level.value, "timing": self.timing, "reasons": list(self.reasons)}


# --------------------------------------------------------------------------- the facts


@dataclass(frozen=True, slots=True)
class Signs:
    """What the rows read, worked out once from a situation and today's date."""

    situation: Situation
    today: date

    @property
    def episode_amount(self) -> Amount:
        return self.situation.episode.amount

    @property
    def heavy(self) -> bool:
        return self.episode_amount in (Amount.HEAVY, Amount.VERY_HEAVY)

    @property
    def moderate_or_more(self) -> bool:
        return self.episode_amount.rank >= Amount.MODERATE.rank

    def has(self, symptom: Symptom) -> bool:
        return symptom in self.situation.episode.symptoms

    @property
    def pain(self) -> Pain:
        return self.situation.episode.pain

    @property
    def outside_period(self) -> bool:
        return not self.situation.cycle.in_period

    @property
    def pregnancy(self) -> Pregnancy:
        return pregnancy_of(self.situation)

    @property
    def pregnant_or_possible(self) -> bool:
        return self.pregnancy in (Pregnancy.PREGNANT, Pregnancy.POSSIBLE)

    @property
    def pregnancy_words(self) -> str:
        if self.pregnancy is Pregnancy.PREGNANT:
            return "in pregnancy"
        return "when your period is late and a pregnancy is possible"

    @property
    def after_birth(self) -> bool:
        return (
            self.pregnancy is Pregnancy.POSTPARTUM
            or self.situation.context.life_stage is LifeStage.POSTPARTUM
        )

    @property
    def after_birth_words(self) -> str:
        birth = self.situation.context.last_birth
        if birth is None:
            return "after a birth"
        days = (self.situation.episode.day - birth).days
        return f"{span(days)} after a birth" if days >= 1 else "after a birth"

    @property
    def lasting_days(self) -> int:
        return self.situation.episode.lasting_days(self.today)

    @property
    def last_day(self) -> date:
        return self.situation.episode.day + timedelta(days=self.lasting_days - 1)

    def on(self, name: MedicationName) -> bool:
        return self.situation.context.on_medication(name)


Check = Callable[[Signs], str | None]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the triage table: its id, level, timing, and the test giving its reason."""

    id: str
    level: TriageLevel
    timing: Timing
    check: Check
    pregnancy: bool = False


# --------------------------------------------------------------------------- the rows
# Each check returns the reason text when its row holds, else None.


def _very_heavy(s: Signs) -> str | None:
    if s.episode_amount is Amount.VERY_HEAVY:
        return "very heavy bleeding (soaking a pad or tampon in an hour or less)"
    return None


def _fainting(s: Signs) -> str | None:
    return "you logged fainting" if s.has(Symptom.FAINTING) else None


def _heavy_with_dizziness(s: Signs) -> str | None:
    if s.heavy and s.has(Symptom.DIZZINESS):
        return f"{phrase(s.episode_amount)} bleeding with dizziness"
    return None


def _pregnancy_danger(s: Signs) -> str | None:
    if not s.pregnant_or_possible:
        return None
    signs = []
    if s.pain is Pain.SEVERE:
        signs.append("severe pain")
    if s.has(Symptom.FAINTING):
        signs.append("fainting")
    if s.has(Symptom.DIZZINESS):
        signs.append("dizziness")
    if not signs:
        return None
    return (
        f"{join_words(signs)} with bleeding {s.pregnancy_words}: a pregnancy outside the womb "
        "(ectopic) or a miscarriage must be ruled out straight away"
    )


def _fever(s: Signs) -> str | None:
    return "bleeding with a fever" if s.has(Symptom.FEVER) else None


def _severe_pain(s: Signs) -> str | None:
    return "bleeding with severe pain" if s.pain is Pain.SEVERE else None


def _dizziness(s: Signs) -> str | None:
    return "bleeding with dizziness" if s.has(Symptom.DIZZINESS) else None


def _pregnancy_warning(s: Signs) -> str | None:
    if not s.pregnant_or_possible:
        return None
    signs = []
    if s.pain is Pain.MODERATE:  # severe pain is the emergency row above
        signs.append("moderate pain")
    if s.has(Symptom.PELVIC_PAIN):
        signs.append("pelvic pain")
    if s.has(Symptom.CRAMPS):
        signs.append("cramps")
    if s.moderate_or_more:
        signs.append(f"{phrase(s.episode_amount)} bleeding")
    if s.has(Symptom.CLOTS):  # beyond the spec's table: clots mean more than spotting
        signs.append("clots")
    if not signs:
        return None
    return f"{join_words(signs)} {s.pregnancy_words}"


def _after_birth_warning(s: Signs) -> str | None:
    if not s.after_birth:
        return None
    signs = []
    if s.heavy:
        signs.append(f"{phrase(s.episode_amount)} bleeding")
    if s.has(Symptom.CLOTS):
        signs.append("clots")
    if s.has(Symptom.FEVER):
        signs.append("a fever")
    if s.has(Symptom.ODOUR):
        signs.append("a bad smell")
    # Beyond the spec's table: pain that is more than mild after a birth (infection of the
    # womb, retained tissue) is a warning sign too.
    if s.pain in (Pain.MODERATE, Pain.SEVERE) or s.has(Symptom.PELVIC_PAIN):
        signs.append("pain in the belly or pelvis")
    if not signs:
        return None
    return f"{join_words(signs)} {s.after_birth_words}"


def _outside_period(sign: Callable[[Signs], bool], reason: str) -> Callable[[Signs], str | None]:
    """A row that gives ``reason`` when ``sign`` is seen in an episode outside a period."""
    return lambda s: reason if sign(s) and s.outside_period else None


_heavy_with_clots = _outside_period(
    lambda s: s.heavy and s.has(Symptom.CLOTS), "heavy bleeding with clots, outside a period"
)


def _heavy_on_anticoagulant(s: Signs) -> str | None:
    # Beyond the spec's table: heavy bleeding on a blood thinner needs same-day assessment.
    if s.heavy and s.on(MedicationName.ANTICOAGULANT):
        return f"{phrase(s.episode_amount)} bleeding while on a blood thinner (anticoagulant)"
    return None


def _pregnant(s: Signs) -> str | None:
    return "bleeding in pregnancy" if s.pregnancy is Pregnancy.PREGNANT else None


def _possibly_pregnant(s: Signs) -> str | None:
    if s.pregnancy is not Pregnancy.POSSIBLE:
        return None
    late = s.situation.cycle.days_late
    when = f"your period is {round(late)} days late" if late is not None else "your period is late"
    return f"bleeding when {when} and a pregnancy is possible"


_after_sex = _outside_period(
    lambda s: s.situation.episode.after_sex, "bleeding after sex, outside a period"
)


_pain_during_sex = _outside_period(
    lambda s: s.has(Symptom.PAIN_DURING_SEX), "pain during sex with bleeding, outside a period"
)


def _after_menopause(s: Signs) -> str | None:
    if s.situation.context.life_stage is LifeStage.POSTMENOPAUSE:
        return "bleeding after menopause"
    return None


def _on_tamoxifen(s: Signs) -> str | None:
    return "bleeding while taking tamoxifen" if s.on(MedicationName.TAMOXIFEN) else None


def _continuous_hrt(s: Signs) -> str | None:
    since = s.situation.context.medication_since(MedicationName.HRT_CONTINUOUS)
    if since is None:
        return None
    days = (s.situation.episode.day - since).days
    if days < 183:
        return None
    return f"bleeding on continuous HRT after its first six months ({span(days)} on it)"


_heavy_outside = _outside_period(lambda s: s.heavy, "heavy bleeding outside a period")


def _long(s: Signs) -> str | None:
    days = s.lasting_days
    if days <= 7:
        return None
    if s.situation.episode.ongoing:
        return f"still bleeding after {days} days, more than a week"
    return f"it lasted {days} days, more than a week"


def _frequent_in_cycle(s: Signs) -> str | None:
    if not s.outside_period:
        return None
    count = s.situation.history.outside_period_in_cycle()
    return f"the {ordinal(count)} episode outside a period in this cycle" if count >= 3 else None


def _frequent_in_30_days(s: Signs) -> str | None:
    if not s.outside_period:
        return None
    count = s.situation.history.outside_period_within(30)
    return f"{count} episodes outside a period in 30 days" if count >= 3 else None


_PHASE_WORDS = {
    Phase.FOLLICULAR: "after the period, before ovulation",
    Phase.OVULATORY: "around ovulation",
    Phase.LUTEAL: "after ovulation, before the period",
}


def _same_phase(s: Signs) -> str | None:
    phase = s.situation.cycle.phase
    # In pregnancy the cycle has stopped: the pregnancy rows speak instead.
    if not s.outside_period or phase not in _PHASE_WORDS or s.pregnant_or_possible:
        return None
    cycles = s.situation.history.same_phase_cycles(s.situation.cycle)
    if cycles < 3:
        return None
    return (
        f"bleeding between periods at the same point of the cycle ({_PHASE_WORDS[phase]}) "
        f"in {cycles} cycles"
    )


def _midlife(s: Signs) -> str | None:
    if not s.outside_period:
        return None
    age = s.situation.cycle.age if s.situation.cycle.age is not None else s.situation.context.age
    if age is not None and age >= 45:
        return f"bleeding between periods at age {age}"
    if s.situation.context.life_stage is LifeStage.PERIMENOPAUSE:
        return "bleeding between periods in perimenopause"
    return None


_clots_between = _outside_period(
    lambda s: s.has(Symptom.CLOTS), "bleeding between periods with clots"
)


def _heavier(s: Signs) -> str | None:
    earlier = s.situation.history.earlier_outside_ranks(90)
    if len(earlier) >= 2 and s.episode_amount.rank > max(earlier):
        return f"heavier than the {len(earlier)} episodes before it in the last 90 days"
    return None


def _pelvic_infection(s: Signs) -> str | None:
    # Beyond the spec's table: pelvic pain with discharge or a smell can be an infection
    # spreading upwards, which needs treating within days (a fever makes it urgent above).
    if s.has(Symptom.PELVIC_PAIN) and (s.has(Symptom.UNUSUAL_DISCHARGE) or s.has(Symptom.ODOUR)):
        return "pelvic pain with unusual discharge or odour, which can mean an infection"
    return None


def _new_on_method(s: Signs) -> str | None:
    context = s.situation.context
    method, since = context.contraception, context.contraception_since
    if method not in HORMONAL_METHODS or since is None or not s.outside_period:
        return None
    days = (s.situation.episode.day - since).days
    if days <= 90 or s.situation.history.earlier_outside_ranks(90):
        return None
    return (
        f"new bleeding between periods after {span(days)} on {phrase(method)}, with none "
        "logged in the 3 months before"
    )


_on_anticoagulant = _outside_period(
    lambda s: s.on(MedicationName.ANTICOAGULANT),
    "bleeding between periods while on a blood thinner (anticoagulant)",
)


def _after_emergency_contraception(s: Signs) -> str | None:
    taken = s.situation.context.last_emergency_contraception
    start = s.situation.episode.day
    if taken is None or not taken <= start <= taken + timedelta(days=21):
        return None
    if (s.last_day - taken).days < 7:
        return None
    return (
        f"bleeding since emergency contraception on {DATES.long(taken)} has not stopped "
        "within a week"
    )


U, P, C = TriageLevel.URGENT, TriageLevel.SEE_PROVIDER, TriageLevel.CHECK

#: The triage table, in the spec's order; rows marked "beyond the spec" add to it.
ROWS: tuple[Row, ...] = (
    # urgent, now: emergency care
    Row("very-heavy", U, NOW, _very_heavy),
    Row("fainting", U, NOW, _fainting),
    Row("heavy-with-dizziness", U, NOW, _heavy_with_dizziness),
    Row("pregnancy-danger", U, NOW, _pregnancy_danger, pregnancy=True),
    # urgent, today
    Row("fever", U, TODAY, _fever),
    Row("severe-pain", U, TODAY, _severe_pain),
    Row("dizziness", U, TODAY, _dizziness),
    Row("pregnancy-warning", U, TODAY_PREGNANCY, _pregnancy_warning, pregnancy=True),
    Row("after-birth-warning", U, TODAY_AFTER_BIRTH, _after_birth_warning),
    Row("heavy-with-clots", U, TODAY, _heavy_with_clots),
    Row("heavy-on-anticoagulant", U, TODAY, _heavy_on_anticoagulant),
    # see a provider, today (only when no pregnancy row above fired: "any other bleeding")
    Row("pregnant", P, TODAY_MIDWIFE, _pregnant, pregnancy=True),
    Row("possibly-pregnant", P, TODAY_TEST, _possibly_pregnant, pregnancy=True),
    # see a provider, soon
    Row("after-sex", P, SOON, _after_sex),
    Row("pain-during-sex", P, SOON, _pain_during_sex),
    Row("after-menopause", P, SOON_AFTER_MENOPAUSE, _after_menopause),
    Row("tamoxifen", P, SOON, _on_tamoxifen),
    Row("continuous-hrt", P, SOON, _continuous_hrt),
    Row("heavy-outside-period", P, SOON, _heavy_outside),
    Row("lasting", P, SOON, _long),
    Row("frequent-in-cycle", P, SOON, _frequent_in_cycle),
    Row("frequent-in-30-days", P, SOON, _frequent_in_30_days),
    Row("same-phase", P, SOON, _same_phase),
    Row("midlife", P, SOON, _midlife),
    Row("clots-between-periods", P, SOON, _clots_between),
    Row("heavier", P, SOON, _heavier),
    Row("pelvic-infection", P, SOON, _pelvic_infection),
    # worth a check at the next visit
    Row("new-on-method", C, NEXT_VISIT, _new_on_method),
    Row("anticoagulant", C, NEXT_VISIT, _on_anticoagulant),
    Row("after-emergency-contraception", C, NEXT_VISIT, _after_emergency_contraception),
)

_PREGNANCY_URGENT = frozenset({"pregnancy-danger", "pregnancy-warning"})
_PREGNANCY_OTHER = frozenset({"pregnant", "possibly-pregnant"})


def triage(situation: Situation, today: date, see_provider_patterns: Iterable[str] = ()) -> Triage:
    """The triage of ``situation``; ``today`` ends an ongoing episode.

    ``see_provider_patterns`` are reasons from history patterns that call for a visit
    (bleeding after sex keeps coming back, episodes getting more frequent or heavier):
    they are listed as see-provider reasons, so the triage line and the "Get this bleeding
    checked" card always agree.
    """
    signs = Signs(situation, today)
    fired: list[Reason] = []
    for row in ROWS:
        if row.id in _PREGNANCY_OTHER and any(r.row in _PREGNANCY_URGENT for r in fired):
            continue
        text = row.check(signs)
        if text is not None:
            fired.append(Reason(row.id, row.level, row.timing, text, row.pregnancy))
    for text in see_provider_patterns:
        if all(r.text != text for r in fired):
            fired.append(Reason("pattern", P, SOON, text))
    return summarise(fired)


def summarise(fired: Sequence[Reason]) -> Triage:
    """Highest level, most pressing timing, every reason (most pressing first)."""
    if not fired:
        return Triage(TriageLevel.NONE, NOTHING_PRESSING.text, ())
    ordered = sorted(fired, key=lambda r: (-r.level.rank, -r.timing.rank))
    level = ordered[0].level
    timing = max(fired, key=lambda r: r.timing.rank).timing
    return Triage(level, timing.text, tuple(ordered))


__all__ = [
    "NOTHING_PRESSING",
    "ROWS",
    "Reason",
    "Row",
    "Timing",
    "Triage",
    "TriageLevel",
    "summarise",
    "triage",
]
