"""A rough passphrase strength hint (length and variety), for the create dialog.

Not a guarantee, just guidance: long phrases of several words are both strong and
memorable, so the hint rewards length most.
"""

from __future__ import annotations

import math
import string

MIN_LENGTH = 8
_LEVELS = (
    (40, "Weak: add more words or characters."),
    (60, "Fair: a few more words would make it strong."),
    (80, "Good."),
)
STRONG = "Strong."


def entropy_bits(text: str) -> float:
    """An upper estimate of the bits of guessing work: length × log2(alphabet in use)."""
    if not text:
        return 0.0
    pool = 0
    if any(c in string.ascii_lowercase for c in text):
        pool += 26
    if any(c in string.ascii_uppercase for c in text):
        pool += 26
    if any(c in string.digits for c in text):
        pool += 10
    if any(c == " " for c in text):
        pool += 1
    if any(not c.isalnum() and c != " " for c in text):
        pool += 33
    # Repeated characters add little: count distinct ones more than repeats.
    effective = len(set(text)) + 0.5 * (len(text) - len(set(text)))
    return effective * math.log2(max(pool, 2))


def strength_hint(text: str) -> tuple[int, str]:
    """(0-100 score, one-sentence hint) for a candidate passphrase."""
    if not text:
        return 0, "Use a phrase of several words you can remember."
    if len(text) < MIN_LENGTH:
        return 5, f"Too short: use at least {MIN_LENGTH} characters."
    bits = entropy_bits(text)
    score = min(100, int(bits * 100 / 100))
    for limit, hint in _LEVELS:
        if bits < limit:
            return score, hint
    return score, STRONG
