"""The first schema: episodes, periods, dated context, conditions, screenings, signs, visits.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episode",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("started_at", sa.String(19), nullable=False),
        sa.Column("ended_at", sa.String(19), nullable=True),
        sa.Column("amount", sa.String(16), nullable=False),
        sa.Column("colour", sa.String(16), nullable=True),
        sa.Column("in_mucus", sa.Boolean(), nullable=False),
        sa.Column("mucus", sa.String(16), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("pain", sa.String(16), nullable=False),
        sa.Column("symptoms", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_episode"),
    )
    # (started_at, id) is the list order: the index serves ORDER BY without a sort.
    op.create_index("ix_episode_started_at", "episode", ["started_at", "id"])
    op.create_table(
        "period",
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("start", name="pk_period"),
    )
    op.create_table(
        "context_entry",
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("life_stage", sa.String(16), nullable=False),
        sa.Column("contraception", sa.String(16), nullable=False),
        sa.Column("trying_to_conceive", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("since", name="pk_context_entry"),
    )
    op.create_table(
        "condition",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_condition"),
    )
    op.create_table(
        "screening",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screening"),
    )
    op.create_table(
        "ovulation_sign",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("sign", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ovulation_sign"),
    )
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("with", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_appointment"),
    )
    op.create_table(
        "journal_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_journal_meta"),
    )


def downgrade() -> None:
    for table in (
        "journal_meta",
        "appointment",
        "ovulation_sign",
        "screening",
        "condition",
        "context_entry",
        "period",
        "episode",
    ):
        op.drop_table(table)
