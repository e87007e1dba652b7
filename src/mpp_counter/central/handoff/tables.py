"""The hand-off's two tables, kept here (not in central/db.py) on ``db.metadata``.

``handoffs``: one prepared draw per row, versioned 1, 2, 3… per campaign; the seed, the
strata and the quotas are recorded so the draw can be repeated and audited. It holds no
number: the numbers are opened only on the survey team's machine. ``handoff_items``: what
an opened hand-off gave away, each consent under a random ``ref`` the survey team gets
instead of any id of ours, so the suppression list can name it without a number.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, UniqueConstraint

from .. import db

handoffs = Table(
    "handoffs",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", db.T, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("seed", String(64), nullable=False),  # hex
    Column("strata", Text, nullable=False),  # JSON: {"by": [...], "period": "month"}
    Column("quotas", Text, nullable=False),  # JSON: {"default": n, "per": [[values, n]]}
    Column("suspicious_k", Integer, nullable=False),
    Column("agreement_id", Integer),
    Column("recipient", String(200), nullable=False),
    Column("state", String(16), nullable=False),  # prepared | opened
    Column("opened_at", db.T),
    Column("counts", Text),  # JSON, once opened: per stratum and what was left out
    UniqueConstraint("campaign_id", "version", name="handoffs_campaign_version"),
)

handoff_items = Table(
    "handoff_items",
    db.metadata,
    Column("handoff_id", Integer, primary_key=True),
    Column("consent_id", String(36), primary_key=True),
    Column("ref", String(32), nullable=False, unique=True),
    Column("stratum", Text, nullable=False),  # JSON list of the stratum's values
)

Index("handoff_items_consent", handoff_items.c.consent_id)
