"""What an outbox record is made of: its stored row, read for a batch's ids in one fixed
statement each (a JSON array of ids or of sequence numbers), turned into wire records by
sync/records.py; and where each kind keeps its sync state."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .db import Connection
from .saves_schema import UNSENT_FROM


@dataclass(frozen=True)
class Kind:
    """Where one kind of record keeps its id and sync state. A visit and its consent share
    a row of ``saves`` (schema 9), each with its own state, found by sequence number."""

    table: str
    id: str
    state: str
    batch: str
    attempts: str
    error: str
    acked: str

    @property
    def in_saves(self) -> bool:
        return self.table == "saves"


_OWN = ("sync_state", "batch_id", "attempts", "last_error", "acked_at")
KINDS = {
    "visit": Kind("saves", "id", *_OWN),
    "consent": Kind(
        "saves",
        "consent_id",
        "consent_state",
        "consent_batch",
        "consent_attempts",
        "consent_error",
        "consent_acked_at",
    ),
    "withdrawal": Kind("withdrawals", "id", *_OWN),
    "void": Kind("voids", "id", *_OWN),
}
# The first save that may still have a record to send (saves_schema.UNSENT_FROM)
UNSENT_FROM_SQL = (
    f"coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '{UNSENT_FROM}'), 0)"
)


def visit_rows(con: Connection, seqs: list[int]) -> dict[str, dict[str, Any]]:
    return _rows(
        con,
        "SELECT id, seq, at, mpp_code, counter, clerk, service_code, agency_code,"
        " outcome, not_asked_reason, consent_id FROM saves",
        seqs,
        "seq",
    )


def consent_rows(con: Connection, seqs: list[int]) -> dict[str, dict[str, Any]]:
    """With each consent its campaign's JSON text (None when the campaign is unknown): read
    once per campaign, the same text object in every row (a batch has one campaign, and
    its ~1 KB would otherwise be copied out of the database for every consent)."""
    rows = _rows(
        con,
        "SELECT consent_id AS id, id AS visit_id, receipt, receipt_secret, consent_at AS at,"
        " campaign_id, notice_version, notice_hash, phone_masked, phone_sealed, sealed_to,"
        " sealed_key, mpp_code, counter, clerk FROM saves",
        seqs,
        "seq",
        " AND consent_id IS NOT NULL",
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
    con: Connection, select: str, keys: list[Any], key: str = "id", extra: str = ""
) -> dict[str, dict[str, Any]]:
    """The rows of these keys, asked for in one fixed statement (a JSON array), by id."""
    if not keys:
        return {}
    cur = con.execute(
        f"{select} WHERE {key} IN (SELECT value FROM json_each(?)){extra}", (json.dumps(keys),)
    )
    names = [d[0] for d in cur.description]  # as many as each row has: zip need not check
    return {r[0]: dict(zip(names, r, strict=False)) for r in cur}
