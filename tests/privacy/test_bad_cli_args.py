"""Hypothesis over command-line values: exit 1 or 2, one line on stderr, the file unchanged.

``main(argv)`` runs in this process (fast enough for many examples); the subprocess tests
in tests/cli/ prove the same contract for real processes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.cli import main
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger
from journal.storage import create_journal
from tests.helpers import PASSPHRASE, file_digest

EXAMPLES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHOICES = {
    "--amount": Amount.values(),
    "--colour": Colour.values(),
    "--trigger": Trigger.values(),
    "--mucus": Mucus.values(),
    "--pain": Pain.values(),
    "--symptom": Symptom.values(),
}
DATEISH = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
BAD_DATES = [
    "2026-02-30",
    "2026-13-01",
    "2026-01-01T25:00",
    "2027-01-01",
    "2026-11-23T00:00",
    "yesterday",
    "🩸",
    "\x1b[2J",
    "2026-01-01\x00",
    "1/2/2026",
]
values = st.one_of(
    st.text(max_size=40), st.sampled_from(["🩸", "\u202eevah", "e\u0301", "\x1b[31m", "-", "-x-"])
).filter(
    # The OS cannot pass NUL in an argument; argparse reads a bare "--" as end of options.
    lambda v: "\x00" not in v and v != "--"
)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-args") / "health.journal"
    create_journal(path, PASSPHRASE)
    return path


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HEALTH_JOURNAL_PASSPHRASE", PASSPHRASE)
    umask = os.umask(0o077)  # main() hardens the process; keep that from leaking to others
    yield
    os.umask(umask)


def _refused(journal: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    before = file_digest(journal)
    capsys.readouterr()
    code = main(["--journal", str(journal), *argv])
    captured = capsys.readouterr()
    assert code in (1, 2), (argv, code, captured.err)
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert file_digest(journal) == before
    return lines[0]


@EXAMPLES
@given(option=st.sampled_from(sorted(CHOICES)), value=values)
def test_unknown_choices(
    journal: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    if value in CHOICES[option] or not value:
        value += "x"  # (an empty --colour= means "no colour", like leaving it out)
    argv = ["add", "--amount", "light", "--date", "2026-01-01"]
    argv = [*argv[:1], *argv[3:]] if option == "--amount" else argv
    _refused(journal, capsys, *argv, f"{option}={value}")


@EXAMPLES
@given(
    option=st.sampled_from(["--date", "--ended"]),
    value=st.one_of(st.sampled_from(BAD_DATES), values.filter(lambda v: not DATEISH.match(v))),
)
def test_bad_dates(
    journal: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    value = value or "x"  # (an empty --date= means "not given": now, like leaving it out)
    argv = ["add", "--amount", "light", f"{option}={value}"]
    if option == "--ended":
        argv.append("--date=2026-01-01")
    _refused(journal, capsys, *argv)


@EXAMPLES
@given(
    argv=st.sampled_from(
        [["list", "--from"], ["list", "--to"], ["period", "add"], ["period", "add", "2026-01-01"]]
    ),
    value=st.one_of(
        st.sampled_from([d for d in BAD_DATES if not d.startswith(("2027", "2026-11-23"))]),
        values.filter(lambda v: not DATEISH.match(v)),
    ),
)
def test_bad_dates_elsewhere(
    journal: Path, capsys: pytest.CaptureFixture[str], argv: list[str], value: str
) -> None:
    value = value or "x"  # an empty --from/--to means "not given"
    _refused(journal, capsys, *argv, value if not value.startswith("-") else f" {value}")


@EXAMPLES
@given(
    argv=st.lists(values, min_size=1, max_size=4).filter(
        lambda a: (
            a[0]
            not in {
                "init",
                "add",
                "period",
                "list",
                "show",
                "import",
                "export",
                "report",
                "passphrase",
                "backup",
                "check",
            }
        )
    )
)
def test_unknown_words_are_usage_errors(
    journal: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    if argv[0].startswith("-"):
        argv = ["zz", *argv]
    if argv[0] in ("-h", "--help", "--version") or not argv[0].strip():
        argv[0] = "zz"
    before = file_digest(journal)
    code = main(["--journal", str(journal), *argv])
    captured = capsys.readouterr()
    assert code == 2, (argv, captured.err)
    assert len(captured.err.splitlines()) == 1 and "Traceback" not in captured.err
    assert file_digest(journal) == before


def test_notes_over_the_limit(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _refused(journal, capsys, "add", "--amount", "light", "--notes", "🩸" * 10_001)
    assert "notes" in line and len(line) < 300
