"""Schema versions: upgrade an opened journal to the newest schema, refuse a newer one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from journal.storage.errors import NewerJournal, NotAJournal

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
OUR_TABLES = {"episode", "period", "context_entry"}


@lru_cache(maxsize=1)
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_and_upgrade(connection: Connection, *, is_new: bool) -> bool:
    """Bring the schema to head inside the caller's transaction. Returns True if it changed.

    A journal whose revision this version does not know was written by a newer app: it is
    refused untouched. A keyed database without our tables is a foreign SQLCipher file.
    """
    revision = current_revision(connection)
    if revision is None and not is_new:
        tables = set(inspect(connection).get_table_names())
        if not tables >= OUR_TABLES:
            raise NotAJournal("This file is an encrypted database, but not a Health Journal.")
    if revision == head_revision():
        return False
    if revision is not None and revision not in known_revisions():
        raise NewerJournal(
            "This journal was written by a newer version of Health Journal; "
            "update the app to open it (the file was not changed)."
        )
    from alembic import command

    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    return True
