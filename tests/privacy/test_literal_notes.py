"""Notes holding SQL, HTML and control characters are stored and shown back exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.storage import create_journal
from journal.text_view import terminal_safe
from tests.helpers import PASSPHRASE

NASTY = [
    "'); DROP TABLE episode; --",
    '" OR 1=1; SELECT * FROM sqlite_master; /*',
    "<script>alert('x')</script> <b>bold</b> &amp; &lt;tag&gt; <!-- c -->",
    "tab\there\r\nCRLF\nnew line \x1b[31mred\x1b[0m \x07bell \x7f \u2028 \u202eRTL 🩸 e\u0301",
    "%s %d {0} {notes} \\N \\x00 $(rm -rf /) `id`",
]


def cli(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.mark.parametrize("notes", NASTY)
def test_notes_round_trip_literally(tmp_path: Path, notes: str) -> None:
    journal = tmp_path / "health.journal"
    create_journal(journal, PASSPHRASE)
    added = cli(journal, "add", "--amount", "light", "--date", "2026-01-01", "--notes", notes)
    assert added.returncode == 0, added.stderr
    episode_id = added.stdout.strip()

    listed = cli(journal, "list", "--json")
    assert json.loads(listed.stdout)[0]["notes"] == notes
    shown = cli(journal, "show", episode_id, "--json")
    assert json.loads(shown.stdout)["episode"]["notes"] == notes
    exported = cli(journal, "export")
    assert json.loads(exported.stdout)["episodes"][0]["notes"] == notes
    target = tmp_path / "export.json"
    assert cli(journal, "export", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["episodes"][0]["notes"] == notes

    # The text view wraps lines, so compare word by word: nothing dropped or run together;
    # control characters are shown escaped (\x1b) so a note cannot drive the terminal.
    text = cli(journal, "show", episode_id)
    assert text.returncode == 0, text.stderr
    assert "\x1b" not in text.stdout and "\x07" not in text.stdout
    words = " ".join(text.stdout.split())
    for word in terminal_safe(notes).split():
        assert word in words, word

    # Importing the export into a new journal gives the same notes back.
    other = tmp_path / "other.journal"
    create_journal(other, PASSPHRASE)
    assert cli(other, "import", str(target)).returncode == 0
    assert json.loads(cli(other, "list", "--json").stdout)[0]["notes"] == notes
