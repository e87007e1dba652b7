"""The initial schema of the central: campaigns, devices, batches and the three records.

Revision ID: 0001
Revises:
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
        "batches",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("ids_sha256", sa.String(length=64), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id"),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("purged_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("receipt", sa.String(length=16), nullable=False),
        sa.Column("receipt_secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("notice_version", sa.String(length=64), nullable=False),
        sa.Column("notice_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("controller", sa.String(length=200), nullable=False),
        sa.Column("controller_contact", sa.String(length=200), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=8), nullable=False),
        sa.Column("collection_method", sa.String(length=64), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("clerk", sa.String(length=64), nullable=False),
        sa.Column("phone_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("phone_last4", sa.String(length=4), nullable=True),
        sa.Column("sealed_to", sa.String(length=64), nullable=False),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=True),
        sa.Column("withdrawn_via", sa.String(length=16), nullable=True),
        sa.Column("purged_at", sa.String(length=32), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("clock_offset_s", sa.Integer(), server_default="0", nullable=False),
        sa.Column("skew_flagged", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("consents_campaign", "consents", ["campaign_id"], unique=False)
    op.create_index("consents_receipt", "consents", ["receipt"], unique=False)
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("client_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.String(length=32), nullable=True),
        sa.Column("last_seen_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_sha256"),
    )
    op.create_table(
        "enrol_codes",
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("code_sha256"),
    )
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("device_time", sa.String(length=40), nullable=False),
        sa.Column("local_date", sa.String(length=10), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=False),
        sa.Column("counter", sa.String(length=64), nullable=False),
        sa.Column("clerk", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=64), nullable=False),
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("not_asked_reason", sa.String(length=32), nullable=True),
        sa.Column("consent_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("clock_offset_s", sa.Integer(), server_default="0", nullable=False),
        sa.Column("skew_flagged", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("visits_consent", "visits", ["consent_id"], unique=False)
    op.create_table(
        "withdrawals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("consent_id", sa.String(length=36), nullable=True),
        sa.Column("receipt", sa.String(length=16), nullable=True),
        sa.Column("phone_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("sealed_to", sa.String(length=64), nullable=True),
        sa.Column("mpp", sa.String(length=32), nullable=True),
        sa.Column("counter", sa.String(length=64), nullable=True),
        sa.Column("clerk", sa.String(length=64), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("clock_offset_s", sa.Integer(), server_default="0", nullable=False),
        sa.Column("skew_flagged", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("withdrawals_consent", "withdrawals", ["consent_id"], unique=False)
    op.create_index("withdrawals_receipt", "withdrawals", ["receipt"], unique=False)


def downgrade() -> None:
    op.drop_table("withdrawals")
    op.drop_table("visits")
    op.drop_table("settings")
    op.drop_table("exports")
    op.drop_table("enrol_codes")
    op.drop_table("devices")
    op.drop_table("consents")
    op.drop_table("campaigns")
    op.drop_table("batches")
