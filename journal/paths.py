"""Where the default journal lives: the platform's user data folder, or HEALTH_JOURNAL_PATH."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "health-journal"
JOURNAL_FILE = "journal.hjournal"
PATH_VARIABLE = "HEALTH_JOURNAL_PATH"


def default_journal_path() -> Path:
    configured = os.environ.get(PATH_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / JOURNAL_FILE
