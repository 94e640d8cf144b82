"""After a scripted session, a marker written in notes is in no file but the export asked for.

Home, XDG data/config/cache/state folders and the temp folder all point inside the test's
folder, so every file the session could leave anywhere is searched: the journal folder
(database, lock, any ``-journal``/``-wal``/``-shm``), backups, temp, settings and cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import MARKER, PASSPHRASE

NEW_PASSPHRASE = "a new passphrase for the leak test"


def session_environment(root: Path) -> dict[str, str]:
    folders = {
        "HOME": "home",
        "XDG_DATA_HOME": "home/.local/share",
        "XDG_CONFIG_HOME": "home/.config",
        "XDG_CACHE_HOME": "home/.cache",
        "XDG_STATE_HOME": "home/.local/state",
        "XDG_RUNTIME_DIR": "runtime",
        "TMPDIR": "tmp",
    }
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HEALTH_JOURNAL", "XDG_")) and k not in ("HOME", "TMPDIR")
    }
    for variable, relative in folders.items():
        folder = root / relative
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        environment[variable] = str(folder)
    environment["QT_QPA_PLATFORM"] = "offscreen"
    environment["MPLCONFIGDIR"] = str(root / "home/.config/matplotlib")
    return environment


def cli(
    environment: dict[str, str], *args: str, stdin: str = "", **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        input=stdin, capture_output=True, text=True, env={**environment, **extra}, timeout=120,
    )


def gui_and_report_steps(environment: dict[str, str], root: Path, passphrase: str) -> list[Path]:
    """PLACEHOLDER for the GUI and report issues: open the app, edit the episode, lock, print.

    Add here: the GUI session (create/edit with the marker, lock, unlock) and a PDF report
    written with ``report -o``. Return the files the user asked for (the report PDF), which
    may hold the marker; everything else under ``root`` must not.
    """
    return []


def test_marker_appears_only_in_the_export_the_user_asked_for(tmp_path: Path) -> None:
    env = session_environment(tmp_path)
    with_pass = {"HEALTH_JOURNAL_PASSPHRASE": PASSPHRASE}

    assert cli(env, "init", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n").returncode == 0
    added = cli(
        env, "add", "--amount", "light", "--date", "2026-11-01T09:15",
        "--notes", f"private {MARKER} note", **with_pass,
    )
    assert added.returncode == 0, added.stderr
    episode_id = added.stdout.strip()
    assert cli(env, "period", "add", "2026-10-20", "2026-10-24", **with_pass).returncode == 0
    reads = (("list",), ("list", "--json"), ("show", episode_id), ("show", episode_id, "--json"))
    for args in reads:
        shown = cli(env, *args, **with_pass)
        assert shown.returncode == 0, shown.stderr
    assert MARKER in shown.stdout  # the marker really was stored and read back

    changed = cli(env, "passphrase", **with_pass, HEALTH_JOURNAL_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert changed.returncode == 0, changed.stderr
    with_new = {"HEALTH_JOURNAL_PASSPHRASE": NEW_PASSPHRASE}
    backup = tmp_path / "backups" / "journal-backup.hjournal"
    assert cli(env, "backup", str(backup), **with_new).returncode == 0
    export = tmp_path / "exports" / "my-export.json"
    assert cli(env, "export", "-o", str(export), **with_new).returncode == 0
    assert cli(env, "check", **with_new).returncode == 0

    asked_for = [export, *gui_and_report_steps(env, tmp_path, NEW_PASSPHRASE)]

    journal_folder = tmp_path / "home/.local/share/health-journal"
    assert (journal_folder / "journal.hjournal").is_file(), sorted(tmp_path.rglob("*"))
    assert backup.is_file()
    assert json.loads(export.read_text(encoding="utf-8"))["episodes"][0]["notes"].count(MARKER)

    needles = [MARKER.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]
    searched, leaks = [], []
    for path in sorted(tmp_path.rglob("*")):
        if not path.is_file() or path in asked_for:
            continue
        searched.append(path.relative_to(tmp_path))
        content = path.read_bytes()
        if any(needle in content for needle in needles):
            leaks.append(path.relative_to(tmp_path))
    assert leaks == [], f"the marker leaked into {leaks}"
    # The journal, its lock and the backup were really searched (not an empty walk).
    assert {Path("backups/journal-backup.hjournal")} <= set(searched)
    assert any(p.name == "journal.hjournal" for p in searched)
    # No temporary or rollback file is left beside the journal or the backup.
    leftovers = (".tmp", "-journal", "-wal", "-shm")
    stray = [p for p in tmp_path.rglob("*") if p.is_file() and p.name.endswith(leftovers)]
    assert stray == []
