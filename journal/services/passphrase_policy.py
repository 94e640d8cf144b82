"""The passphrase policy, one place for the CLI and the GUI: strength, refusal, line ends.

Strength comes from the ``zxcvbn`` estimator (offline: dictionaries ship inside the
package). The journal's key derivation is deliberately slow, so the figure that matters
is zxcvbn's "offline, slow hashing" guessing time:

* guessable in under a minute (or zxcvbn's lowest score): refused, with the reason;
* below "strong" (score 3 of 4): allowed once the person confirms (the GUI asks, the
  CLI asks on a terminal, scripts pass ``--accept-weak``);
* strong or very strong: accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journal.domain.errors import WeakPassphrase

REFUSE_BELOW_SECONDS = 60.0
STRONG_SCORE = 3
LABELS = ("very weak", "weak", "fair", "strong", "very strong")
_SLOW = "offline_slow_hashing_1e4_per_second"


@dataclass(frozen=True, slots=True)
class Strength:
    """How a candidate passphrase fares: zxcvbn's score (0-4) and what to tell the person."""

    score: int
    label: str
    crack_time: str  # "less than a second", "3 hours", "centuries"
    refused: bool
    warning: str

    @property
    def strong(self) -> bool:
        return self.score >= STRONG_SCORE and not self.refused

    def refusal(self) -> str:
        """The one sentence saying why the passphrase is refused."""
        why = f" ({self.warning.rstrip('.')})" if self.warning else ""
        return (
            f"This passphrase could be guessed in {self.crack_time}{why}; "
            "choose a longer one (several unrelated words work well)."
        )

    def caution(self) -> str:
        """The sentence shown before the person confirms a passphrase below strong."""
        return (
            f"This passphrase is {self.label}: someone with a copy of the journal could "
            f"guess it in about {self.crack_time}."
        )


def check_usable(passphrase: str) -> None:
    """The hard rules first: not empty, no NUL, UTF-8, not SQLCipher's raw-key form."""
    from journal.storage.journal_file import check_new_passphrase

    check_new_passphrase(passphrase)


def strip_line_end(value: str) -> str:
    """The one line-end rule for every source: trailing line breaks are never part of it.

    A typed passphrase ends at Enter, a line read from standard input at its newline, and
    an environment variable set from a file or ``$(…)`` may end with one: all are removed,
    so the same words open the journal however they are given.
    """
    return value.rstrip("\r\n")


def assess(passphrase: str, context: Sequence[str] = ()) -> Strength:
    """zxcvbn's estimate of ``passphrase`` (``context``: words to count as known, e.g. the
    app's name)."""
    from zxcvbn import zxcvbn

    # zxcvbn's cost grows with length; beyond 100 characters a phrase is strong anyway.
    result = zxcvbn(passphrase[:100], user_inputs=["health", "journal", *context])
    score = int(result["score"])
    seconds = float(result["crack_times_seconds"][_SLOW])
    warning = str(result["feedback"].get("warning") or "")
    return Strength(
        score=score,
        label=LABELS[score],
        crack_time=str(result["crack_times_display"][_SLOW]),
        refused=score == 0 or seconds < REFUSE_BELOW_SECONDS,
        warning=warning,
    )


def check_new(passphrase: str, *, accept_weak: bool) -> Strength:
    """Refuse a passphrase guessable in seconds; one below strong needs ``accept_weak``."""
    check_usable(passphrase)
    strength = assess(passphrase)
    if strength.refused:
        raise WeakPassphrase(strength.refusal())
    if not strength.strong and not accept_weak:
        raise WeakPassphrase(
            f"{strength.caution()} Confirm it to use it anyway (on the command line: "
            "--accept-weak), or choose a longer one."
        )
    return strength
