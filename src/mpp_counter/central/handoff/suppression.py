"""The suppression list: every consent an opened hand-off gave away that was withdrawn
since (receipt page, a counter by code, by number, a void), so the survey's sender can
delete what it holds within 3×24 hours (UU PDP Ps. 40). It names refs, never numbers:
the survey team's own file maps a ref to its number."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select

from .. import db
from .tables import handoff_items, handoffs

HEADER = ("ref", "receipt", "withdrawn_at", "handoff_version")


def rows(conn: Any, campaign_id: str) -> list[tuple[str, str, str, int]]:
    c = db.consents.c
    q = (
        select(handoff_items.c.ref, c.receipt, c.withdrawn_at, handoffs.c.version)
        .select_from(
            handoff_items.join(handoffs, handoffs.c.id == handoff_items.c.handoff_id).join(
                db.consents, c.id == handoff_items.c.consent_id
            )
        )
        .where(handoffs.c.campaign_id == campaign_id, c.withdrawn_at.is_not(None))
        .order_by(c.withdrawn_at, handoff_items.c.ref)
    )
    return [(r.ref, r.receipt, r.withdrawn_at, int(r.version)) for r in conn.execute(q)]


def to_csv(found: list[tuple[str, str, str, int]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(found)  # refs, receipt codes and times: ours, never a formula
    return buf.getvalue()


def fetch(engine: Any, campaign_id: str, who: Any, also: Any = None) -> str:
    """The list as CSV, its download recorded (Ps. 31)."""
    from . import records
    from .prepare import campaign_row

    with engine.begin() as conn:
        campaign_row(conn, campaign_id, purged_ok=True)
        found = rows(conn, campaign_id)
        records.record(
            conn,
            who,
            action=records.SUPPRESSION,
            campaign_id=campaign_id,
            count=len(found),
            recipient=None,
            agreement_id=None,
            detail="suppression list",
        )
        if also is not None:
            also(conn, len(found))
    return to_csv(found)
