"""Wire records (protocol v1) built from the store's rows, checked with the central's rules.

Building is deterministic: the same rows give the same JSON, so a batch resent after a
lost answer carries exactly what it carried the first time. Each record is parsed back
with :func:`protocol.messages.parse_record` before it leaves: what this counter cannot
send is flagged here with the reason instead of being rejected by the central.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..protocol.messages import (
    ConsentRecord,
    Record,
    RecordInvalid,
    VisitRecord,
    VoidRecord,
    WithdrawalRecord,
    parse_record,
    record_to_json,
)
from ..store import outbox

COLLECTION_METHOD = "verbal notice at the counter, recorded by the clerk"


@dataclass(frozen=True)
class Built:
    records: tuple[dict[str, Any], ...]  # wire JSON, in outbox order
    invalid: tuple[tuple[str, str], ...]  # (record id, reason) not sendable


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def visit(row: dict[str, Any], seq: int, zone: ZoneInfo) -> VisitRecord:
    at = _t(row["at"])
    return VisitRecord(
        id=row["id"],
        seq=seq,
        at=at,
        device_time=at.astimezone(zone),
        mpp=row["mpp_code"],
        counter=row["counter"],
        clerk=row["clerk"],
        agency=row["agency_code"],
        service=row["service_code"],
        outcome=row["outcome"],
        not_asked_reason=row["not_asked_reason"],
        consent_id=row["consent_id"],
    )


def consent(row: dict[str, Any], seq: int) -> ConsentRecord:
    campaign = json.loads(row["campaign_json"]) if row["campaign_json"] else {}
    return ConsentRecord(
        id=row["id"],
        seq=seq,
        visit_id=row["visit_id"],
        at=_t(row["at"]),
        receipt=row["receipt"],
        receipt_secret_sha256=hashlib.sha256(row["receipt_secret"].encode()).hexdigest(),
        campaign_id=row["campaign_id"],
        notice_version=row["notice_version"],
        notice_hash=row["notice_hash"],
        purpose=campaign.get("purpose_id", ""),
        channel=campaign.get("channel", "WhatsApp"),
        controller=campaign.get("controller", ""),
        controller_contact=campaign.get("controller_contact", ""),
        retention_days=campaign.get("retention_days", 0),
        jurisdiction=campaign.get("jurisdiction", "ID"),
        collection_method=COLLECTION_METHOD,
        mpp=row["mpp_code"],
        counter=row["counter"],
        clerk=row["clerk"],
        phone_sealed=bytes(row["phone_sealed"] or b""),
        phone_last4=(row["phone_masked"] or "")[-4:],
        sealed_to=row["sealed_to"] or "",
        sealed_key=row["sealed_key"],
    )


def withdrawal(row: dict[str, Any], seq: int) -> WithdrawalRecord:
    sealed = row["phone_sealed"]
    return WithdrawalRecord(
        id=row["id"],
        seq=seq,
        at=_t(row["at"]),
        consent_id=row["consent_id"],
        receipt=row["receipt"],
        phone_sealed=bytes(sealed) if sealed is not None else None,
        sealed_to=row["sealed_to"],
        mpp=row["mpp_code"],
        counter=row["counter"],
        clerk=row["clerk"],
        phone_last4=row.get("phone_last4"),
    )


def void(row: dict[str, Any], seq: int) -> VoidRecord:
    return VoidRecord(
        id=row["id"],
        seq=seq,
        at=_t(row["at"]),
        visit_id=row["visit_id"],
        reason=row["reason"],
        mpp=row["mpp_code"],
        counter=row["counter"],
        clerk=row["clerk"],
    )


def build(
    rows: Mapping[str, dict[str, Any]], entries: tuple[outbox.OutboxEntry, ...], zone: str
) -> Built:
    """The wire form of each entry from its stored row (``store.outbox.rows(entries)``);
    entries whose row is gone or unusable are listed apart."""
    tz = ZoneInfo(zone)
    good: list[dict[str, Any]] = []
    bad: list[tuple[str, str]] = []
    for e in entries:
        row = rows.get(e.record_id)
        if row is None:
            bad.append((e.record_id, "the record is missing from the store"))
            continue
        try:
            rec: Record
            if e.kind == "visit":
                rec = visit(row, e.seq, tz)
            elif e.kind == "consent":
                rec = consent(row, e.seq)
            elif e.kind == "void":
                rec = void(row, e.seq)
            else:
                rec = withdrawal(row, e.seq)
            wire = record_to_json(rec)
            parse_record(wire)  # the central's own rules, before anything leaves
        except RecordInvalid as exc:
            bad.append((e.record_id, exc.message))
            continue
        except (KeyError, TypeError, ValueError) as exc:
            bad.append((e.record_id, f"the stored record is unusable ({type(exc).__name__})"))
            continue
        good.append(wire)
    return Built(tuple(good), tuple(bad))
