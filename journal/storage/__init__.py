"""Storage: the only package that knows SQLCipher, SQLAlchemy and Alembic.

Opening and reading a journal go to SQLCipher directly (``reading``); SQLAlchemy and the
models are imported with the first change (``JournalStore.transaction``), so unlocking a
journal to look at it never pays for them (about 40 MB and a fifth of a second).
"""

from journal.storage.journal_file import JournalStore, create_journal, open_journal

__all__ = ["JournalStore", "create_journal", "open_journal"]
