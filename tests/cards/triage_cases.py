"""The spec's triage table as test data: every row with a case that fires it and a near case
that does not (one fact changed). Used by the pure-function tests and the ``show --json``
tests alike.

Row ids are those of ``journal.cards.triage.ROWS``. Rows marked "beyond the spec" are the
ones triage adds to the spec's table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .card_builders import PERIODS, Setup, episode, medication

D = date
BETWEEN = Setup(day=D(2026, 1, 20))  # spotting between periods, nothing else: triage none
IN_PERIOD = Setup(day=D(2026, 1, 5))  # spotting on day 3 of a logged period
PREGNANT = BETWEEN.but(life_stage="pregnant")
# The last logged period started 2026-02-28 and cycles are 28 days: on 2026-04-10 it is 13
# days late, and with no contraception logged a pregnancy is possible.
LATE = Setup(day=D(2026, 4, 10))
AFTER_BIRTH = BETWEEN.but(life_stage="postpartum", method_since=D(2025, 12, 20))
SAME_PHASE = Setup(
    day=D(2026, 3, 22),
    others=(episode("a", D(2026, 1, 25)), episode("b", D(2026, 2, 22))),
)
THIRD_IN_CYCLE = Setup(
    day=D(2026, 1, 22),
    others=(episode("a", D(2026, 1, 10)), episode("b", D(2026, 1, 15))),
)
THREE_IN_30_DAYS = Setup(
    day=D(2026, 2, 12),
    others=(episode("a", D(2026, 1, 25)), episode("b", D(2026, 2, 8))),
)
HEAVIER = BETWEEN.but(
    amount="moderate",
    others=(episode("a", D(2025, 11, 15)), episode("b", D(2025, 12, 10))),
)


@dataclass(frozen=True)
class RowCase:
    row: str
    level: str
    fires: Setup
    near: Setup
    note: str = ""


ROW_CASES: list[RowCase] = [
    # urgent, now
    RowCase(
        "very-heavy",
        "urgent",
        IN_PERIOD.but(amount="very-heavy"),
        IN_PERIOD.but(amount="heavy"),
        "even inside a period",
    ),
    RowCase("fainting", "urgent", BETWEEN.but(symptoms=("fainting",)), BETWEEN),
    RowCase(
        "heavy-with-dizziness",
        "urgent",
        BETWEEN.but(amount="heavy", symptoms=("dizziness",)),
        BETWEEN.but(amount="moderate", symptoms=("dizziness",)),
    ),
    RowCase(
        "pregnancy-danger",
        "urgent",
        PREGNANT.but(pain="severe"),
        BETWEEN.but(pain="severe"),
        "pregnant, spotting with severe pain",
    ),
    RowCase(
        "pregnancy-danger",
        "urgent",
        LATE.but(symptoms=("dizziness",)),
        LATE.but(symptoms=("dizziness",), contraception="implant"),
        "late period, pregnancy possible, dizziness",
    ),
    # urgent, today
    RowCase(
        "fever", "urgent", BETWEEN.but(symptoms=("fever",)), BETWEEN.but(symptoms=("itching",))
    ),
    RowCase("severe-pain", "urgent", BETWEEN.but(pain="severe"), BETWEEN.but(pain="moderate")),
    RowCase("dizziness", "urgent", BETWEEN.but(symptoms=("dizziness",)), BETWEEN),
    RowCase(
        "pregnancy-warning",
        "urgent",
        PREGNANT.but(symptoms=("cramps",)),
        PREGNANT.but(pain="mild"),
    ),
    RowCase(
        "pregnancy-warning", "urgent", PREGNANT.but(amount="moderate"), PREGNANT.but(amount="light")
    ),
    RowCase(
        "pregnancy-warning",
        "urgent",
        LATE.but(symptoms=("pelvic-pain",)),
        LATE.but(symptoms=("pelvic-pain",), contraception="combined-pill"),
    ),
    RowCase(
        "after-birth-warning",
        "urgent",
        AFTER_BIRTH.but(symptoms=("clots",)),
        AFTER_BIRTH,
        "clots after a birth",
    ),
    RowCase(
        "after-birth-warning",
        "urgent",
        AFTER_BIRTH.but(symptoms=("odour",)),
        AFTER_BIRTH.but(
            symptoms=("odour",), method_since=D(2025, 6, 1), life_stage="breastfeeding"
        ),
        "a bad smell after a birth; the near case is 7 months after it, breastfeeding",
    ),
    RowCase(
        "heavy-with-clots",
        "urgent",
        BETWEEN.but(amount="heavy", symptoms=("clots",)),
        IN_PERIOD.but(amount="heavy", symptoms=("clots",)),
    ),
    RowCase(
        "heavy-on-anticoagulant",
        "urgent",
        IN_PERIOD.but(amount="heavy", medications=(medication("anticoagulant", D(2025, 1, 1)),)),
        IN_PERIOD.but(amount="moderate", medications=(medication("anticoagulant", D(2025, 1, 1)),)),
        "beyond the spec",
    ),
    # see a provider, today
    RowCase("pregnant", "see-provider", PREGNANT, BETWEEN),
    RowCase(
        "pregnant",
        "see-provider",
        BETWEEN.but(tests=((D(2026, 1, 12), "positive"),)),
        BETWEEN.but(tests=((D(2026, 1, 12), "negative"),)),
        "a positive test after the latest period start",
    ),
    RowCase("possibly-pregnant", "see-provider", LATE, LATE.but(contraception="implant")),
    # see a provider, soon
    RowCase(
        "after-sex",
        "see-provider",
        BETWEEN.but(trigger="intercourse"),
        IN_PERIOD.but(trigger="intercourse"),
    ),
    RowCase(
        "pain-during-sex",
        "see-provider",
        BETWEEN.but(symptoms=("pain-during-sex",)),
        IN_PERIOD.but(symptoms=("pain-during-sex",)),
    ),
    RowCase(
        "after-menopause",
        "see-provider",
        BETWEEN.but(life_stage="postmenopause"),
        BETWEEN.but(life_stage="breastfeeding"),
    ),
    RowCase(
        "tamoxifen",
        "see-provider",
        BETWEEN.but(medications=(medication("tamoxifen", D(2025, 3, 1)),)),
        BETWEEN.but(medications=(medication("tamoxifen", D(2025, 3, 1), D(2025, 9, 1)),)),
    ),
    RowCase(
        "continuous-hrt",
        "see-provider",
        BETWEEN.but(medications=(medication("hrt-continuous", D(2025, 3, 1)),)),
        BETWEEN.but(medications=(medication("hrt-continuous", D(2025, 10, 1)),)),
    ),
    RowCase(
        "heavy-outside-period",
        "see-provider",
        BETWEEN.but(amount="heavy"),
        IN_PERIOD.but(amount="heavy"),
    ),
    RowCase("lasting", "see-provider", BETWEEN.but(amount="light", days=9), BETWEEN.but(days=7)),
    RowCase(
        "lasting",
        "see-provider",
        BETWEEN.but(ongoing=True, today=D(2026, 1, 28), periods=PERIODS[:1]),
        BETWEEN.but(ongoing=True, today=D(2026, 1, 26), periods=PERIODS[:1]),
        "an ongoing episode counts up to today",
    ),
    RowCase(
        "frequent-in-cycle",
        "see-provider",
        THIRD_IN_CYCLE,
        THIRD_IN_CYCLE.but(others=(episode("a", D(2026, 1, 10)),)),
    ),
    RowCase(
        "frequent-in-30-days",
        "see-provider",
        THREE_IN_30_DAYS,
        THREE_IN_30_DAYS.but(others=(episode("a", D(2026, 1, 10)), episode("b", D(2026, 2, 8)))),
    ),
    RowCase(
        "same-phase",
        "see-provider",
        SAME_PHASE,
        SAME_PHASE.but(others=(episode("a", D(2026, 1, 25)), episode("b", D(2026, 2, 10)))),
    ),
    RowCase("midlife", "see-provider", BETWEEN.but(birth_year=1980), BETWEEN.but(birth_year=1982)),
    RowCase(
        "midlife",
        "see-provider",
        BETWEEN.but(life_stage="perimenopause"),
        IN_PERIOD.but(life_stage="perimenopause"),
    ),
    RowCase(
        "clots-between-periods",
        "see-provider",
        BETWEEN.but(symptoms=("clots",)),
        IN_PERIOD.but(symptoms=("clots",)),
    ),
    RowCase("heavier", "see-provider", HEAVIER, HEAVIER.but(amount="spotting")),
    RowCase(
        "pelvic-infection",
        "see-provider",
        BETWEEN.but(symptoms=("pelvic-pain", "unusual-discharge")),
        BETWEEN.but(symptoms=("pelvic-pain",)),
        "beyond the spec",
    ),
    # worth a check at the next visit
    RowCase(
        "new-on-method",
        "check",
        BETWEEN.but(contraception="combined-pill", method_since=D(2025, 6, 1)),
        BETWEEN.but(
            contraception="combined-pill",
            method_since=D(2025, 6, 1),
            others=(episode("a", D(2025, 12, 10)),),
        ),
    ),
    RowCase(
        "anticoagulant",
        "check",
        BETWEEN.but(medications=(medication("anticoagulant", D(2025, 1, 1)),)),
        IN_PERIOD.but(medications=(medication("anticoagulant", D(2025, 1, 1)),)),
    ),
    RowCase(
        "after-emergency-contraception",
        "check",
        BETWEEN.but(
            day=D(2026, 1, 14),
            days=7,
            medications=(medication("emergency-contraception", D(2026, 1, 12)),),
        ),
        BETWEEN.but(
            day=D(2026, 1, 14),
            days=3,
            medications=(medication("emergency-contraception", D(2026, 1, 12)),),
        ),
    ),
]

#: The rows of the spec's table (rows added beyond it are listed too, and marked).
SPEC_ROWS = {
    "very-heavy",
    "fainting",
    "heavy-with-dizziness",
    "pregnancy-danger",
    "fever",
    "severe-pain",
    "dizziness",
    "pregnancy-warning",
    "after-birth-warning",
    "heavy-with-clots",
    "pregnant",
    "possibly-pregnant",
    "after-sex",
    "pain-during-sex",
    "after-menopause",
    "tamoxifen",
    "continuous-hrt",
    "heavy-outside-period",
    "lasting",
    "frequent-in-cycle",
    "frequent-in-30-days",
    "same-phase",
    "midlife",
    "clots-between-periods",
    "heavier",
    "new-on-method",
    "anticoagulant",
    "after-emergency-contraception",
}


def case_id(case: RowCase) -> str:
    return f"{case.row}: {case.note}" if case.note else case.row
