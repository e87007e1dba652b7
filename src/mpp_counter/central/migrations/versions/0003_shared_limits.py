"""Rate limits in the database (``rate_hits``), shared by every worker and machine; and
the fingerprint of the key each consent's number was sealed to (``consents.sealed_key``),
which ingest compares with the campaign's.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_hits",
        sa.Column("bucket", sa.String(length=64), primary_key=True),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
    )
    op.add_column("consents", sa.Column("sealed_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consents") as batch:
        batch.drop_column("sealed_key")
    op.drop_table("rate_hits")
