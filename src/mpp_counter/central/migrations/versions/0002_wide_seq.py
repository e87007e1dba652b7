"""Widen what PostgreSQL refused and SQLite let pass: a record's ``seq`` (the protocol
allows up to 2^53; int4 stops at 2^31) and a visit's ``device_time`` (an offset with
seconds and microseconds makes 42 characters). Such a record made PostgreSQL fail the
whole batch with a 503 that the counter retried for ever.

SQLite's INTEGER is already 64-bit and it does not enforce VARCHAR lengths, so there is
nothing to rewrite there.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEQ_TABLES = ("visits", "consents", "withdrawals")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SEQ_TABLES:
        op.alter_column(table, "seq", type_=sa.BigInteger(), existing_type=sa.Integer())
    op.alter_column(
        "visits",
        "device_time",
        type_=sa.String(length=64),
        existing_type=sa.String(length=40),
        existing_nullable=False,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "visits",
        "device_time",
        type_=sa.String(length=40),
        existing_type=sa.String(length=64),
        existing_nullable=False,
    )
    for table in SEQ_TABLES:
        op.alter_column(table, "seq", type_=sa.Integer(), existing_type=sa.BigInteger())
