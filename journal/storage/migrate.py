"""Schema versions: upgrade an opened journal to the newest schema, refuse a newer one.

Alembic is imported only when a journal needs upgrading (or a new one is made): opening a
journal whose schema is current reads the revision with one query and the newest revision
from the migration files' own ``revision = ...`` lines, which a test keeps equal to
Alembic's view of them.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from journal.storage import reading
from journal.storage.errors import NewerJournal, NotAJournal

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
OUR_TABLES = {"episode", "period", "context_entry"}


@lru_cache(maxsize=1)
def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def _assigned(source: str, name: str) -> str | None:
    """The string assigned to ``name`` at the top of a migration file (None if none)."""
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and any(isinstance(t, ast.Name) and t.id == name for t in _targets(node))
            and isinstance(node.value, ast.Constant)
        ):
            value = node.value.value
            return value if isinstance(value, str) else None
    return None


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


@lru_cache(maxsize=1)
def _revisions() -> dict[str, str | None]:
    """Every revision this version knows, with the one it revises (from the files)."""
    found: dict[str, str | None] = {}
    for path in sorted((_MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision = _assigned(source, "revision")
        if revision is not None:
            found[revision] = _assigned(source, "down_revision")
    return found


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision: the one no other revises."""
    revisions = _revisions()
    heads = set(revisions) - {down for down in revisions.values() if down is not None}
    assert len(heads) == 1, f"the migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revisions())


def check_and_upgrade(connection: Connection, *, is_new: bool) -> bool:
    """Bring the schema to head inside the caller's transaction. Returns True if it changed.

    A journal whose revision this version does not know was written by a newer app: it is
    refused untouched. A keyed database without our tables is a foreign SQLCipher file.
    """
    conn = reading.driver_of(connection)
    revision = reading.schema_revision(conn)
    if revision is None and not is_new and not reading.table_names(conn) >= OUR_TABLES:
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
