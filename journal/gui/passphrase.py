"""The passphrase strength hint for the create and change dialogs (zxcvbn, via the policy).

The same estimate the command line uses (``journal.services.passphrase_policy``): a level
(0-4), a label, and one sentence of guidance. Long phrases of several words are both
strong and memorable.
"""

from __future__ import annotations

MIN_LENGTH = 8
# Meter colours by level: refused, weak, fair, strong, very strong.
LEVEL_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#2e7d32", "#1b5e20")


def strength_level(text: str) -> tuple[int, str]:
    """(level 0-4, one-sentence hint); level 0 is refused (guessable in seconds)."""
    from journal.services.passphrase_policy import assess

    if not text:
        return 0, "Use a phrase of several words you can remember."
    if len(text) < MIN_LENGTH:
        return 0, f"Too short: use at least {MIN_LENGTH} characters."
    strength = assess(text)
    if strength.refused:
        return 0, f"Weak: it could be guessed in {strength.crack_time}; add more words."
    if not strength.strong:
        return strength.score, (
            f"{strength.label.capitalize()}: it could be guessed in about "
            f"{strength.crack_time}; a few more words would make it strong."
        )
    return strength.score, f"Strong: guessing it would take {strength.crack_time}."


def strength_hint(text: str) -> tuple[int, str]:
    """(0-100 score for the meter, one-sentence hint) for a candidate passphrase."""
    level, hint = strength_level(text)
    score = 5 if text and level == 0 else level * 25
    return score, hint
