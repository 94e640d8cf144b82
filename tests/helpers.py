"""Shared test helpers: build journals and records quickly."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

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
