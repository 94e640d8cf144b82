"""The cards are written in the project's own words: no 8-word run shared with the articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import shared_folder

REPO = Path(__file__).resolve().parents[2]


def test_no_card_shares_an_eight_word_run_with_the_articles() -> None:
    tool = shared_folder() / "tools" / "seed_overlap.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--words", "8", str(REPO / "resources" / "cards")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_the_check_can_fail(tmp_path: Path) -> None:
    shared = shared_folder()
    seed = next((shared / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    copied = tmp_path / "copied.md"
    copied.write_text(" ".join(seed.split("\n", 1)[1].split()[:40]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(shared / "tools" / "seed_overlap.py"), str(copied)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
