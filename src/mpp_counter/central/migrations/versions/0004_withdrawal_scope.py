"""Withdrawals by code at any counter, and the withdrawal feed back to the counters.

A withdrawal by code carries the number's last four digits and gets a state (pending
until its consent arrives, applied to exactly one consent, or ambiguous when two
consents share code and digits); ``withdrawal_notices`` lists every withdrawn consent
in commit order for its counter to learn. Existing data: the sealed number of every
consent already withdrawn is deleted (UU PDP Ps. 43), and a notice is written for each
so that counters learn the withdrawals made before this upgrade.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("withdrawals") as batch:
        batch.add_column(sa.Column("phone_last4", sa.String(length=4), nullable=True))
        batch.add_column(sa.Column("state", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("applied_to", sa.String(length=36), nullable=True))
    op.create_table(
        "withdrawal_notices",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("consent_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("withdrawn_at", sa.String(length=32), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
    )
    op.create_index("notices_device", "withdrawal_notices", ["device_id", "seq"])
    op.execute(
        "INSERT INTO withdrawal_notices(consent_id, device_id, withdrawn_at, via)"
        " SELECT id, device_id, withdrawn_at, coalesce(withdrawn_via, 'counter')"
        " FROM consents WHERE withdrawn_at IS NOT NULL ORDER BY withdrawn_at, id"
    )
    op.execute(
        "UPDATE consents SET phone_sealed = NULL"
        " WHERE withdrawn_at IS NOT NULL AND phone_sealed IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index("notices_device", table_name="withdrawal_notices")
    op.drop_table("withdrawal_notices")
    with op.batch_alter_table("withdrawals") as batch:
        batch.drop_column("applied_to")
        batch.drop_column("state")
        batch.drop_column("phone_last4")
