"""Shared test helpers: build journals and records quickly."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.domain.model import EpisodeDraft
from journal.domain.vocabulary import Amount, Colour, Trigger

PASSPHRASE = "correct horse 'battery'; \"staple\""
MARKER = "ZQXJ-private-marker-7731"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_bytes(folder: Path) -> bytes:
    """Every byte of every file below ``folder`` (to search for leaked plaintext)."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def draft(
    when: date | datetime = datetime(2026, 3, 10, 8, 30),
    amount: Amount = Amount.SPOTTING,
    notes: str = "",
    trigger: Trigger = Trigger.NONE,
    colour: Colour | None = Colour.PINK,
) -> EpisodeDraft:
    return EpisodeDraft(started_at=when, amount=amount, notes=notes, trigger=trigger, colour=colour)


def shared_folder() -> Path:
    """The project's ``shared`` folder (spec, seed articles, tools) beside the checkout.

    CI always has it, so there (``CI`` set) a missing folder fails the test; elsewhere
    (a worktree, a copy of the code alone) the test is skipped and says why.
    """
    shared = Path(__file__).resolve().parents[2] / "shared"
    if (shared / "spec").is_dir():
        return shared
    if os.environ.get("CI"):
        pytest.fail(f"{shared} is missing; CI runs beside the shared spec and seed articles")
    pytest.skip(f"{shared} is not beside the checkout")
