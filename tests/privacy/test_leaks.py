"""After a scripted session, a marker written in notes is in no file but the exports asked for.

The session uses the CLI (init, add, period, list/show, passphrase, backup, export,
report) and the desktop app (``gui_session.py``: create, log, edit, records, two PDFs,
JSON export, lock, unlock, quit). Home, XDG data/config/cache/state folders and the temp
folder all point inside the test's folder, so every file the session could leave anywhere
is searched (UTF-8 and UTF-16): the journal folder (databases, locks, any
``-journal``/``-wal``/``-shm``), backups, temp, settings and cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.helpers import MARKER, PASSPHRASE

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
        input=stdin,
        capture_output=True,
        text=True,
        env={**environment, **extra},
        timeout=120,
    )


def pdf_text(path: Path) -> str:
    """A PDF's text without any whitespace (table cells wrap lines anywhere)."""
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


def gui_and_report_steps(environment: dict[str, str], root: Path, passphrase: str) -> list[Path]:
    """The desktop session (``gui_session.py``) and a CLI report; the files the user saved.

    The GUI creates its own journal beside the CLI's, logs and edits an episode with the
    marker, adds a period and an appointment, saves two PDFs and a JSON export, locks,
    unlocks and quits. The PDFs hold the marker in compressed streams a byte search
    cannot see, so their text is read back: the reports really carry the notes, and a
    plain-text copy anywhere else would have been found.
    """
    exports = root / "exports"
    journal = root / "home/.local/share/health-journal/gui.hjournal"
    config = {"journal": str(journal), "exports": str(exports), "passphrase": passphrase}
    session = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("gui_session.py"))],
        input=json.dumps({**config, "marker": MARKER}),
        capture_output=True, text=True, env=environment, timeout=90,
    )  # fmt: skip
    assert session.returncode == 0, session.stderr[-4000:]
    result = json.loads(session.stdout.strip().splitlines()[-1])
    assert result["steps"][-1] == "quit"
    saved = [Path(p) for p in result["exports"]]
    assert {p.name for p in saved} == {
        "appointment-summary.pdf", "episode-report.pdf", "gui-export.json"
    }  # fmt: skip

    cli_report = exports / "cli-episode-report.pdf"
    listed = cli(environment, "list", "--json", HEALTH_JOURNAL_PASSPHRASE=passphrase)
    episode_id = json.loads(listed.stdout)[0]["id"]
    reported = cli(
        environment, "report", "--episode", episode_id, "-o", str(cli_report),
        HEALTH_JOURNAL_PASSPHRASE=passphrase,
    )  # fmt: skip
    assert reported.returncode == 0, reported.stderr
    saved.append(cli_report)

    for pdf in (p for p in saved if p.suffix == ".pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert MARKER in pdf_text(pdf), f"{pdf.name} does not show the notes"
    gui_export = json.loads((exports / "gui-export.json").read_text(encoding="utf-8"))
    assert MARKER in gui_export["episodes"][0]["notes"]
    assert MARKER in gui_export["appointments"][0]["notes"]
    assert journal.is_file() and MARKER.encode() not in journal.read_bytes()
    return saved


def test_marker_appears_only_in_the_export_the_user_asked_for(tmp_path: Path) -> None:
    env = session_environment(tmp_path)
    with_pass = {"HEALTH_JOURNAL_PASSPHRASE": PASSPHRASE}

    assert cli(env, "init", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n").returncode == 0
    added = cli(
        env,
        "add",
        "--amount",
        "light",
        "--date",
        "2026-11-01T09:15",
        "--notes",
        f"private {MARKER} note",
        **with_pass,
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
    # Everything that could hold it was really searched (not an empty walk): both
    # journals and their locks, the backup, and the settings the GUI wrote on quitting.
    journals = "home/.local/share/health-journal"
    assert {
        Path("backups/journal-backup.hjournal"),
        Path(f"{journals}/journal.hjournal"),
        Path(f"{journals}/gui.hjournal"),
    } <= set(searched)
    settings = [p for p in searched if p.parts[:2] == ("home", ".config") and p.suffix == ".conf"]
    assert settings, f"no settings file was written: {searched}"
    assert any(b"geometry" in (tmp_path / p).read_bytes() for p in settings)
    # No temporary or rollback file is left beside the journal or the backup.
    leftovers = (".tmp", "-journal", "-wal", "-shm")
    stray = [p for p in tmp_path.rglob("*") if p.is_file() and p.name.endswith(leftovers)]
    assert stray == []
