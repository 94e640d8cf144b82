"""What a user can type or a file can hold: one clear sentence each, the journal unchanged.

Real processes: escape codes in ids, devices, FIFOs and oversized standard input for
``import``, lone surrogates, non-UTF-8 passphrases, 5,000-digit numbers, a truncated
journal, the passphrase policy (raw keys, weak ones, the trailing-newline rule) and notes
kept out of the process list with ``--notes-file``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from journal.domain.model import Episode
from journal.domain.vocabulary import Amount
from journal.services.journal_service import JournalService
from journal.storage import create_journal
from tests.helpers import MARKER, PASSPHRASE, file_digest

ESCAPE_ID = "\x1b[2J\x1b[31mhidden"


def run(
    journal: Path,
    *args: str,
    passphrase: str | bytes | None = PASSPHRASE,
    stdin: str | bytes = "",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    environment: dict[str | bytes, str | bytes] = {
        k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")
    }
    if passphrase is not None:
        environment["HEALTH_JOURNAL_PASSPHRASE"] = passphrase
    environment.update(env or {})

    def limit_memory() -> None:  # a process reading /dev/zero dies, not the machine
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        env=environment,  # type: ignore[arg-type]
        timeout=120,
        preexec_fn=limit_memory,
    )


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    text = result.stderr.decode("utf-8", "replace")
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text and "unexpected error" not in text, text
    return lines[0]


@pytest.fixture
def journal(journal_path: Path) -> Path:
    create_journal(journal_path, PASSPHRASE)
    return journal_path


def test_list_escapes_ids_and_import_refuses_them(journal: Path, tmp_path: Path) -> None:
    service = JournalService.open(journal, PASSPHRASE)
    try:  # an id from an older version, which let any text in
        service.restore_episode(Episode(ESCAPE_ID, datetime(2026, 1, 2, 8, 0), Amount.LIGHT))
    finally:
        service.close()
    listed = run(journal, "list")
    assert listed.returncode == 0, listed.stderr
    assert b"\x1b" not in listed.stdout
    assert b"\\x1b" in listed.stdout
    document = {
        "format": "health-journal",
        "version": 1,
        "episodes": [{"id": "a\x1b]0;title\x07", "started_at": "2026-01-03", "amount": "light"}],
    }
    source = tmp_path / "escape.json"
    source.write_text(json.dumps(document))
    before = file_digest(journal)
    refused = run(journal, "import", str(source))
    assert refused.returncode == 1
    assert "control characters" in one_line(refused)
    assert file_digest(journal) == before


def test_devices_fifos_and_standard_input_meet_one_limit(journal: Path, tmp_path: Path) -> None:
    before = file_digest(journal)
    for device in ("/dev/zero", "/dev/urandom"):
        refused = run(journal, "import", device)
        assert refused.returncode == 1
        assert "not a regular file" in one_line(refused)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    refused = run(journal, "import", str(fifo))  # nothing ever writes: must not block
    assert refused.returncode == 1
    assert "not a regular file" in one_line(refused)
    big = (
        b'{"format": "health-journal", "version": 1, "episodes": [], "x": "'
        + (b"y" * (70 * 1024 * 1024))
        + b'"}'
    )
    piped = run(journal, "import", "/dev/stdin", stdin=big)
    assert piped.returncode == 1
    assert "not a regular file" in one_line(piped)
    big_file = tmp_path / "big.json"
    big_file.write_bytes(big)
    with open(big_file, "rb") as handle:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
        environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
        redirected = subprocess.run(
            [
                *(sys.executable, "-m", "journal", "--journal", str(journal)),
                *("import", "--from", "health-journal", "/dev/stdin"),
            ],
            stdin=handle,
            capture_output=True,
            env=environment,
            timeout=120,
        )
    assert redirected.returncode == 1
    assert "64 MB" in one_line(redirected)
    assert file_digest(journal) == before


def test_unclear_inputs_get_one_clear_sentence(journal: Path, tmp_path: Path) -> None:
    before = file_digest(journal)
    surrogate = tmp_path / "surrogate.json"
    surrogate.write_text(
        '{"format": "health-journal", "version": 1, "episodes": [{"id": "e1", '
        '"started_at": "2026-01-03", "amount": "light", "notes": "\\ud800"}]}'
    )
    refused = run(journal, "import", str(surrogate))
    assert refused.returncode == 1 and "surrogate" in one_line(refused)
    digits = tmp_path / "digits.json"
    digits.write_text('{"format": "health-journal", "version": ' + "9" * 5000 + "}")
    refused = run(journal, "import", "--from", "health-journal", str(digits))
    assert refused.returncode == 1 and "too many digits" in one_line(refused)
    recognising = run(journal, "import", str(digits))  # the format guessed first
    assert recognising.returncode == 1 and one_line(recognising)
    refused = run(journal, "list", passphrase=PASSPHRASE.encode() + b"\xff")
    assert refused.returncode == 1 and "not valid UTF-8" in one_line(refused)
    refused = run(
        journal, "add", "--amount", "light", "--notes", b"\xff".decode("utf-8", "surrogateescape")
    )
    assert refused.returncode == 2 and "not valid UTF-8" in one_line(refused)
    assert file_digest(journal) == before


def test_a_truncated_journal_says_damaged_once_the_passphrase_is_right(journal: Path) -> None:
    service = JournalService.open(journal, PASSPHRASE)
    try:
        for index in range(80):
            service.restore_episode(
                Episode(f"e{index}", datetime(2026, 1, 2, 8, 0), Amount.LIGHT, notes="x" * 3000)
            )
    finally:
        service.close()
    os.truncate(journal, journal.stat().st_size // 2)
    damaged = run(journal, "list")
    assert damaged.returncode == 3
    assert "damaged" in one_line(damaged) and "Wrong passphrase" not in one_line(damaged)
    wrong = run(journal, "list", passphrase="not the passphrase")
    assert wrong.returncode == 3 and "Wrong passphrase or damaged file" in one_line(wrong)


def test_the_passphrase_policy(journal_path: Path) -> None:
    raw_key = "x'" + "ab" * 32 + "'"
    for weak, word in ((raw_key, "raw key"), (" ", "guessed"), ("pw one", "guessed")):
        refused = run(journal_path, "init", "--accept-weak", passphrase=weak)
        assert refused.returncode == 1, weak
        assert word in one_line(refused)
        assert not journal_path.exists()
    fair = "new one"
    refused = run(journal_path, "init", passphrase=fair)
    assert refused.returncode == 1 and "--accept-weak" in one_line(refused)
    assert not journal_path.exists()
    assert run(journal_path, "init", "--accept-weak", passphrase=fair).returncode == 0
    assert run(journal_path, "list", passphrase=fair).returncode == 0


def test_the_same_newline_rule_for_environment_and_typed_input(journal_path: Path) -> None:
    words = "plum kettle harbour violin"
    made = run(journal_path, "init", passphrase=words + "\n")  # e.g. read from a file by a script
    assert made.returncode == 0, made.stderr
    typed = run(journal_path, "list", passphrase=None, stdin=words + "\n")
    assert typed.returncode == 0, typed.stderr
    assert run(journal_path, "list", passphrase=words + "\r\n").returncode == 0


def test_notes_from_a_file_or_standard_input(journal: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(f"{MARKER} from a file\n")
    added = run(journal, "add", "--amount", "light", "--notes-file", str(notes))
    assert added.returncode == 0, added.stderr
    piped = run(journal, "add", "--amount", "light", "--notes-file", "-", stdin=f"{MARKER} piped\n")
    assert piped.returncode == 0, piped.stderr
    listed = json.loads(run(journal, "list", "--json").stdout)
    assert sorted(e["notes"] for e in listed) == [f"{MARKER} from a file", f"{MARKER} piped"]
    refused = run(journal, "add", "--amount", "light", "--notes-file", "/dev/zero")
    assert refused.returncode == 1 and "not a regular file" in one_line(refused)
