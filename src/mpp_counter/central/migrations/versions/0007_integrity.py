"""Integrity counts: visits per MPP, date, counter, agency, service, clerk and hour,
kept as batches arrive; filled here from the visits already stored.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_KEYS = (
    ("mpp", 32),
    ("counter", 64),
    ("agency", 64),
    ("service", 64),
    ("clerk", 64),
    ("local_date", 10),
)
_COUNTS = (
    "visits",
    "agreed",
    "declined",
    "not_asked",
    "na_no_phone",
    "na_minor",
    "na_representative",
    "na_language",
    "na_other",
)


def upgrade() -> None:
    from mpp_counter.central.integrity import aggregates

    op.create_table(
        "integrity_counts",
        *(sa.Column(name, sa.String(length=n), primary_key=True) for name, n in _KEYS),
        sa.Column("hour", sa.Integer(), primary_key=True),
        *(sa.Column(c, sa.Integer(), nullable=False, server_default="0") for c in _COUNTS),
    )
    aggregates.backfill(op.get_bind())  # one INSERT … SELECT … GROUP BY
    # the rows behind a flag, a page at a time (integrity/rows.py)
    op.create_index("visits_integrity", "visits", ["mpp", "counter", "local_date", "at", "id"])


def downgrade() -> None:
    op.drop_index("visits_integrity", table_name="visits")
    op.drop_table("integrity_counts")
