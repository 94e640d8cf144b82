"""How each card severity looks: a colour AND a symbol and words, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from journal.domain.vocabulary import Severity


@dataclass(frozen=True, slots=True)
class SeverityStyle:
    symbol: str
    label: str
    colour: str  # badge background and card edge; white text reads on each of them


STYLES: dict[Severity, SeverityStyle] = {
    Severity.URGENT: SeverityStyle("⚠", "Urgent — seek care promptly", "#b3261e"),
    Severity.SEE_PROVIDER: SeverityStyle("➜", "See a provider", "#b45309"),
    Severity.CHECK: SeverityStyle("✓", "Worth a check at your next visit", "#1d5fa8"),
    Severity.INFO: SeverityStyle("ℹ", "Common, usually harmless", "#5b6770"),
}


#: Cards shown alongside others to help with the visit (not a judgement on the bleeding).
COMPANION = SeverityStyle("✎", "To help you prepare", "#4f5b93")


def badge_stylesheet(severity: Severity, style: SeverityStyle | None = None) -> str:
    colour = (style or STYLES[severity]).colour
    return (
        f"background-color: {colour}; color: white; "
        "border-radius: 4px; padding: 2px 8px; font-weight: bold;"
    )
