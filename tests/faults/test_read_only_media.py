"""A journal on read-only media: everything that only reads works, every change says so.

A small tmpfs holds a journal and is then remounted read-only (root only, as the
disk-full trials; skipped with the reason elsewhere).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.services.journal_service import JournalService
from journal.storage import create_journal
from tests.helpers import MARKER, PASSPHRASE, draft


@pytest.fixture
def read_only_journal(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "media"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a read-only tmpfs needs root and mount(8): trial skipped")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({mounted.stderr.strip()})")
    try:
        journal = folder / "health.journal"
        create_journal(journal, PASSPHRASE)
        service = JournalService.open(journal, PASSPHRASE)
        try:
            service.add_episode(draft(notes=MARKER))
        finally:
            service.close()
        remounted = subprocess.run(
            ["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True
        )
        if remounted.returncode != 0:
            pytest.skip(f"remounting read-only is not permitted ({remounted.stderr.strip()})")
        yield journal
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def cli(
    journal: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HEALTH_JOURNAL")}
    environment["HEALTH_JOURNAL_PASSPHRASE"] = PASSPHRASE
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "journal", "--journal", str(journal), *args],
        input="",
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
    )


def test_reading_works_and_changes_say_read_only(read_only_journal: Path, tmp_path: Path) -> None:
    journal = read_only_journal
    listed = cli(journal, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    episodes = json.loads(listed.stdout)
    assert [e["notes"] for e in episodes] == [MARKER]
    assert cli(journal, "show", episodes[0]["id"][:8]).returncode == 0
    assert cli(journal, "check").returncode == 0
    out = tmp_path / "out"
    assert cli(journal, "export", "-o", str(out / "e.json")).returncode == 0
    assert cli(journal, "report", "-o", str(out / "r.pdf")).returncode == 0
    backed_up = cli(journal, "backup", str(out / "b.journal"))
    assert backed_up.returncode == 0, backed_up.stderr
    assert cli(out / "b.journal", "list").returncode == 0
    for words, env in (
        (["add", "--amount", "light", "--date", "2026-01-01"], None),
        (["period", "add", "2026-01-01"], None),
        (["passphrase"], {"HEALTH_JOURNAL_NEW_PASSPHRASE": "a brand new passphrase"}),
    ):
        refused = cli(journal, *words, env=env)
        assert refused.returncode == 1, (words, refused.stderr)
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "read-only" in lines[0], (words, refused.stderr)
    assert sorted(p.name for p in journal.parent.iterdir()) == [journal.name]
