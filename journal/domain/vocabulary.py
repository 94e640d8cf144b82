"""The enumerated vocabulary of the spec, shared by the app, the CLI and the JSON format.

Values are lower-case hyphenated strings; ``label()`` gives the friendly text the GUI
and reports show.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """Base for every enumerated value: the value is the contract, the label is for people."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("-", " ").capitalize())

    @property
    def short_label(self) -> str:
        """The label without its explanation in brackets, for tight spaces (chart axes)."""
        return self.label.split(" (", 1)[0]

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]


class Amount(Vocabulary):
    SPOTTING = "spotting"
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"
    VERY_HEAVY = "very-heavy"  # soaking a pad or tampon in an hour or less

    @property
    def rank(self) -> int:
        """0 for spotting … 4 for very heavy: lets patterns compare amounts."""
        return _RANKS[self]


class Colour(Vocabulary):
    PINK = "pink"
    BRIGHT_RED = "bright-red"
    DARK_RED = "dark-red"
    BROWN = "brown"


class Mucus(Vocabulary):
    NONE = "none"
    DRY = "dry"
    STICKY = "sticky"
    CREAMY = "creamy"
    WATERY = "watery"
    EGG_WHITE = "egg-white"


class Trigger(Vocabulary):
    NONE = "none"
    INTERCOURSE = "intercourse"
    PELVIC_EXAM = "pelvic-exam"
    MINOR_INJURY = "minor-injury"
    OTHER = "other"


class Pain(Vocabulary):
    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Symptom(Vocabulary):
    CRAMPS = "cramps"
    PELVIC_PAIN = "pelvic-pain"
    PAIN_DURING_SEX = "pain-during-sex"
    VAGINAL_DRYNESS = "vaginal-dryness"
    ITCHING = "itching"
    UNUSUAL_DISCHARGE = "unusual-discharge"
    ODOUR = "odour"
    FEVER = "fever"
    DIZZINESS = "dizziness"
    FAINTING = "fainting"
    CLOTS = "clots"


class LifeStage(Vocabulary):
    REPRODUCTIVE = "reproductive"
    PREGNANT = "pregnant"
    POSTPARTUM = "postpartum"
    BREASTFEEDING = "breastfeeding"
    PERIMENOPAUSE = "perimenopause"
    POSTMENOPAUSE = "postmenopause"


class Contraception(Vocabulary):
    NONE = "none"
    CONDOMS = "condoms"
    COMBINED_PILL = "combined-pill"
    PROGESTIN_PILL = "progestin-pill"
    HORMONAL_IUD = "hormonal-iud"
    COPPER_IUD = "copper-iud"
    IMPLANT = "implant"
    INJECTION = "injection"
    RING = "ring"
    PATCH = "patch"

    @property
    def is_hormonal(self) -> bool:
        return self in HORMONAL_METHODS

    @property
    def stops_ovulation(self) -> bool:
        return self in OVULATION_SUPPRESSING_METHODS

    @property
    def is_iud(self) -> bool:
        return self in (Contraception.HORMONAL_IUD, Contraception.COPPER_IUD)


HORMONAL_METHODS = frozenset(
    {
        Contraception.COMBINED_PILL,
        Contraception.PROGESTIN_PILL,
        Contraception.HORMONAL_IUD,
        Contraception.IMPLANT,
        Contraception.INJECTION,
        Contraception.RING,
        Contraception.PATCH,
    }
)
# Methods whose main action is to stop ovulation (the spec's list for ovulation spotting).
OVULATION_SUPPRESSING_METHODS = frozenset(
    {
        Contraception.COMBINED_PILL,
        Contraception.PATCH,
        Contraception.RING,
        Contraception.INJECTION,
        Contraception.IMPLANT,
    }
)


class ConditionName(Vocabulary):
    PCOS = "pcos"
    ENDOMETRIOSIS = "endometriosis"
    FIBROIDS = "fibroids"
    CERVICAL_ECTROPION = "cervical-ectropion"
    CERVICAL_POLYP = "cervical-polyp"
    ENDOMETRIAL_POLYP = "endometrial-polyp"
    HPV = "hpv"
    ABNORMAL_PAP = "abnormal-pap"


class ScreeningKind(Vocabulary):
    CERVICAL_SCREENING = "cervical-screening"
    STI_TEST = "sti-test"


class ScreeningResult(Vocabulary):
    NORMAL = "normal"
    ABNORMAL = "abnormal"
    UNKNOWN = "unknown"


class OvulationSignKind(Vocabulary):
    POSITIVE_OPK = "positive-opk"
    PEAK_MUCUS = "peak-mucus"
    TEMPERATURE_SHIFT = "temperature-shift"
    MARKED = "marked"  # a day marked as ovulation by the person or another app


class PregnancyTestResult(Vocabulary):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class MedicationName(Vocabulary):
    """Medicines that change what bleeding means (dated: ``since``, optional ``until``)."""

    HRT_SEQUENTIAL = "hrt-sequential"
    HRT_CONTINUOUS = "hrt-continuous"
    VAGINAL_ESTROGEN = "vaginal-estrogen"
    TAMOXIFEN = "tamoxifen"
    ANTICOAGULANT = "anticoagulant"
    EMERGENCY_CONTRACEPTION = "emergency-contraception"  # a single dose: since = the day taken

    @property
    def is_hormone_therapy(self) -> bool:
        """Systemic hormone therapy (sequential or continuous HRT)."""
        return self in (MedicationName.HRT_SEQUENTIAL, MedicationName.HRT_CONTINUOUS)

    @property
    def is_single_dose(self) -> bool:
        return self is MedicationName.EMERGENCY_CONTRACEPTION


class Pregnancy(Vocabulary):
    """The derived pregnancy status of a date (see ``journal.domain.cycle.pregnancy_on``)."""

    PREGNANT = "pregnant"
    POSSIBLE = "possible"
    POSTPARTUM = "postpartum"
    UNLIKELY = "unlikely"


class Phase(Vocabulary):
    MENSTRUAL = "menstrual"
    FOLLICULAR = "follicular"
    OVULATORY = "ovulatory"
    LUTEAL = "luteal"
    UNKNOWN = "unknown"


class Severity(Vocabulary):
    INFO = "info"
    CHECK = "check"
    SEE_PROVIDER = "see-provider"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """Higher is more pressing: urgent 3 … info 0."""
        return _RANKS[self]


_LABELS: dict[str, str] = {
    "bright-red": "Bright red",
    "dark-red": "Dark red",
    "egg-white": "Egg-white (clear, stretchy)",
    "pelvic-exam": "Pelvic exam or Pap smear",
    "minor-injury": "Minor injury (nail, tampon, toy)",
    "pain-during-sex": "Pain during sex",
    "pelvic-pain": "Pelvic pain",
    "vaginal-dryness": "Vaginal dryness",
    "unusual-discharge": "Unusual discharge",
    "combined-pill": "Combined pill",
    "progestin-pill": "Progestin-only pill",
    "hormonal-iud": "Hormonal IUD",
    "copper-iud": "Copper IUD",
    "pcos": "PCOS",
    "hpv": "HPV",
    "abnormal-pap": "Abnormal Pap result",
    "cervical-ectropion": "Cervical ectropion",
    "cervical-polyp": "Cervical polyp",
    "endometrial-polyp": "Endometrial polyp",
    "cervical-screening": "Cervical screening (Pap/HPV)",
    "sti-test": "STI test",
    "positive-opk": "Positive ovulation test",
    "peak-mucus": "Peak (egg-white) mucus",
    "temperature-shift": "Temperature shift",
    "see-provider": "See a provider",
    "check": "Worth a check",
    "info": "Common",
    "urgent": "Urgent",
    "very-heavy": "Very heavy (soaking a pad or tampon in an hour or less)",
    "fainting": "Fainting",
    "marked": "Marked as ovulation (by you or another app)",
    "positive": "Positive",
    "negative": "Negative",
    "hrt-sequential": "HRT, sequential (monthly bleed expected)",
    "hrt-continuous": "HRT, continuous combined",
    "vaginal-estrogen": "Vaginal estrogen",
    "tamoxifen": "Tamoxifen",
    "anticoagulant": "Anticoagulant (blood thinner)",
    "emergency-contraception": "Emergency contraception (morning-after pill)",
    "possible": "Possible (period late)",
    "unlikely": "Unlikely",
}


# Ranks by declaration order, worked out once: explaining thousands of episodes compares
# amounts and severities tens of thousands of times.
_RANKS: dict[Vocabulary, int] = {
    member: index for kind in (Amount, Severity) for index, member in enumerate(kind)
}
