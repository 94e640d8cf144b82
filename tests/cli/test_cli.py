"""The command-line contract, run as real processes: commands, passphrase sources, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.storage import create_journal, open_journal
from tests.helpers import MARKER, PASSPHRASE, file_digest, folder_bytes

# New passphrases strong enough for the passphrase policy (zxcvbn "strong" or better).
NEW_ONE = "new one for the test"
FRESH = "fresh start every morning"


def run(
    journal: Path,
    *args: str,
    passphrase: str | None = PASSPHRASE,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        environment["HEALTH_JOURNAL_PASSPHRASE"] = passphrase
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def journal(journal_path: Path) -> Path:
    create_journal(journal_path, PASSPHRASE)
    return journal_path


def test_init_reads_passphrase_twice_from_stdin(journal_path: Path) -> None:
    typed = "pw one two three four"
    result = run(journal_path, "init", passphrase=None, stdin=f"{typed}\n{typed}\n")
    assert result.returncode == 0, result.stderr
    assert run(journal_path, "list", passphrase=None, stdin=f"{typed}\n").returncode == 0
    again = run(journal_path, "init", passphrase=None, stdin="x\nx\n")
    assert again.returncode == 1
    assert "already exists" in one_line_error(again)


def test_init_mismatch_is_refused(journal_path: Path) -> None:
    result = run(journal_path, "init", passphrase=None, stdin="one\ntwo\n")
    assert result.returncode == 1
    assert "do not match" in one_line_error(result)
    assert not journal_path.exists()


def test_add_list_show_export(journal: Path, tmp_path: Path) -> None:
    added = run(
        journal,
        "add",
        "--amount",
        "spotting",
        "--date",
        "2026-01-21T07:30",
        "--colour",
        "bright-red",
        "--trigger",
        "intercourse",
        "--symptom",
        "vaginal-dryness",
        "--notes",
        f"<script>{MARKER}</script>",
    )
    assert added.returncode == 0, added.stderr
    episode_id = added.stdout.strip()
    assert run(journal, "period", "add", "2026-01-03", "2026-01-07").returncode == 0
    listed = json.loads(run(journal, "list", "--json").stdout)
    assert [e["id"] for e in listed] == [episode_id]
    assert listed[0]["notes"] == f"<script>{MARKER}</script>"
    shown = json.loads(run(journal, "show", episode_id, "--json").stdout)
    assert set(shown) == {"episode", "cycle", "triage", "cards", "patterns"}
    assert set(shown["triage"]) == {"level", "timing", "reasons"}
    assert shown["cycle"]["cycle_day"] == 19
    assert shown["cycle"]["in_period"] is False
    text = run(journal, "show", episode_id[:8])
    assert text.returncode == 0 and "21 January 2026" in text.stdout
    exported = run(journal, "export")
    assert json.loads(exported.stdout)["episodes"][0]["id"] == episode_id
    assert MARKER.encode() not in folder_bytes(journal.parent)


def test_list_range(journal: Path) -> None:
    for day in ("2026-01-01", "2026-02-01", "2026-03-01"):
        assert run(journal, "add", "--amount", "light", "--date", day).returncode == 0
    out = json.loads(
        run(journal, "list", "--from", "2026-01-15", "--to", "2026-02-15", "--json").stdout
    )
    assert [e["started_at"] for e in out] == ["2026-02-01"]


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("add", "--amount", "torrential"), 1, "torrential"),
        (("add", "--amount", "light", "--date", "2026-13-01"), 1, "2026-13-01"),
        (("add", "--amount", "light", "--date", "2099-01-01"), 1, "future"),
        (("add",), 2, "--amount"),
        (("frobnicate",), 2, "invalid choice"),
        (("show", "nope"), 1, "No episode"),
        (("list", "--from", "yesterday"), 1, "not a date"),
    ],
)
def test_errors_are_one_line_and_change_nothing(
    journal: Path, args: tuple[str, ...], code: int, fragment: str
) -> None:
    before = file_digest(journal)
    result = run(journal, *args)
    assert result.returncode == code
    assert fragment in one_line_error(result)
    assert file_digest(journal) == before


@pytest.mark.parametrize(
    ("start", "end", "fragment"),
    [
        ("2026-01-06", "2026-01-09", "'start': overlaps the period logged from 2026-01-03"),
        ("2026-02-01", "2026-03-04", "'end': makes the period longer than 31 days"),
        ("2026-02-05", "2026-02-04", "'end': is before the start"),
        ("2099-01-01", "2099-01-02", "'start': is in the future"),
    ],
)
def test_period_add_keeps_the_period_rules(
    journal: Path, start: str, end: str, fragment: str
) -> None:
    """The CLI goes through the same rules as the GUI: one sentence, the file unchanged."""
    assert run(journal, "period", "add", "2026-01-03", "2026-01-07").returncode == 0
    before = file_digest(journal)
    result = run(journal, "period", "add", start, end)
    assert result.returncode == 1
    assert fragment in one_line_error(result)
    assert file_digest(journal) == before


def test_wrong_passphrase_exit_3(journal: Path) -> None:
    before = file_digest(journal)
    result = run(journal, "list", passphrase="wrong")
    assert result.returncode == 3
    assert "Wrong passphrase or damaged file" in one_line_error(result)
    assert file_digest(journal) == before


def test_not_a_journal_exit_3(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello, this is not a journal at all " * 200)
    before = file_digest(foreign)
    result = run(foreign, "list")
    assert result.returncode == 3
    one_line_error(result)
    assert file_digest(foreign) == before


def test_journal_in_use_exit_4(journal: Path) -> None:
    store = open_journal(journal, PASSPHRASE)
    try:
        result = run(journal, "add", "--amount", "light", "--date", "2026-01-01")
        assert result.returncode == 4
        assert "open in another" in one_line_error(result)
    finally:
        store.close()
    assert run(journal, "add", "--amount", "light", "--date", "2026-01-01").returncode == 0


def test_passphrase_change_and_backup(journal: Path, tmp_path: Path) -> None:
    assert run(journal, "add", "--amount", "light", "--date", "2026-01-01").returncode == 0
    changed = run(journal, "passphrase", env={"HEALTH_JOURNAL_NEW_PASSPHRASE": NEW_ONE})
    assert changed.returncode == 0, changed.stderr
    assert run(journal, "list").returncode == 3
    assert run(journal, "list", passphrase=NEW_ONE).returncode == 0
    backup = tmp_path / "b.hj"
    assert run(journal, "backup", str(backup), passphrase=NEW_ONE).returncode == 0
    assert run(backup, "list", "--json", passphrase=NEW_ONE).returncode == 0
    assert run(journal, "check", passphrase=NEW_ONE).returncode == 0


def test_passphrase_change_from_stdin(journal: Path) -> None:
    result = run(journal, "passphrase", passphrase=None, stdin=f"{PASSPHRASE}\n{FRESH}\n{FRESH}\n")
    assert result.returncode == 0, result.stderr
    assert run(journal, "list", passphrase=FRESH).returncode == 0


def test_import_bad_file_names_record(journal: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(
        json.dumps(
            {
                "format": "health-journal",
                "version": 1,
                "episodes": [
                    {"id": "a", "started_at": "2026-01-01", "amount": "light"},
                    {"id": "b", "started_at": "2026-01-02", "amount": "lots"},
                ],
            }
        )
    )
    before = file_digest(journal)
    result = run(journal, "import", str(source))
    assert result.returncode == 1
    line = one_line_error(result)
    assert "episodes[1]" in line and "amount" in line
    assert file_digest(journal) == before


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journal", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("health-journal ")


@pytest.mark.parametrize("flag", ["--colour=", "--date=", "--ended="])
def test_empty_values_are_errors_not_defaults(journal: Path, flag: str) -> None:
    result = run(journal, "add", "--amount", "light", flag)
    assert result.returncode == 1
    one_line_error(result)


def test_show_escapes_control_characters(journal: Path) -> None:
    added = run(journal, "add", "--amount", "light", "--date", "2026-01-01", "--notes", "a\x1b[2Jb")
    assert added.returncode == 0, added.stderr
    shown = run(journal, "show", added.stdout.strip())
    assert "\x1b" not in shown.stdout
    assert "\\x1b[2Jb" in shown.stdout


def test_no_display_is_one_clear_line(journal: Path) -> None:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        and not k.startswith("HEALTH_JOURNAL")
    }
    result = subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal)],
        capture_output=True, text=True, env=environment, timeout=60, check=False,
    )  # fmt: skip
    if not sys.platform.startswith("linux"):
        pytest.skip("only X11/Wayland systems can lack a display")
    assert result.returncode == 1
    assert "no graphical display" in one_line_error(result)
