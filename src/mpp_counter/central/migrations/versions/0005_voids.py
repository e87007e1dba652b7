"""Voided visits: a counter's correction of a visit saved by mistake.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voids",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("clerk", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("clock_offset_s", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("skew_flagged", sa.Boolean(), nullable=False, server_default=sa.text("false")),
    )
    op.create_index("voids_visit", "voids", ["visit_id"])


def downgrade() -> None:
    op.drop_index("voids_visit", table_name="voids")
    op.drop_table("voids")
