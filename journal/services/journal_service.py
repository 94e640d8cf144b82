"""The journal's use cases: one open journal, its records, import/export, maintenance.

Every method is one short transaction scoped to a user action; it takes and returns
frozen domain dataclasses and announces what changed on the hub.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from journal import clock
from journal.domain import interchange
from journal.domain.errors import (
    EpisodeNotFound,
    InvalidInput,
    JournalError,
    ReadOnlyJournal,
    WrongPassphrase,
)
from journal.domain.model import (
    Appointment,
    Condition,
    ContextEntry,
    Episode,
    EpisodeDraft,
    JournalData,
    Medication,
    Moment,
    OvulationSign,
    Period,
    PregnancyTest,
    Profile,
    Screening,
)
from journal.domain.validation import (
    check_fits,
    check_merge,
    ends_before_start,
    merge_profile,
    validate_episode,
    validate_journal,
    validate_record,
)
from journal.services.changes import ChangeHub, Changes
from journal.storage import JournalStore, create_journal, open_journal, reading
from journal.storage.files import NotRegularFile, TooLarge, read_bounded, write_private_file
from journal.storage.journal_file import READ_ONLY

if TYPE_CHECKING:
    from journal.cards import Explainer, Explanation, Pattern
    from journal.imports import ImportPlan, ImportResult

T = TypeVar("T")
R = TypeVar("R")

MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 32


# The service's name for a wrong current passphrase at a change (a kind, not a new class).
WrongCurrentPassphrase = WrongPassphrase


class EpisodeNotOngoing(JournalError):
    """``end`` on an episode that is not marked as still going on."""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    episodes: int
    periods: int
    other: int

    def describe(self) -> str:
        return (
            f"Imported {self.episodes} episode(s), {self.periods} period(s) "
            f"and {self.other} other record(s)."
        )


#: Each kind of record the service saves one at a time: where the journal lists it, and
#: which views a change to it concerns.
_KINDS: dict[type, tuple[Callable[[JournalData], Sequence[Any]], Changes]] = {
    Period: (lambda d: d.periods, Changes(periods=True)),
    ContextEntry: (lambda d: d.context, Changes(context=True)),
    Condition: (lambda d: d.conditions, Changes(context=True)),
    Screening: (lambda d: d.screenings, Changes(context=True)),
    OvulationSign: (lambda d: d.ovulation_signs, Changes(periods=True)),
    Appointment: (lambda d: d.appointments, Changes(appointments=True)),
    PregnancyTest: (lambda d: d.pregnancy_tests, Changes(context=True)),
    Medication: (lambda d: d.medications, Changes(context=True)),
}


class JournalService:
    """Everything the GUI and CLI do to an open journal."""

    def __init__(self, store: JournalStore, hub: ChangeHub | None = None) -> None:
        self._store = store
        self.changes = hub or ChangeHub()
        self._data: JournalData | None = None
        self._explainer: Explainer | None = None

    # ------------------------------------------------------------------ lifecycle

    @staticmethod
    def create(path: Path, passphrase: str) -> None:
        create_journal(path, passphrase)

    @classmethod
    def open(cls, path: Path, passphrase: str, hub: ChangeHub | None = None) -> JournalService:
        return cls(open_journal(path, passphrase), hub)

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def is_open(self) -> bool:
        return self._store.is_open

    @property
    def read_only(self) -> bool:
        """Opened read-only (read-only media or file): reading works, changes are refused."""
        return self._store.read_only

    def prepare_changes(self) -> None:
        """Make the first change quick: done while a form is open, before it is saved."""
        if self._store.is_open and not self._store.read_only:
            self._store.prepare_changes()

    @property
    def changes_prepared(self) -> bool:
        return self._store.changes_prepared

    def require_writable(self) -> None:
        """Refuse a change up front (before asking for anything) when opened read-only."""
        if self._store.read_only:
            raise ReadOnlyJournal(READ_ONLY)

    def close(self) -> None:
        """Lock: close the connection and forget every cached record."""
        self._store.close()
        self._forget()

    def _forget(self) -> None:
        self._data = None
        self._explainer = None

    def _changed(self, changes: Changes) -> None:
        self._forget()
        self.changes.emit(changes)

    # ------------------------------------------------------------------ reading

    def data(self) -> JournalData:
        """The whole journal (cached until the next change)."""
        if self._data is None:
            with self._store.snapshot() as conn:
                self._data = reading.load_all(conn)
        return self._data

    def episodes(self, start: date | None = None, end: date | None = None) -> list[Episode]:
        if start is None and end is None:
            return list(self.data().episodes)
        with self._store.snapshot() as conn:
            return reading.list_episodes(conn, start, end)

    def episode(self, episode_id: str) -> Episode:
        with self._store.snapshot() as conn:
            found = reading.get_episode(conn, episode_id)
        if found is None:
            raise EpisodeNotFound(f"No episode with id '{episode_id[:60]}'.")
        return found

    def resolve_id(self, text: str) -> str:
        """A full episode id, or a unique prefix of one (4+ characters, as ``list`` shows)."""
        ids = [e.id for e in self.data().episodes]
        if text in ids:
            return text
        matches = [i for i in ids if len(text) >= 4 and i.startswith(text)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise EpisodeNotFound(
                f"'{text[:60]}' matches {len(matches)} episodes; give more of the id."
            )
        raise EpisodeNotFound(f"No episode with id '{text[:60]}'.")

    # ------------------------------------------------------------------ episodes

    def add_episode(self, draft: EpisodeDraft) -> Episode:
        episode = validate_episode(draft, clock.now())
        with self._store.transaction() as tx:
            tx.insert_episode(episode)
        self._changed(Changes(episodes=True))
        return episode

    def update_episode(self, episode_id: str, draft: EpisodeDraft | Episode) -> Episode:
        episode = validate_episode(draft, clock.now(), episode_id=episode_id)
        with self._store.transaction() as tx:
            if not tx.replace_episode(episode):
                raise EpisodeNotFound(f"No episode with id '{episode_id[:60]}'.")
        self._changed(Changes(episodes=True))
        return episode

    def delete_episode(self, episode_id: str) -> Episode:
        """Delete and return the episode (so the GUI can offer undo)."""
        with self._store.transaction() as tx:
            found = tx.get_episode(episode_id)
            if found is None:
                raise EpisodeNotFound(f"No episode with id '{episode_id[:60]}'.")
            tx.delete_episode(episode_id)
        self._changed(Changes(episodes=True))
        return found

    def end_episode(self, episode_id: str, ended_at: Moment | None = None) -> Episode:
        """End an ongoing episode at ``ended_at`` (default: now, to the minute)."""
        episode = self.episode(episode_id)
        if not episode.ongoing:
            raise EpisodeNotOngoing(
                f"Episode '{episode_id[:60]}' is not ongoing, so there is nothing to end."
            )
        end = ended_at if ended_at is not None else clock.now().replace(second=0)
        if ends_before_start(episode.started_at, end):
            raise InvalidInput("date", "is before the episode started")
        draft = replace(episode, ended_at=end, ongoing=False)
        return self.update_episode(episode.id, draft)

    def ongoing_episodes(self) -> list[Episode]:
        """Episodes still marked as ongoing, oldest first."""
        return [e for e in self.data().episodes if e.ongoing]

    def restore_episode(self, episode: Episode) -> Episode:
        """Put back a deleted episode exactly as it was (undo)."""
        with self._store.transaction() as tx:
            if tx.get_episode(episode.id) is not None:
                raise InvalidInput("id", f"an episode '{episode.id[:40]}' already exists")
            tx.insert_episode(episode)
        self._changed(Changes(episodes=True))
        return episode

    # ------------------------------------------------------------------ other records
    #
    # One shape for every kind: ``save_x(record, replacing=None)`` adds a record, or swaps
    # it for ``replacing`` (an edit) in one transaction; ``delete_x(record)`` removes it.
    # ``save_record``/``delete_record`` are the same for a record of any of these kinds
    # (the records dialog's pages use them). The rules live in ``domain.validation``; a
    # refusal leaves the journal unchanged.

    def periods(self) -> list[Period]:
        return list(self.data().periods)

    def save_period(self, period: Period, replacing: Period | None = None) -> Period:
        """Overlapping periods and periods longer than 31 days are refused."""
        self.save_record(period, replacing)
        return period

    def delete_period(self, period: Period) -> None:
        self.delete_record(period)

    def save_context(self, entry: ContextEntry, replacing: ContextEntry | None = None) -> None:
        """One entry a day: a second one on a taken day is refused (edit that one instead)."""
        self.save_record(entry, replacing)

    def delete_context(self, entry: ContextEntry) -> None:
        self.delete_record(entry)

    def save_condition(self, condition: Condition, replacing: Condition | None = None) -> None:
        self.save_record(condition, replacing)

    def delete_condition(self, condition: Condition) -> None:
        self.delete_record(condition)

    def save_screening(self, screening: Screening, replacing: Screening | None = None) -> None:
        self.save_record(screening, replacing)

    def delete_screening(self, screening: Screening) -> None:
        self.delete_record(screening)

    def save_ovulation_sign(
        self, sign: OvulationSign, replacing: OvulationSign | None = None
    ) -> None:
        self.save_record(sign, replacing)

    def delete_ovulation_sign(self, sign: OvulationSign) -> None:
        self.delete_record(sign)

    def save_appointment(
        self, appointment: Appointment, replacing: Appointment | None = None
    ) -> None:
        self.save_record(appointment, replacing)

    def delete_appointment(self, appointment: Appointment) -> None:
        self.delete_record(appointment)

    def save_pregnancy_test(
        self, test: PregnancyTest, replacing: PregnancyTest | None = None
    ) -> None:
        self.save_record(test, replacing)

    def delete_pregnancy_test(self, test: PregnancyTest) -> None:
        self.delete_record(test)

    def save_medication(self, medication: Medication, replacing: Medication | None = None) -> None:
        self.save_record(medication, replacing)

    def delete_medication(self, medication: Medication) -> None:
        self.delete_record(medication)

    def profile(self) -> Profile:
        return self.data().profile

    def save_profile(self, profile: Profile) -> None:
        """Replace the one profile (an empty one is refused: ``delete_profile`` clears it)."""
        validate_record(profile, clock.today())
        with self._store.transaction() as tx:
            tx.put_profile(profile)
        self._changed(Changes(context=True))

    def delete_profile(self) -> None:
        with self._store.transaction() as tx:
            tx.put_profile(Profile())
        self._changed(Changes(context=True))

    def last_appointment(self, before: date | None = None) -> Appointment | None:
        limit = before or clock.today()
        past = [a for a in self.data().appointments if a.date <= limit]
        return past[-1] if past else None

    def save_record(self, record: R, replacing: R | None = None) -> None:
        """``save_x`` for a record of any kind but episodes and the profile."""
        records, changes = _KINDS[type(record)]
        validate_record(record, clock.today())
        check_fits(record, [r for r in records(self.data()) if r != replacing])
        with self._store.transaction() as tx:
            if replacing is not None and not tx.delete_record(replacing):
                raise InvalidInput("record", "was not found (already deleted?)")
            tx.insert_record(record)
        self._changed(changes)

    def delete_record(self, record: R) -> None:
        """``delete_x`` for a record of any kind but episodes and the profile."""
        _, changes = _KINDS[type(record)]
        with self._store.transaction() as tx:
            if not tx.delete_record(record):
                raise InvalidInput("record", "was not found (already deleted?)")
        self._changed(changes)

    # ------------------------------------------------------------------ cards

    def explainer(self) -> Explainer:
        """The card engine over the current data (rebuilt after each change)."""
        if self._explainer is None:
            from journal.cards import Explainer

            self._explainer = Explainer(self.data())
        return self._explainer

    def explain(self, episode_id: str) -> Explanation:
        try:
            return self.explainer().explain(episode_id)
        except EpisodeNotFound:
            raise EpisodeNotFound(f"No episode with id '{episode_id[:60]}'.") from None

    def patterns(self) -> list[Pattern]:
        return list(self.explainer().patterns())

    # ------------------------------------------------------------------ import / export

    def export_json(self) -> dict[str, Any]:
        return interchange.to_json(self.data())

    def export_to(self, target: Path) -> None:
        """Write the export as a new 0600 file, complete before it appears (never overwrites)."""
        self.refuse_output_name(target)
        text = json.dumps(self.export_json(), ensure_ascii=False, indent=2) + "\n"
        write_private_file(target, text.encode("utf-8"))

    def refuse_output_name(self, target: Path) -> None:
        """Refuse an output name SQLite would take for the journal's own working file."""
        self._store.refuse_companion(target)

    def import_file(self, source: Path) -> ImportSummary:
        return self.import_data(read_json_document(source))

    def import_data(self, document: object) -> ImportSummary:
        """All or nothing: validate the whole document, then add it in one transaction."""
        incoming = interchange.from_json(document)
        validate_journal(incoming, clock.now())
        with self._store.transaction() as tx:
            existing = tx.load_all()
            clashes = tx.episode_ids(e.id for e in incoming.episodes)
            for index, episode in enumerate(incoming.episodes):
                if episode.id in clashes:
                    raise InvalidInput(
                        "id", f"'{episode.id[:40]}' is already in the journal", f"episodes[{index}]"
                    )
            periods = _new_items(incoming.periods, existing.periods)
            check_merge(existing, incoming)
            context = _new_items(incoming.context, existing.context)
            conditions = _new_items(incoming.conditions, existing.conditions)
            screenings = _new_items(incoming.screenings, existing.screenings)
            signs = _new_items(incoming.ovulation_signs, existing.ovulation_signs)
            appointments = _new_items(incoming.appointments, existing.appointments)
            tests = _new_items(incoming.pregnancy_tests, existing.pregnancy_tests)
            medications = _new_items(incoming.medications, existing.medications)
            profile = merge_profile(existing.profile, incoming.profile)
            tx.insert_episodes(incoming.episodes)
            for record in (
                *periods, *context, *conditions, *screenings, *signs, *appointments, *tests,
                *medications,
            ):  # fmt: skip
                tx.insert_record(record)
            if profile != existing.profile:
                tx.put_profile(profile)
        self._changed(Changes.everything())
        other = len(context) + len(conditions) + len(screenings) + len(signs) + len(appointments)
        other += len(tests) + len(medications) + (profile != existing.profile)
        return ImportSummary(episodes=len(incoming.episodes), periods=len(periods), other=other)

    def plan_import(self, result: ImportResult) -> ImportPlan:
        """The preview of importing another tracker's records: nothing is written."""
        from journal.imports import plan_import  # only when importing: the CLI starts faster

        return plan_import(result, self.data(), clock.today())

    def import_records(self, result: ImportResult) -> ImportPlan:
        """Add another tracker's records in one transaction, skipping what is already here."""
        from journal.imports import plan_import

        now = clock.now()
        with self._store.transaction() as tx:
            plan = plan_import(result, tx.load_all(), now.date())
            tx.insert_episodes([validate_episode(e, now) for e in plan.add.episodes])
            for record in (*plan.add.periods, *plan.add.ovulation_signs, *plan.add.pregnancy_tests):
                tx.insert_record(record)
        self._changed(Changes.everything())
        return plan

    # ------------------------------------------------------------------ maintenance

    def check(self) -> list[str]:
        return self._store.check()

    def change_passphrase(self, new_passphrase: str, current: str | None = None) -> None:
        """Re-encrypt under ``new_passphrase``; when ``current`` is given it must match.

        (The GUI asks for the current passphrase again, so an unlocked, unattended
        window is not enough to take the journal over.)
        """
        if current is not None and not self._store.passphrase_matches(current):
            raise WrongCurrentPassphrase(
                "The current passphrase is not right; nothing was changed."
            )
        self._store.change_passphrase(new_passphrase)

    def backup(self, target: Path) -> None:
        self._store.backup_to(target)


# --------------------------------------------------------------------------- helpers


def _new_items(incoming: Sequence[T], existing: Iterable[T]) -> list[T]:
    """Records not already present (an identical record is the same fact, not a clash)."""
    have = set(existing)
    out: list[T] = []
    for item in incoming:
        if item not in have:
            have.add(item)
            out.append(item)
    return out


def not_regular(source: Path) -> str:
    return (
        f"{source} is not a regular file (a device, a pipe or a socket); "
        "save the export to a file and import that"
    )


def read_import_bytes(source: Path, limit: int = MAX_IMPORT_BYTES, what: str = "imports") -> bytes:
    """The bytes of a file to read in, through a bounded reader, or one clear sentence."""
    try:
        return read_bounded(source.expanduser(), limit)
    except TooLarge:
        raise InvalidInput(
            "file", f"is larger than {limit // (1024 * 1024)} MB, the limit for {what}"
        ) from None
    except OSError as error:
        raise cannot_read(source, error) from None


def cannot_read(source: Path, error: OSError) -> InvalidInput:
    """The one sentence for a file that could not be opened to be read in."""
    if isinstance(error, FileNotFoundError):
        return InvalidInput("file", f"{source} does not exist")
    if isinstance(error, IsADirectoryError):
        return InvalidInput("file", f"{source} is a folder")
    if isinstance(error, NotRegularFile):
        return InvalidInput("file", not_regular(source))
    return InvalidInput("file", f"{source} cannot be read ({error.strerror})")


def read_json_document(source: Path) -> object:
    """Read a JSON file for import, with one clear sentence for every way it can be wrong."""
    raw = read_import_bytes(source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("file", "is not UTF-8 text, so not a Health Journal export") from None
    _check_depth(text)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "file", f"is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise InvalidInput("file", "is nested too deeply to be an export") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits.
        raise InvalidInput("file", "holds a number with too many digits to be a value") from None
    if _SURROGATE_ESCAPE.search(text):
        _check_text(document)
    return document


# A JSON escape of a UTF-16 surrogate: a lone one decodes to a string no file can hold.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _check_text(value: object) -> None:
    """Refuse strings that are not valid Unicode text (a lone surrogate escape)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidInput(
                    "file",
                    "holds a \\u escape of half a character (a lone surrogate), "
                    "which is not valid text",
                ) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _check_depth(text: str) -> None:
    """Refuse absurd nesting before the JSON parser recurses into it."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise InvalidInput("file", "is nested too deeply to be an export")
        elif char in "]}":
            depth -= 1
