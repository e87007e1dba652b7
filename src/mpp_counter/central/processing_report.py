"""Reading the record of processing: filtered lists for the console and the command
line, and the same rows as CSV (cells inert in a spreadsheet) or JSON."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select

from .processing import EXPORT, HANDOFF_PREFIX, Record, processing_records


def list_records(
    conn: Any,
    *,
    campaign_id: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    handoffs_only: bool = False,
    limit: int = 10_000,
) -> list[Record]:
    """Newest first. ``since``/``until``: UTC days, both included. ``handoffs_only``:
    what the survey team may see (exports and the hand-off's own entries)."""
    p = processing_records.c
    q = select(processing_records).order_by(p.at.desc(), p.id.desc()).limit(limit)
    if campaign_id:
        q = q.where(p.campaign_id == campaign_id)
    if action:
        q = q.where(p.action == action)
    if handoffs_only:
        q = q.where(or_(p.action == EXPORT, p.action.startswith(HANDOFF_PREFIX)))
    if since is not None:
        q = q.where(p.at >= f"{since.isoformat()}T00:00:00.000Z")
    if until is not None:
        q = q.where(p.at < f"{(until + timedelta(days=1)).isoformat()}T00:00:00.000Z")
    return [Record(**r._mapping) for r in conn.execute(q)]


CSV_HEADER = (
    "id",
    "at",
    "actor",
    "action",
    "campaign",
    "count",
    "recipient",
    "agreement",
    "detail",
)


def _cell(value: object) -> str:
    """Inert in a spreadsheet (OWASP CSV injection), as the exports' cells are."""
    text_ = "" if value is None else str(value)
    return "'" + text_ if text_[:1] in ("=", "+", "-", "@", "\t", "\r") else text_


def records_csv(records: list[Record]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in records:
        w.writerow(
            _cell(x)
            for x in (
                r.id,
                r.at,
                r.actor,
                r.action,
                r.campaign_id,
                r.count,
                r.recipient,
                r.agreement_id,
                r.detail,
            )
        )
    return out.getvalue()


def as_json(r: Record) -> dict[str, Any]:
    return {
        "id": r.id,
        "at": r.at,
        "actor": r.actor,
        "action": r.action,
        "campaign": r.campaign_id,
        "count": r.count,
        "recipient": r.recipient,
        "agreement": r.agreement_id,
        "detail": r.detail,
    }
