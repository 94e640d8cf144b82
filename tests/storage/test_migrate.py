"""The schema check without Alembic: the same answers as Alembic, and no import of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from journal.storage import migrate
from tests.helpers import PASSPHRASE


def test_revisions_read_from_the_files_are_alembics() -> None:
    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {rev.revision for rev in script.walk_revisions()}


_PROBE = """
import sys
from pathlib import Path
from journal.services import JournalService
service = JournalService.open(Path(sys.argv[1]), sys.argv[2])
service.episodes()
service.close()
print(sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "mako")))
"""


def test_opening_a_current_journal_does_not_import_alembic(journal_path: Path) -> None:
    from journal.services import JournalService

    JournalService.create(journal_path, PASSPHRASE)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(journal_path), PASSPHRASE],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"
