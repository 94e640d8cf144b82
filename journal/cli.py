"""The command line: ``health-journal [--journal PATH] COMMAND``.

The spec's contract: commands, passphrase sources, exit codes (0 done, 1 error, 2 usage,
3 wrong passphrase or not a journal, 4 journal in use). Every error is one line on
standard error. Qt is imported only when the GUI is asked for.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from journal import __version__, clock
from journal.domain.dates import DATES
from journal.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidPassphrase,
    JournalError,
    JournalInUse,
    NotAJournal,
    printable,
)
from journal.domain.model import EpisodeDraft, Moment, Period, moment_to_iso
from journal.domain.validation import parse_choice, parse_date, parse_moment
from journal.domain.vocabulary import Amount, Colour, Mucus, Pain, Symptom, Trigger
from journal.hardening import harden_process
from journal.leftovers import sweep_pending
from journal.paths import default_journal_path

if TYPE_CHECKING:
    from journal.services import JournalService

PASS_VARIABLE = "HEALTH_JOURNAL_PASSPHRASE"
NEW_PASS_VARIABLE = "HEALTH_JOURNAL_NEW_PASSPHRASE"

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PASSPHRASE, EXIT_IN_USE = 0, 1, 2, 3, 4

# The one table from an error's kind to its exit code (the spec's contract); a kind not
# listed, nor any of its bases, exits 1. WrongPassphrase and DamagedJournal are NotAJournal.
EXIT_CODES: dict[type[JournalError], int] = {
    NotAJournal: EXIT_PASSPHRASE,
    JournalInUse: EXIT_IN_USE,
}


def exit_code_for(error: JournalError) -> int:
    """The exit code of ``error``'s kind (the nearest listed base class), else 1."""
    for kind in type(error).__mro__:
        if kind in EXIT_CODES:
            return EXIT_CODES[kind]
    return EXIT_ERROR


EPILOG = """\
The journal is HEALTH_JOURNAL_PATH, else a file in your user data folder.
The passphrase comes from HEALTH_JOURNAL_PASSPHRASE when set, else it is asked
for (one line from standard input when that is not a terminal); 'passphrase'
takes the new one from HEALTH_JOURNAL_NEW_PASSPHRASE, else asks twice.

Exit codes: 0 done, 1 error, 2 usage, 3 wrong passphrase or not a journal,
4 journal open elsewhere. Nothing can recover a lost passphrase.
"""


ACCEPT_WEAK_HELP = (
    "use a new passphrase below 'strong' without being asked (scripts); one guessable "
    "in seconds is refused anyway"
)
MAX_NOTES_FILE_BYTES = 1024 * 1024
NOT_UTF8 = (
    "The passphrase is not valid UTF-8 text (check the terminal's or the environment's "
    "character encoding)."
)


def strip_line_end(value: str) -> str:
    """The one line-end rule (see ``passphrase_policy.strip_line_end``), without its imports."""
    return value.rstrip("\r\n")


class UsageError(Exception):
    """Bad command-line words: exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="health-journal",
        description="A private, encrypted journal of unexpected bleeding. "
        "With no command, opens the desktop app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--journal", type=Path, metavar="PATH", help="journal file to use")
    parser.add_argument("--demo", action="store_true", help="open the app on sample data")
    parser.add_argument("--version", action="version", version=f"health-journal {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    init = _command(commands, "init", _init, "create a new encrypted journal")
    init.add_argument("--accept-weak", action="store_true", help=ACCEPT_WEAK_HELP)

    add = _command(commands, "add", _add, "log an episode")
    add.add_argument("--amount", required=True, help=f"one of: {', '.join(Amount.values())}")
    add.add_argument("--date", help="start, D or DTHH:MM (default: now)")
    ending = add.add_mutually_exclusive_group()
    ending.add_argument("--ended", help="end, D or DTHH:MM")
    ending.add_argument(
        "--ongoing", action="store_true", help="still bleeding: end it later with 'end ID'"
    )
    add.add_argument("--colour", help=f"one of: {', '.join(Colour.values())}")
    add.add_argument("--trigger", default="none", help=f"one of: {', '.join(Trigger.values())}")
    add.add_argument("--mucus", default="none", help=f"one of: {', '.join(Mucus.values())}")
    add.add_argument("--in-mucus", action="store_true", help="blood mixed into cervical mucus")
    add.add_argument("--pain", default="none", help=f"one of: {', '.join(Pain.values())}")
    add.add_argument(
        "--symptom", action="append", default=[], help=f"repeatable: {', '.join(Symptom.values())}"
    )
    notes = add.add_mutually_exclusive_group()
    notes.add_argument(
        "--notes", default="", help="free text (at most 10,000 characters; visible to "
        "other users in the process list: prefer --notes-file for anything private)"
    )  # fmt: skip
    notes.add_argument(
        "--notes-file", metavar="FILE", help="read the notes from FILE ('-': standard input)"
    )

    end = _command(commands, "end", _end, "end an ongoing episode: ID [--date D[THH:MM]]")
    end.add_argument("id")
    end.add_argument("--date", help="when it ended, D or DTHH:MM (default: now)")

    period = _command(commands, "period", _period_usage, "log a period")
    period_commands = period.add_subparsers(dest="period_command", parser_class=_Parser)
    period_add = _command(period_commands, "add", _period_add, "log a period: START [END]")
    period_add.add_argument("start")
    period_add.add_argument("end", nargs="?")

    listing = _command(commands, "list", _list, "list episodes")
    _range_arguments(listing)
    listing.add_argument("--json", action="store_true")

    show = _command(commands, "show", _show, "one episode with its cycle context and cards")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    imp = _command(
        commands, "import", _import,
        "add the records of an export: this app's JSON or another tracker's",
    )  # fmt: skip
    imp.add_argument(
        "--from",
        dest="source",
        metavar="FORMAT",
        help="health-journal (default), drip, clue, flo, apple-health, periodical, mensinator, "
        "ovumcy; without it the format is recognised from the file's content",
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would be added only")
    imp.add_argument("file", type=Path)

    exp = _command(commands, "export", _export, "everything as JSON (NOT encrypted)")
    exp.add_argument("-o", "--output", type=Path, metavar="FILE")

    report = _command(commands, "report", _report, "PDF report (NOT encrypted)")
    report.add_argument("--episode", metavar="ID")
    _range_arguments(report)
    report.add_argument(
        "--with-explanations",
        action="store_true",
        help="add the cards' explanations as an appendix (summary only)",
    )
    report.add_argument("--name", metavar="NAME", help="print this name (and age) on the summary")
    report.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", required=True)

    change = _command(commands, "passphrase", _passphrase, "change the passphrase")
    change.add_argument("--accept-weak", action="store_true", help=ACCEPT_WEAK_HELP)
    backup = _command(commands, "backup", _backup, "encrypted copy with the same passphrase")
    backup.add_argument("file", type=Path)
    _command(commands, "check", _check, "integrity check")
    return parser


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, run: Run, help_text: str
) -> _Parser:
    """A subcommand (``name``) that ``run`` carries out."""
    parser = commands.add_parser(name, help=help_text)
    parser.set_defaults(run=run)
    return parser


def _range_arguments(parser: argparse.ArgumentParser) -> None:
    """``--from D --to D``: a range of days, both ends optional."""
    parser.add_argument("--from", dest="from_", metavar="D")
    parser.add_argument("--to", metavar="D")


# --------------------------------------------------------------------------- passphrases


class _Prompter:
    """Reads passphrases from the environment, the terminal (no echo) or standard input."""

    def __init__(self, stdin: TextIO) -> None:
        self._stdin = stdin

    def _line(self, prompt: str) -> str | None:
        if self._stdin.isatty():
            try:
                return getpass.getpass(prompt)
            except EOFError:
                return None
        try:
            line = self._stdin.readline()
        except UnicodeDecodeError:
            raise InvalidPassphrase(NOT_UTF8) from None
        if not line:
            return None
        return strip_line_end(line)

    def _environment(self, variable: str) -> str | None:
        value = os.environ.get(variable)
        return None if value is None else strip_line_end(value)

    def current(self) -> str:
        value = self._environment(PASS_VARIABLE)
        if value is not None:
            return value
        line = self._line("Passphrase: ")
        if not line:
            raise JournalError("No passphrase was given.")
        return line

    def new(self, variable: str | None, *, accept_weak: bool = False) -> str:
        """A new passphrase: from ``variable`` when set, else asked twice; then the policy.

        One guessable in seconds is refused; one below strong needs ``accept_weak`` or,
        on a terminal, a yes to the question.
        """
        value = self._environment(variable) if variable else None
        if value is not None:
            if not value:
                raise JournalError("The new passphrase is empty.")
            return self._policy(value, accept_weak)
        first = self._line("New passphrase: ")
        if not first:
            raise JournalError("No passphrase was given.")
        second = self._line("Repeat the passphrase: ")
        # A script may give one line only; when it gives two, they must agree.
        if second is not None and second != first:
            raise JournalError("The two passphrases do not match; nothing was changed.")
        if second is None and self._stdin.isatty():
            raise JournalError("The passphrase was not repeated; nothing was changed.")
        return self._policy(first, accept_weak)

    def _policy(self, passphrase: str, accept_weak: bool) -> str:
        from journal.services.passphrase_policy import assess, check_new, check_usable

        check_usable(passphrase)
        strength = assess(passphrase)
        if strength.refused or strength.strong or accept_weak:
            check_new(passphrase, accept_weak=True)
            return passphrase
        if self._stdin.isatty():
            answer = self._line(f"{strength.caution()} Use it anyway? [y/N] ")
            if answer is not None and answer.strip().lower() in ("y", "yes"):
                return passphrase
            raise JournalError("The passphrase was not confirmed; nothing was changed.")
        check_new(passphrase, accept_weak=False)  # raises, naming --accept-weak
        return passphrase


# --------------------------------------------------------------------------- commands


def _optional_date(text: str | None, field: str) -> date | None:
    # An empty value (``--from=``) is a bad date, not "not given".
    return parse_date(text, field) if text is not None else None


def _episode_line(
    episode_id: str, when: Moment, amount: str, colour: str, trigger: str, ongoing: bool = False
) -> str:
    line = f"{episode_id[:8]}  {moment_to_iso(when):<16}  {amount:<10} {colour:<10} {trigger}"
    return f"{line}  (ongoing)" if ongoing else line


@dataclass
class Command:
    """What a subcommand's function gets: its arguments, its streams, and the journal.

    Each subcommand names its function (``_command(..., run, ...)``); the function
    checks its own words first, then calls :meth:`service`, which asks for the passphrase
    and opens the journal (once; :func:`main` closes it).
    """

    args: argparse.Namespace
    out: TextIO
    err: TextIO
    prompter: _Prompter
    path: Path
    _service: JournalService | None = field(default=None, repr=False)

    def service(self) -> JournalService:
        if self._service is None:
            from journal.services import JournalService

            self._service = JournalService.open(self.path, self.prompter.current())
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
            self._service = None


Run = Callable[[Command], int]


def _init(cmd: Command) -> int:
    from journal.services import JournalService

    if cmd.path.exists() or cmd.path.is_symlink():
        raise AlreadyExists(f"Something already exists at {cmd.path}; it was left untouched.")
    passphrase = cmd.prompter.new(PASS_VARIABLE, accept_weak=cmd.args.accept_weak)
    JournalService.create(cmd.path, passphrase)
    print(f"Created an encrypted journal at {cmd.path}.", file=cmd.out)
    print("Keep the passphrase safe: nothing can recover a lost one.", file=cmd.out)
    return EXIT_OK


def _add(cmd: Command) -> int:
    draft = _draft_from(cmd.args)  # validate the words before asking for a passphrase
    episode = cmd.service().add_episode(draft)
    print(episode.id, file=cmd.out)
    return EXIT_OK


def _end(cmd: Command) -> int:
    # Check the words before asking for a passphrase.
    ended = parse_moment(cmd.args.date, "--date") if cmd.args.date is not None else None
    service = cmd.service()
    episode = service.end_episode(service.resolve_id(cmd.args.id), ended)
    assert episode.ended_at is not None
    print(f"Episode {episode.id[:8]} ended {moment_to_iso(episode.ended_at)}.", file=cmd.out)
    return EXIT_OK


def _period_usage(cmd: Command) -> int:
    raise UsageError("the period command takes: period add START [END]")


def _period_add(cmd: Command) -> int:
    service = cmd.service()
    start = parse_date(cmd.args.start, "start")
    end = _optional_date(cmd.args.end, "end")
    service.save_period(Period(start=start, end=end))
    print(f"Period from {DATES.long(start)} logged.", file=cmd.out)
    return EXIT_OK


def _list(cmd: Command) -> int:
    service = cmd.service()
    args, out = cmd.args, cmd.out
    episodes = service.episodes(
        _optional_date(args.from_, "--from"), _optional_date(args.to, "--to")
    )
    if args.json:
        from journal.domain.interchange import episode_to_json

        _write_json_rows([episode_to_json(e) for e in episodes], out)
        return EXIT_OK
    for e in episodes:
        colour = e.colour.value if e.colour else "-"
        shown = printable(e.id)  # an imported id may hold escape codes
        line = _episode_line(
            shown, e.started_at, e.amount.value, colour, e.trigger.value, ongoing=e.ongoing
        )
        print(line, file=out)
    if not episodes:
        print("No episodes.", file=out)
    return EXIT_OK


def _show(cmd: Command) -> int:
    service = cmd.service()
    explanation = service.explain(service.resolve_id(cmd.args.id))
    if cmd.args.json:
        _write_json(explanation.to_json(), cmd.out)
    else:
        from journal.text_view import explanation_text

        cmd.out.write(explanation_text(explanation))
    return EXIT_OK


def _import(cmd: Command) -> int:
    from journal.services import imports

    args = cmd.args
    source = _import_format(args.source, args.file, cmd.out)
    if source == imports.NATIVE:
        if args.dry_run:
            print(imports.describe_native(args.file), file=cmd.out)
            print("Dry run: nothing was changed.", file=cmd.out)
        else:
            print(cmd.service().import_file(args.file).describe(), file=cmd.out)
        return EXIT_OK
    result = imports.read_export(args.file, source)  # a bad file needs no passphrase
    service = cmd.service()
    plan = service.plan_import(result) if args.dry_run else service.import_records(result)
    for line in plan.lines():
        print(line, file=cmd.out)
    print("Dry run: nothing was changed." if args.dry_run else plan.done(), file=cmd.out)
    return EXIT_OK


def _import_format(given: str | None, file: Path, out: TextIO) -> str:
    """The format named with --from, else the one recognised from the file's content."""
    from journal.services import imports

    if given is not None:
        if given not in imports.FORMAT_NAMES:
            raise UsageError(
                f"--from: '{given[:30]}' is not one of: {', '.join(imports.FORMAT_NAMES)}"
            )
        return given
    found = imports.recognise_file(file)
    if found is None:
        raise InvalidInput(
            "file",
            "is not in a format this app recognises; name it with --from "
            f"({', '.join(imports.FORMAT_NAMES)})",
        )
    print(f"Recognised the file as a {imports.format_label(found)} export.", file=out)
    return found


def _export(cmd: Command) -> int:
    service = cmd.service()
    output: Path | None = cmd.args.output
    if output is None:
        _write_json(service.export_json(), cmd.out)
    else:
        service.export_to(output)
        print(f"Exported to {output}. This file is NOT encrypted.", file=cmd.err)
    return EXIT_OK


def _report(cmd: Command) -> int:
    from journal.services.reports import write_report

    service = cmd.service()
    args = cmd.args
    if args.episode is not None and (args.from_ is not None or args.to is not None):
        raise UsageError("give either --episode or a date range, not both")
    write_report(
        service,
        args.output,
        episode_id=service.resolve_id(args.episode) if args.episode is not None else None,
        start=_optional_date(args.from_, "--from"),
        end=_optional_date(args.to, "--to"),
        name=args.name,
        with_explanations=args.with_explanations,
    )
    print(f"Report written to {args.output}. This PDF is NOT encrypted.", file=cmd.err)
    return EXIT_OK


def _passphrase(cmd: Command) -> int:
    service = cmd.service()
    service.require_writable()
    service.change_passphrase(cmd.prompter.new(NEW_PASS_VARIABLE, accept_weak=cmd.args.accept_weak))
    print("Passphrase changed; the journal opens with the new one.", file=cmd.out)
    return EXIT_OK


def _backup(cmd: Command) -> int:
    cmd.service().backup(cmd.args.file)
    print(f"Encrypted backup written to {cmd.args.file} (same passphrase).", file=cmd.out)
    return EXIT_OK


def _check(cmd: Command) -> int:
    problems = cmd.service().check()
    if problems:
        for problem in problems[:20]:
            print(f"problem: {problem}", file=cmd.out)
        raise JournalError(f"The integrity check found {len(problems)} problem(s).")
    print("The journal is sound: every page decrypts and verifies.", file=cmd.out)
    return EXIT_OK


def _write_json_rows(rows: list[dict[str, object]], out: TextIO) -> None:
    """A JSON array, one row a line: json's C encoder (indent would take the slow one)."""
    if not rows:
        out.write("[]\n")
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out.write("[\n  " + ",\n  ".join(map(encode, rows)) + "\n]\n")


def _write_json(value: object, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _run(args: argparse.Namespace, out: TextIO, err: TextIO, prompter: _Prompter) -> int:
    path: Path = (args.journal or default_journal_path()).expanduser()
    run: Run = args.run
    cmd = Command(args, out, err, prompter, path)
    try:
        return run(cmd)
    finally:
        cmd.close()


def _draft_from(args: argparse.Namespace) -> EpisodeDraft:
    started: Moment = (
        parse_moment(args.date, "--date")
        if args.date is not None
        else clock.now().replace(second=0)
    )
    ended = parse_moment(args.ended, "--ended") if args.ended is not None else None
    return EpisodeDraft(
        started_at=started,
        ended_at=ended,
        amount=parse_choice(Amount, args.amount, "--amount"),
        colour=parse_choice(Colour, args.colour, "--colour") if args.colour is not None else None,
        trigger=parse_choice(Trigger, args.trigger, "--trigger"),
        mucus=parse_choice(Mucus, args.mucus, "--mucus"),
        in_mucus=bool(args.in_mucus),
        pain=parse_choice(Pain, args.pain, "--pain"),
        symptoms=frozenset(parse_choice(Symptom, s, "--symptom") for s in args.symptom),
        notes=_notes_from(args),
        ongoing=bool(args.ongoing),
    )


def _notes_from(args: argparse.Namespace) -> str:
    """The notes: ``--notes``, or the content of ``--notes-file`` (``-``: standard input)."""
    if args.notes_file is None:
        return str(args.notes)
    if args.notes_file == "-":
        if os.environ.get(PASS_VARIABLE) is None:
            raise UsageError(
                "with --notes-file -, give the passphrase in HEALTH_JOURNAL_PASSPHRASE "
                "(standard input holds the notes)"
            )
        data = sys.stdin.buffer.read(MAX_NOTES_FILE_BYTES + 1)
        if len(data) > MAX_NOTES_FILE_BYTES:
            raise InvalidInput("--notes-file", "standard input holds more than 1 MB of notes")
    else:
        from journal.services.journal_service import read_import_bytes

        data = read_import_bytes(Path(args.notes_file), MAX_NOTES_FILE_BYTES, "notes files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("--notes-file", "is not UTF-8 text") from None
    return strip_line_end(text)


def _no_display() -> bool:
    """On X11/Wayland systems, no display to open a window on (Qt would abort, not explain)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _gui(args: argparse.Namespace) -> int:
    if _no_display():
        raise JournalError(
            "There is no graphical display to open the app on; "
            "use a command instead (health-journal --help lists them)."
        )
    from journal.app import run_app

    path = None if args.demo else (args.journal or default_journal_path()).expanduser()
    return run_app(path, demo=bool(args.demo))


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    out, err = sys.stdout, sys.stderr
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        _check_words(words)
        args = build_parser().parse_args(words)
        sweep_pending()
        if args.command is None:
            if args.demo and args.journal:
                raise UsageError(
                    "--demo uses a throw-away journal; do not combine it with --journal"
                )
            return _gui(args)
        if args.demo:
            raise UsageError("--demo opens the app; it takes no command")
        return _run(args, out, err, _Prompter(sys.stdin))
    except UsageError as error:
        print(f"health-journal: {error}", file=err)
        return EXIT_USAGE
    except JournalError as error:
        print(f"health-journal: {_sentence(str(error))}", file=err)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("health-journal: interrupted; nothing more was changed.", file=err)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: still one line, never a traceback
        if os.environ.get("HEALTH_JOURNAL_DEBUG"):
            raise
        print(
            f"health-journal: unexpected error ({type(error).__name__}); nothing more was changed.",
            file=err,
        )
        return EXIT_ERROR


def _check_words(words: Sequence[str]) -> None:
    """Command-line words are text: bytes that are not UTF-8 are refused in one sentence."""
    for index, word in enumerate(words, start=1):
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                f"word {index} of the command line is not valid UTF-8 text "
                "(check the terminal's character encoding)"
            ) from None


def _sentence(text: str) -> str:
    """One line, whatever the message held."""
    return " ".join(text.split()) or "unknown error"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
