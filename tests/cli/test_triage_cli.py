"""Triage through the CLI contract: every row of the spec's triage table (a case that fires
it and a near case that does not) imported into a real journal and read back with
``show ID --json``; and the text of ``show`` starting with the triage.

Each case gets its own journal (copied from one created empty journal, the same passphrase)
and runs the CLI in-process through ``cli.main``; one case also runs as a real process.
Every row runs its first case here (the pure-function tests run every case): each run
opens a real encrypted journal twice, which is what this table costs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from journal import cli, clock
from journal.domain import interchange
from journal.storage import create_journal
from tests.cards.card_builders import Setup
from tests.cards.triage_cases import ROW_CASES, RowCase, case_id
from tests.helpers import PASSPHRASE


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.journal"
    create_journal(path, PASSPHRASE)
    return path


@pytest.fixture
def passphrase_env() -> Iterator[None]:
    saved = os.environ.get("HEALTH_JOURNAL_PASSPHRASE")
    os.environ["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    yield
    if saved is None:
        del os.environ["HEALTH_JOURNAL_PASSPHRASE"]
    else:
        os.environ["HEALTH_JOURNAL_PASSPHRASE"] = saved


def _main(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    assert code == 0, err.getvalue()
    return out.getvalue()


def show_json(setup: Setup, empty: Path, folder: Path) -> dict[str, object]:
    """Import ``setup``'s journal from a JSON file, then ``show e --json`` as of its today."""
    journal = folder / "case.journal"
    shutil.copyfile(empty, journal)
    source = folder / "case.json"
    source.write_text(json.dumps(interchange.to_json(setup.data())), encoding="utf-8")
    clock.set_now(lambda: datetime(setup.today.year, setup.today.month, setup.today.day, 12))
    _main("--journal", str(journal), "import", str(source))
    document = json.loads(_main("--journal", str(journal), "show", "e", "--json"))
    assert isinstance(document, dict)
    return document


FIRST_CASE_PER_ROW = list({case.row: case for case in reversed(ROW_CASES)}.values())[::-1]


def test_every_row_is_in_the_cli_table() -> None:
    assert {case.row for case in FIRST_CASE_PER_ROW} == {case.row for case in ROW_CASES}


@pytest.mark.usefixtures("passphrase_env")
@pytest.mark.parametrize("case", FIRST_CASE_PER_ROW, ids=case_id)
def test_show_json_fires_the_row_and_not_for_the_near_case(
    case: RowCase, empty_journal: Path, tmp_path: Path
) -> None:
    fires_dir, near_dir = tmp_path / "fires", tmp_path / "near"
    fires_dir.mkdir()
    near_dir.mkdir()
    expected = case.fires.explain().triage
    reason = next(r.text for r in expected.fired if r.row == case.row)
    shown = show_json(case.fires, empty_journal, fires_dir)
    triage = shown["triage"]
    assert isinstance(triage, dict)
    assert list(triage) == ["level", "timing", "reasons"]
    assert triage == expected.to_json()
    assert reason in triage["reasons"]
    near = show_json(case.near, empty_journal, near_dir)["triage"]
    assert isinstance(near, dict)
    assert reason not in near["reasons"]
    assert near == case.near.explain().triage.to_json()


def _run(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    environment["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_a_real_process_prints_the_triage_first(empty_journal: Path, tmp_path: Path) -> None:
    journal = tmp_path / "real.journal"
    shutil.copyfile(empty_journal, journal)
    source = tmp_path / "in.json"
    pregnant = Setup(life_stage="pregnant", symptoms=("dizziness", "pelvic-pain"))
    source.write_text(json.dumps(interchange.to_json(pregnant.data())), encoding="utf-8")
    assert _run(journal, "import", str(source)).returncode == 0
    shown = _run(journal, "show", "e", "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert list(document)[:3] == ["episode", "cycle", "triage"]
    assert document["triage"]["level"] == "urgent"
    assert document["triage"]["timing"].startswith("Now: emergency care")
    assert document["cards"][0]["id"] == "urgent-care"
    assert document["cards"][0]["reasons"] == document["triage"]["reasons"]
    assert document["cycle"]["pregnancy"] == "pregnant"
    text = _run(journal, "show", "e")
    assert text.returncode == 0, text.stderr
    first = text.stdout.splitlines()[0]
    assert first.startswith("!! URGENT: Now: emergency care")
    assert text.stdout.index("URGENT") < text.stdout.index("Episode e")
