"""What an outbox record is made of: its stored row, read for a batch's ids in one fixed
statement each (a JSON array of ids), turned into wire records by sync/records.py."""

from __future__ import annotations

import json
from typing import Any

from .db import Connection

# each kind of record, in its own table
TABLES = {"visit": "visits", "consent": "consents", "withdrawal": "withdrawals", "void": "voids"}


def visit_rows(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    return _rows(
        con,
        "SELECT id, seq, at, mpp_code, counter, clerk, service_code, agency_code,"
        " outcome, not_asked_reason, consent_id FROM visits",
        ids,
    )


def consent_rows(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """With each consent its campaign's JSON text (None when the campaign is unknown): read
    once per campaign, the same text object in every row (a batch has one campaign, and
    its ~1 KB would otherwise be copied out of the database for every consent)."""
    rows = _rows(
        con,
        "SELECT c.id, c.visit_id, c.receipt, c.receipt_secret, c.at,"
        " c.campaign_id, c.notice_version, c.notice_hash, c.phone_masked,"
        " c.phone_sealed, c.sealed_to, c.sealed_key, v.mpp_code, v.counter, v.clerk"
        " FROM consents c JOIN visits v ON v.id = c.visit_id",
        ids,
        "c.id",
    )
    campaigns = {row["campaign_id"] for row in rows.values()}
    texts: dict[Any, str] = dict(
        con.execute(
            "SELECT id, json FROM campaigns WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(campaigns)),),
        ).fetchall()
        if campaigns
        else ()
    )
    for row in rows.values():
        row["campaign_json"] = texts.get(row["campaign_id"])
    return rows


def withdrawal_rows(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    return _rows(
        con,
        "SELECT id, at, consent_id, receipt, phone_sealed, sealed_to, mpp_code,"
        " counter, clerk, phone_last4 FROM withdrawals",
        ids,
    )


def void_rows(con: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    return _rows(con, "SELECT id, at, visit_id, reason, mpp_code, counter, clerk FROM voids", ids)


def _rows(
    con: Connection, select: str, ids: list[str], key: str = "id"
) -> dict[str, dict[str, Any]]:
    """The rows of these ids, asked for in one fixed statement (a JSON array of ids)."""
    if not ids:
        return {}
    cur = con.execute(
        f"{select} WHERE {key} IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    )
    names = [d[0] for d in cur.description]  # as many as each row has: zip need not check
    return {r[0]: dict(zip(names, r, strict=False)) for r in cur}
