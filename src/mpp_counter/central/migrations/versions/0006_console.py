"""The console: accounts, sessions, audit trail; what each device last said of itself.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

T = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(length=32), nullable=False, unique=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("mpp", sa.String(length=32), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=False),
        sa.Column("last_totp_step", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", T, nullable=True),
        sa.Column("created_at", T, nullable=False),
        sa.Column("disabled_at", T, nullable=True),
    )
    op.create_table(
        "console_sessions",
        sa.Column("id_sha256", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", T, nullable=False),
        sa.Column("seen_at", T, nullable=False),
    )
    op.create_index("console_sessions_user", "console_sessions", ["user_id"])
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", T, nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
    )
    op.create_index("console_audit_at", "console_audit", ["at"])
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("last_batch_at", T, nullable=True))
        batch.add_column(sa.Column("backlog", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("clock_offset_s", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("unreadable", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("devices_mpp", "devices", ["mpp", "counter", "id"])


def downgrade() -> None:
    op.drop_index("devices_mpp", table_name="devices")
    with op.batch_alter_table("devices") as batch:
        for name in ("unreadable", "clock_offset_s", "backlog", "last_batch_at"):
            batch.drop_column(name)
    op.drop_index("console_audit_at", table_name="console_audit")
    op.drop_table("console_audit")
    op.drop_index("console_sessions_user", table_name="console_sessions")
    op.drop_table("console_sessions")
    op.drop_table("console_users")
