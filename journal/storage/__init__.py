"""Storage: the only package that knows SQLCipher, SQLAlchemy and Alembic."""

from journal.storage.journal_file import JournalStore, create_journal, open_journal

__all__ = ["JournalStore", "create_journal", "open_journal"]
