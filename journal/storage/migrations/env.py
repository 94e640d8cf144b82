"""Alembic environment: migrations always run on the app's already-keyed connection."""

from __future__ import annotations

from alembic import context

from journal.storage.models import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transaction_per_migration=False,
)
context.run_migrations()
