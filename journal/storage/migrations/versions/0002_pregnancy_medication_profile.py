"""Issue 9: ongoing episodes, pregnancy tests, medications and the profile.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

New values of existing columns (``very-heavy``, ``fainting``, ``marked``) need no change:
enumerated values are stored as their spec strings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("episode") as batch:
        batch.add_column(
            sa.Column("ongoing", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "pregnancy_test",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pregnancy_test"),
    )
    op.create_table(
        "medication",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_medication"),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profile"),
    )


def downgrade() -> None:
    op.drop_table("profile")
    op.drop_table("medication")
    op.drop_table("pregnancy_test")
    with op.batch_alter_table("episode") as batch:
        batch.drop_column("ongoing")
