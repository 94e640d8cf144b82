"""The rule language of the explanation cards: what each key of a card's ``[rule]`` means.

A card file holds its rule as data; this module gives that data its meaning. A rule is::

    [rule]
    score = 40                   # base fit; boosts add to it, the ranking sorts by it
    accompanies = ["urgent"]     # optional: shown whenever a card of these severities is
    accompany_reason = "..."     #   shown ({matched} names those cards)

    [[rule.all]]                 # every one must hold
    [[rule.any]]                 # at least one per ``group`` (default group "main") must hold
    [[rule.none]]                # none may hold: the card is ruled out
    [[rule.boost]]               # each one that holds adds ``score`` and its reason

Each of those entries is a *condition*: a table of tests that must all hold, plus an
optional ``reason`` (a plain-language template, required on ``any`` and ``boost``
entries). Every condition that holds and has a reason adds it to the card's reasons, so
a shown card always says why. The tests are the ``PREDICATES`` below; templates may use
the facts of ``FACT_NAMES`` and what the condition's own tests provide (``{matched}``,
``{count}``, ``{ordinal}``).

Rules are checked when the card file is loaded: an unknown test, a value outside the
vocabulary or a template naming an unknown fact is a ``RuleError``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from journal.cards.history import History
from journal.domain import vocabulary as vocab
from journal.domain.cycle import CycleContext, OvulationSource
from journal.domain.errors import JournalError
from journal.domain.model import ContextOnDate, Episode
from journal.domain.vocabulary import Vocabulary


class RuleError(JournalError):
    """A card's rule data does not fit the rule language."""


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything a rule may read about one episode.

    ``today`` (from ``journal.clock``, passed in by the explainer) ends an ``ongoing``
    episode; without it an ongoing episode counts up to its start day only.
    """

    episode: Episode
    cycle: CycleContext
    context: ContextOnDate
    history: History
    today: date | None = None

    @property
    def lasting_days(self) -> int:
        """The episode's length in days; an ongoing one counts up to ``today``."""
        return self.episode.lasting_days(self.today or self.episode.day)


def pregnancy_of(s: Situation) -> vocab.Pregnancy:
    """The derived pregnancy of the episode's day; a logged ``pregnant`` life stage counts
    even where the cycle context was placed without the dated context."""
    if s.cycle.pregnancy is not None:
        return s.cycle.pregnancy
    if s.context.life_stage is vocab.LifeStage.PREGNANT:
        return vocab.Pregnancy.PREGNANT
    return vocab.Pregnancy.UNLIKELY


@dataclass(frozen=True, slots=True)
class Hit:
    """A test that held: which values matched, and numbers its reason may quote."""

    matched: tuple[str, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)


# --------------------------------------------------------------------------- phrases

_PHRASES: dict[str, str] = {
    "intercourse": "intercourse",
    "pelvic-exam": "a pelvic exam or Pap smear",
    "minor-injury": "a minor injury (a nail, tampon or toy)",
    "none": "nothing in particular",
    "other": "something else",
    "condoms": "condoms",
    "combined-pill": "the combined pill",
    "progestin-pill": "the progestin-only pill",
    "hormonal-iud": "a hormonal IUD",
    "copper-iud": "a copper IUD",
    "implant": "a contraceptive implant",
    "injection": "the contraceptive injection",
    "ring": "the vaginal ring",
    "patch": "the contraceptive patch",
    "reproductive": "in your reproductive years",
    "pregnant": "pregnant",
    "postpartum": "postpartum (after giving birth)",
    "breastfeeding": "breastfeeding",
    "perimenopause": "in perimenopause",
    "postmenopause": "postmenopausal",
}
_CONTRACEPTION_NONE = "no contraception"


def phrase(value: Vocabulary) -> str:
    """How a vocabulary value reads inside a sentence ("a hormonal IUD", "bright red")."""
    if isinstance(value, vocab.Contraception) and value is vocab.Contraception.NONE:
        return _CONTRACEPTION_NONE
    if value.value in _PHRASES:
        return _PHRASES[value.value]
    label = value.label
    # Lower-case the first letter unless the label starts with an acronym (PCOS, HPV).
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def join_words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def span(days: int) -> str:
    """A friendly length of time: "12 days", "5 weeks", "4 months", "6 years"."""
    if days < 28:
        return f"{days} day" + ("" if days == 1 else "s")
    if days < 61:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{round(days / 30.44)} months"
    return f"{int(days // 365.25)} years"


def _dpo_phrase(dpo: int | None) -> str:
    if dpo is None:
        return "at an unknown point of the cycle"
    if dpo == 0:
        return "on the estimated day of ovulation"
    if dpo < 0:
        return f"{-dpo} day{'s' if dpo < -1 else ''} before estimated ovulation"
    return f"day {dpo} past estimated ovulation"


# --------------------------------------------------------------------------- facts

FACT_NAMES = frozenset(
    {
        "amount",
        "colour",
        "mucus",
        "pain",
        "trigger",
        "life_stage",
        "contraception",
        "cycle_day",
        "dpo",
        "dpo_phrase",
        "days_since_period_end",
        "phase",
        "duration_days",
        "method_age",
        "screening_age",
        "screening_date",
        "screening_result",
        "days_late",
        "age",
    }
)


def situation_facts(s: Situation) -> dict[str, object]:
    """The facts any reason template may quote; unknown ones read "unknown"."""
    episode, cycle, context = s.episode, s.cycle, s.context
    screening = context.last_cervical_screening
    since = context.contraception_since
    facts: dict[str, object] = {
        "amount": phrase(episode.amount),
        "colour": phrase(episode.colour) if episode.colour else None,
        "mucus": phrase(episode.mucus),
        "pain": phrase(episode.pain),
        "trigger": phrase(episode.trigger),
        "life_stage": phrase(context.life_stage),
        "contraception": phrase(context.contraception),
        "cycle_day": cycle.cycle_day,
        "dpo": cycle.dpo,
        "dpo_phrase": _dpo_phrase(cycle.dpo),
        "days_since_period_end": cycle.days_since_period_end,
        "phase": cycle.phase.value if cycle.phase is not vocab.Phase.UNKNOWN else None,
        "duration_days": s.lasting_days,
        "method_age": span((episode.day - since).days) if since is not None else None,
        "screening_age": span((episode.day - screening.date).days) if screening else None,
        "screening_date": screening.date.isoformat() if screening else None,
        "screening_result": screening.result.value if screening else None,
        "days_late": round(cycle.days_late) if cycle.days_late is not None else None,
        "age": cycle.age if cycle.age is not None else context.age,
    }
    return {key: ("unknown" if value is None else value) for key, value in facts.items()}


# --------------------------------------------------------------------------- predicates

Test = Callable[[Situation, Any], Hit | None]
Parser = Callable[[object], object]


@dataclass(frozen=True, slots=True)
class Predicate:
    """One test a condition may use: how its parameter is read, and how it is checked."""

    parse: Parser
    test: Test
    provides: frozenset[str] = frozenset({"matched"})


def _choices(kind: type[Vocabulary]) -> Parser:
    def parse(value: object) -> object:
        if not isinstance(value, list) or not value:
            raise ValueError(f"expected a non-empty list of {kind.__name__} values")
        try:
            return frozenset(kind(item) for item in value)
        except ValueError as error:
            raise ValueError(f"{error}; allowed: {', '.join(kind.values())}") from None

    return parse


def _bool(value: object) -> object:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _int(value: object) -> object:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("expected a whole number, 0 or more")
    return value


def _number(value: object) -> object:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise ValueError("expected a number, 0 or more")
    return float(value)


def _int_pair(value: object) -> object:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or value[0] > value[1]
    ):
        raise ValueError("expected [low, high], two whole numbers with low <= high")
    return (value[0], value[1])


def _window(value: object) -> object:
    if not isinstance(value, dict) or set(value) != {"days", "at_least"}:
        raise ValueError("expected { days = N, at_least = M }")
    days, at_least = _int(value["days"]), _int(value["at_least"])
    assert isinstance(days, int) and isinstance(at_least, int)
    if days < 1:
        raise ValueError("days must be 1 or more")
    return (days, at_least)


def _one_of(get: Callable[[Situation], Vocabulary | None]) -> Test:
    def test(s: Situation, allowed: frozenset[Vocabulary]) -> Hit | None:
        value = get(s)
        return Hit((phrase(value),)) if value is not None and value in allowed else None

    return test


def _some_of(get: Callable[[Situation], frozenset[Any]], kind: type[Vocabulary]) -> Test:
    def test(s: Situation, allowed: frozenset[Vocabulary]) -> Hit | None:
        found = get(s) & allowed
        return Hit(tuple(phrase(v) for v in kind if v in found)) if found else None

    return test


def _flag(get: Callable[[Situation], bool]) -> Test:
    def test(s: Situation, wanted: bool) -> Hit | None:
        return Hit() if get(s) is wanted else None

    return test


def _dpo_between(s: Situation, bounds: tuple[int, int]) -> Hit | None:
    dpo = s.cycle.dpo
    return Hit() if dpo is not None and bounds[0] <= dpo <= bounds[1] else None


def _dpo_within(s: Situation, days: int) -> Hit | None:
    dpo = s.cycle.dpo
    return Hit() if dpo is not None and abs(dpo) <= days else None


def _days_since_period_end_max(s: Situation, days: int) -> Hit | None:
    since = s.cycle.days_since_period_end
    return Hit() if since is not None and since <= days else None


def _duration_over_days(s: Situation, days: int) -> Hit | None:
    return Hit() if s.lasting_days > days else None


def _method_started_within_days(s: Situation, days: int) -> Hit | None:
    since = s.context.contraception_since
    if since is None or s.context.contraception is vocab.Contraception.NONE:
        return None
    if (s.episode.day - since).days < days:
        return Hit((phrase(s.context.contraception),))
    return None


def _years_before(day: date, years: float) -> float:
    return day.toordinal() - years * 365.25


def _screening_older_than_years(s: Situation, years: float) -> Hit | None:
    last = s.context.last_cervical_screening
    if last is None or last.date.toordinal() >= _years_before(s.episode.day, years):
        return None
    return Hit()


def _screening_missing(s: Situation, wanted: bool) -> Hit | None:
    return Hit() if (s.context.last_cervical_screening is None) is wanted else None


def _screening_result_any(s: Situation, allowed: frozenset[Vocabulary]) -> Hit | None:
    last = s.context.last_cervical_screening
    if last is None or last.result not in allowed:
        return None
    return Hit((phrase(last.result),))


def _counted(count: int, days: int) -> Hit:
    return Hit(values={"count": count, "ordinal": ordinal(count), "days": days})


def _after_sex_within(s: Situation, window: tuple[int, int]) -> Hit | None:
    days, at_least = window
    count = s.history.after_sex_within(days)
    return _counted(count, days) if count >= at_least else None


def _outside_period_within(s: Situation, window: tuple[int, int]) -> Hit | None:
    days, at_least = window
    count = s.history.outside_period_within(days)
    return _counted(count, days) if count >= at_least else None


def _outside_period_in_cycle_at_least(s: Situation, at_least: int) -> Hit | None:
    count = s.history.outside_period_in_cycle()
    return Hit(values={"count": count, "ordinal": ordinal(count)}) if count >= at_least else None


def _recurs_same_phase(s: Situation, cycles: int) -> Hit | None:
    count = s.history.same_phase_cycles_followed_by_period(s.cycle)
    return Hit(values={"count": count}) if count >= cycles else None


def _heavier_than_earlier(s: Situation, window: tuple[int, int]) -> Hit | None:
    days, at_least = window
    earlier = s.history.earlier_outside_ranks(days)
    if len(earlier) >= at_least and earlier and s.episode.amount.rank > max(earlier):
        return _counted(len(earlier), days)
    return None


_COUNTS = frozenset({"count", "ordinal", "days"})

PREDICATES: dict[str, Predicate] = {
    # the episode
    "amount_any": Predicate(_choices(vocab.Amount), _one_of(lambda s: s.episode.amount)),
    "colour_any": Predicate(_choices(vocab.Colour), _one_of(lambda s: s.episode.colour)),
    "mucus_any": Predicate(_choices(vocab.Mucus), _one_of(lambda s: s.episode.mucus)),
    "in_mucus": Predicate(_bool, _flag(lambda s: s.episode.in_mucus)),
    "trigger_any": Predicate(_choices(vocab.Trigger), _one_of(lambda s: s.episode.trigger)),
    "pain_any": Predicate(_choices(vocab.Pain), _one_of(lambda s: s.episode.pain)),
    "symptoms_any": Predicate(
        _choices(vocab.Symptom), _some_of(lambda s: s.episode.symptoms, vocab.Symptom)
    ),
    "duration_over_days": Predicate(_int, _duration_over_days),
    # the cycle
    "in_period": Predicate(_bool, _flag(lambda s: s.cycle.in_period)),
    "phase_any": Predicate(_choices(vocab.Phase), _one_of(lambda s: s.cycle.phase)),
    "dpo_between": Predicate(_int_pair, _dpo_between),
    "dpo_within": Predicate(_int, _dpo_within),
    "days_since_period_end_max": Predicate(_int, _days_since_period_end_max),
    "ovulation_from_sign": Predicate(
        _bool, _flag(lambda s: s.cycle.ovulation_source == OvulationSource.SIGN)
    ),
    # the context on the episode's date
    "life_stage_any": Predicate(_choices(vocab.LifeStage), _one_of(lambda s: s.context.life_stage)),
    "contraception_any": Predicate(
        _choices(vocab.Contraception), _one_of(lambda s: s.context.contraception)
    ),
    "trying_to_conceive": Predicate(_bool, _flag(lambda s: s.context.trying_to_conceive)),
    "conditions_any": Predicate(
        _choices(vocab.ConditionName), _some_of(lambda s: s.context.conditions, vocab.ConditionName)
    ),
    "method_started_within_days": Predicate(_int, _method_started_within_days),
    "screening_older_than_years": Predicate(_number, _screening_older_than_years),
    "screening_missing": Predicate(_bool, _screening_missing),
    "screening_result_any": Predicate(_choices(vocab.ScreeningResult), _screening_result_any),
    # the history up to the episode
    "after_sex_within": Predicate(_window, _after_sex_within, _COUNTS),
    "outside_period_within": Predicate(_window, _outside_period_within, _COUNTS),
    "outside_period_in_cycle_at_least": Predicate(
        _int, _outside_period_in_cycle_at_least, frozenset({"count", "ordinal"})
    ),
    "heavier_than_earlier": Predicate(_window, _heavier_than_earlier, _COUNTS),
    "recurs_same_phase_cycles": Predicate(_int, _recurs_same_phase, frozenset({"count"})),
    # derived pregnancy, medicines and whether any context was logged at all
    "pregnancy_any": Predicate(_choices(vocab.Pregnancy), _one_of(pregnancy_of)),
    "medications_any": Predicate(
        _choices(vocab.MedicationName),
        _some_of(lambda s: frozenset(m.name for m in s.context.medications), vocab.MedicationName),
    ),
    "context_logged": Predicate(_bool, _flag(lambda s: s.context.known)),
}


# --------------------------------------------------------------------------- conditions


@dataclass(frozen=True, slots=True)
class Condition:
    """Tests that must all hold, and the reason to give when they do."""

    tests: tuple[tuple[str, Predicate, object], ...]
    reason: str | None = None
    score: int = 0
    group: str = "main"

    def check(self, situation: Situation) -> Hit | None:
        matched: list[str] = []
        values: dict[str, object] = {}
        for _name, predicate, parameter in self.tests:
            hit = predicate.test(situation, parameter)
            if hit is None:
                return None
            matched.extend(hit.matched)
            values.update(hit.values)
        return Hit(tuple(matched), values)

    def explain(self, hit: Hit, facts: Mapping[str, object]) -> str | None:
        if self.reason is None:
            return None
        return self.reason.format_map({**facts, **hit.values, "matched": join_words(hit.matched)})


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule that holds: its fit score and its reasons, in rule order."""

    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """A card's selection rule, compiled from its data."""

    score: int = 0
    all: tuple[Condition, ...] = ()
    any: tuple[tuple[Condition, ...], ...] = ()
    none: tuple[Condition, ...] = ()
    boosts: tuple[Condition, ...] = ()
    accompanies: frozenset[vocab.Severity] = frozenset()
    accompany_reason: str | None = None
    triage: frozenset[str] = frozenset()

    @property
    def from_triage(self) -> bool:
        """Shown with the triage reasons of its levels (``urgent-care``, ``see-a-provider``)."""
        return bool(self.triage)

    @property
    def is_companion(self) -> bool:
        """Shown alongside other cards (by severity) rather than by the episode itself."""
        return bool(self.accompanies)

    def evaluate(self, situation: Situation, facts: Mapping[str, object]) -> Verdict | None:
        """The verdict for ``situation``, or None when the rule rules the card out."""
        if (self.is_companion or self.from_triage) and not (self.all or self.any):
            return None
        reasons: list[str] = []
        for condition in self.all:
            hit = condition.check(situation)
            if hit is None:
                return None
            _add(reasons, condition.explain(hit, facts))
        for group in self.any:
            held = [(c, h) for c in group if (h := c.check(situation)) is not None]
            if not held:
                return None
            for condition, hit in held:
                _add(reasons, condition.explain(hit, facts))
        if self.rules_out(situation):
            return None
        score = self.score
        for boost in self.boosts:
            hit = boost.check(situation)
            if hit is not None:
                score += boost.score
                _add(reasons, boost.explain(hit, facts))
        return Verdict(score, tuple(reasons)) if reasons else None

    def rules_out(self, situation: Situation) -> bool:
        """True when a ``none`` condition holds: the card must not show, whatever raised it."""
        return any(condition.check(situation) is not None for condition in self.none)

    def accompany(self, titles: Sequence[str]) -> Verdict | None:
        """The verdict when cards with these titles (of an accompanied severity) are shown."""
        if not titles or self.accompany_reason is None:
            return None
        quoted = [f"“{title}”" for title in titles]
        reason = self.accompany_reason.format_map({"matched": join_words(quoted)})
        return Verdict(self.score, (reason,))


def _add(reasons: list[str], reason: str | None) -> None:
    if reason is not None and reason not in reasons:
        reasons.append(reason)


# --------------------------------------------------------------------------- parsing

_CONDITION_KEYS = frozenset({"reason", "score", "group"})
_RULE_KEYS = frozenset(
    {"score", "all", "any", "none", "boost", "accompanies", "accompany_reason", "triage"}
)
# The triage levels a card may present (``triage = ["urgent"]``): see ``journal.cards.triage``.
TRIAGE_LEVELS = frozenset({"urgent", "see-provider", "check"})


def parse_rule(data: object) -> Rule:
    """Compile a card's ``[rule]`` table; raises ``RuleError`` naming the faulty entry."""
    if not isinstance(data, dict):
        raise RuleError("'rule' must be a table")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleError(f"rule: unknown key {sorted(unknown)[0]!r}")
    score = _whole_number(data.get("score", 0), "rule.score")
    all_ = _conditions(data, "all", reason_required=False)
    any_ = _conditions(data, "any", reason_required=True)
    none = _conditions(data, "none", reason_required=False)
    boosts = _conditions(data, "boost", reason_required=True)
    if any(b.score <= 0 for b in boosts):
        raise RuleError("rule.boost: every boost needs a positive 'score'")
    groups: dict[str, list[Condition]] = {}
    for condition in any_:
        groups.setdefault(condition.group, []).append(condition)
    accompanies, accompany_reason = _accompaniment(data)
    rule = Rule(
        score=score,
        all=all_,
        any=tuple(tuple(g) for g in groups.values()),
        none=none,
        boosts=boosts,
        accompanies=accompanies,
        accompany_reason=accompany_reason,
        triage=_triage_levels(data),
    )
    if not (rule.triage or accompanies):
        _check_shows_reasons(all_, any_)
    return rule


def _whole_number(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuleError(f"{where} must be a whole number")
    return value


def _accompaniment(data: dict[str, Any]) -> tuple[frozenset[vocab.Severity], str | None]:
    """The severities a companion card accompanies, and its reason template."""
    try:
        accompanies = frozenset(vocab.Severity(v) for v in data.get("accompanies", []))
    except (ValueError, TypeError):
        raise RuleError("rule.accompanies must list severities") from None
    reason = data.get("accompany_reason")
    if accompanies and not isinstance(reason, str):
        raise RuleError("rule.accompany_reason is required with rule.accompanies")
    if not isinstance(reason, str):
        return accompanies, None
    _check_template(reason, frozenset({"matched"}), "rule.accompany_reason")
    return accompanies, reason


def _triage_levels(data: dict[str, Any]) -> frozenset[str]:
    triage = data.get("triage", [])
    if not isinstance(triage, list) or not all(v in TRIAGE_LEVELS for v in triage):
        raise RuleError(f"rule.triage must list triage levels ({', '.join(sorted(TRIAGE_LEVELS))})")
    return frozenset(triage)


def _check_shows_reasons(all_: Sequence[Condition], any_: Sequence[Condition]) -> None:
    """A card of its own rule (not triage, not a companion) must be able to say why."""
    if not any_ and not any(c.reason for c in all_):
        raise RuleError("rule: give a reason on an 'all' entry or add 'any' entries")
    if not (all_ or any_):
        raise RuleError("rule: a card needs 'all' or 'any' conditions, 'accompanies' or 'triage'")


def _conditions(data: dict[str, Any], key: str, *, reason_required: bool) -> tuple[Condition, ...]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise RuleError(f"rule.{key} must be an array of tables ([[rule.{key}]])")
    return tuple(
        _condition(entry, f"rule.{key}[{i}]", reason_required) for i, entry in enumerate(entries)
    )


def _condition(entry: object, where: str, reason_required: bool) -> Condition:
    if not isinstance(entry, dict):
        raise RuleError(f"{where} must be a table")
    tests = _tests(entry, where)
    reason = entry.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise RuleError(f"{where}.reason must be text")
    if reason is None and reason_required:
        raise RuleError(f"{where}: a reason is required here")
    if reason is not None:
        provided = frozenset().union(*(p.provides for _n, p, _v in tests))
        _check_template(reason, FACT_NAMES | provided, f"{where}.reason")
    score = _whole_number(entry.get("score", 0), f"{where}.score")
    group = entry.get("group", "main")
    if not isinstance(group, str):
        raise RuleError(f"{where}.group must be text")
    return Condition(tuple(tests), reason, score, group)


def _tests(entry: dict[str, Any], where: str) -> list[tuple[str, Predicate, object]]:
    """The condition's tests: every key but reason, score and group names a predicate."""
    tests: list[tuple[str, Predicate, object]] = []
    for name, raw in entry.items():
        if name in _CONDITION_KEYS:
            continue
        predicate = PREDICATES.get(name)
        if predicate is None:
            raise RuleError(f"{where}: unknown test {name!r}")
        try:
            tests.append((name, predicate, predicate.parse(raw)))
        except ValueError as error:
            raise RuleError(f"{where}.{name}: {error}") from None
    if not tests:
        raise RuleError(f"{where}: a condition needs at least one test")
    return tests


def _check_template(template: str, allowed: frozenset[str], where: str) -> None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise RuleError(f"{where}: {error}") from None
    names = {name for _text, name, _spec, _conv in parsed if name is not None}
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        raise RuleError(f"{where}: unknown fact {{{unknown[0]}}} in the reason")
