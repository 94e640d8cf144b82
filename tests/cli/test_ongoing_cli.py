"""``add --ongoing`` and ``end ID [--date D]``, run as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.storage import create_journal
from tests.cli.test_cli import one_line_error, run
from tests.helpers import PASSPHRASE, file_digest


@pytest.fixture
def journal(journal_path: Path) -> Path:
    create_journal(journal_path, PASSPHRASE)
    return journal_path


def add_ongoing(journal: Path) -> str:
    added = run(
        journal,
        "add",
        "--amount",
        "very-heavy",
        "--date",
        "2026-11-01T08:00",
        "--symptom",
        "fainting",
        "--ongoing",
    )
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_an_ongoing_episode_is_listed_shown_and_ended(journal: Path) -> None:
    episode_id = add_ongoing(journal)
    listed = run(journal, "list")
    assert listed.stdout.splitlines() == [
        f"{episode_id[:8]}  2026-11-01T08:00  very-heavy -          none  (ongoing)"
    ]
    (as_json,) = json.loads(run(journal, "list", "--json").stdout)
    assert as_json["ongoing"] is True and "ended_at" not in as_json
    assert as_json["amount"] == "very-heavy" and as_json["symptoms"] == ["fainting"]
    shown = run(journal, "show", episode_id[:8])
    assert "When:                    1 November 2026, 08:00, still going on" in shown.stdout
    document = json.loads(run(journal, "show", episode_id, "--json").stdout)
    assert document["episode"]["ongoing"] is True
    assert document["cycle"]["pregnancy"] == "unlikely"

    ended = run(journal, "end", episode_id[:8], "--date", "2026-11-03T21:15")
    assert ended.returncode == 0, ended.stderr
    assert ended.stdout.strip() == f"Episode {episode_id[:8]} ended 2026-11-03T21:15."
    (after,) = json.loads(run(journal, "list", "--json").stdout)
    assert after["ended_at"] == "2026-11-03T21:15" and "ongoing" not in after
    assert "(ongoing)" not in run(journal, "list").stdout


def test_end_defaults_to_now(journal: Path) -> None:
    episode_id = add_ongoing(journal)
    ended = run(journal, "end", episode_id)
    assert ended.returncode == 0, ended.stderr
    (after,) = json.loads(run(journal, "list", "--json").stdout)
    assert len(after["ended_at"]) == len("2026-11-03T21:15")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--date", "2026-10-31"], 1, "before the episode started"),
        (["--date", "2026-11-01T07:59"], 1, "before the episode started"),
        (["--date", "2099-01-01"], 1, "future"),
        (["--date", "yesterday"], 1, "not a date"),
    ],
)
def test_a_bad_end_is_one_sentence_and_changes_nothing(
    journal: Path, args: list[str], code: int, words: str
) -> None:
    episode_id = add_ongoing(journal)
    digest = file_digest(journal)
    result = run(journal, "end", episode_id, *args)
    assert result.returncode == code
    assert words in one_line_error(result)
    assert file_digest(journal) == digest


def test_ending_an_ended_episode_or_an_unknown_one_is_refused(journal: Path) -> None:
    added = run(journal, "add", "--amount", "light", "--date", "2026-11-01")
    episode_id = added.stdout.strip()
    digest = file_digest(journal)
    result = run(journal, "end", episode_id)
    assert result.returncode == 1
    assert one_line_error(result).endswith(
        f"Episode '{episode_id}' is not ongoing, so there is nothing to end."
    )
    unknown = run(journal, "end", "zzzzzzzz")
    assert unknown.returncode == 1
    assert "No episode" in one_line_error(unknown)
    assert file_digest(journal) == digest


def test_ongoing_and_ended_together_are_a_usage_error(journal: Path) -> None:
    result = run(journal, "add", "--amount", "light", "--ongoing", "--ended", "2026-11-02")
    assert result.returncode == 2
    assert "not allowed with" in one_line_error(result)
    assert json.loads(run(journal, "list", "--json").stdout) == []
