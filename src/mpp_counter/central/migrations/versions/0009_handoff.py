"""The survey hand-off: prepared draws and what each opened one handed off.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("strata", sa.Text(), nullable=False),
        sa.Column("quotas", sa.Text(), nullable=False),
        sa.Column("suspicious_k", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=True),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.UniqueConstraint("campaign_id", "version", name="handoffs_campaign_version"),
    )
    op.create_table(
        "handoff_items",
        sa.Column("handoff_id", sa.Integer(), primary_key=True),
        sa.Column("consent_id", sa.String(length=36), primary_key=True),
        sa.Column("ref", sa.String(length=32), nullable=False, unique=True),
        sa.Column("stratum", sa.Text(), nullable=False),
    )
    op.create_index("handoff_items_consent", "handoff_items", ["consent_id"])


def downgrade() -> None:
    op.drop_index("handoff_items_consent", table_name="handoff_items")
    op.drop_table("handoff_items")
    op.drop_table("handoffs")
