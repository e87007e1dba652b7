"""Wire records (protocol v1) built from the store's rows, checked with the central's rules.

Building is deterministic: the same rows give the same JSON, so a batch resent after a
lost answer carries exactly what it carried the first time. Every record passes the
central's rules (checks.py: the parser once per repeated part, each record's own fields
every time) before it leaves: what this counter cannot send is flagged here with the
reason instead of being rejected by the central. Visits and consents, nearly every
record, are written straight into their wire form (no record object in between: that
was a third of the client's time per record); the field order and values are those of
:func:`protocol.records.record_to_json` of :func:`visit` and :func:`consent`, which
tests/sync/test_wire_records.py compares.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..protocol.fields import RecordInvalid
from ..protocol.records import (
    ConsentRecord,
    Record,
    VisitRecord,
    VoidRecord,
    WithdrawalRecord,
    record_to_json,
)
from ..store import outbox
from .checks import Checked
from .wiretimes import wire_times

__all__ = ["Built", "Checked", "build", "consent", "consent_wire", "visit", "visit_wire"]

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


@functools.lru_cache(maxsize=8)
def _campaign(text: str | None) -> dict[str, Any]:
    """The campaign a consent was given for (one text for a whole batch), read once."""
    return dict(json.loads(text)) if text else {}


def consent(row: dict[str, Any], seq: int) -> ConsentRecord:
    campaign = _campaign(row["campaign_json"])
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


def visit_wire(row: dict[str, Any], seq: int, zone: ZoneInfo) -> tuple[dict[str, Any], bool]:
    """``record_to_json(visit(row, seq, zone))``, written directly; and whether its times
    are in the parser's range."""
    iso, local, in_range = wire_times(row["at"], zone)
    return {
        "id": row["id"],
        "seq": seq,
        "at": iso,
        "device_time": local,
        "mpp": row["mpp_code"],
        "counter": row["counter"],
        "clerk": row["clerk"],
        "agency": row["agency_code"],
        "service": row["service_code"],
        "outcome": row["outcome"],
        "not_asked_reason": row["not_asked_reason"],
        "consent_id": row["consent_id"],
        "kind": "visit",
    }, in_range


@functools.lru_cache(maxsize=8)
def _campaign_part(text: str | None) -> dict[str, Any]:
    """A consent's fields that come from its campaign, in wire order (as consent())."""
    c = _campaign(text)
    return {
        "purpose": c.get("purpose_id", ""),
        "channel": c.get("channel", "WhatsApp"),
        "controller": c.get("controller", ""),
        "controller_contact": c.get("controller_contact", ""),
        "retention_days": c.get("retention_days", 0),
        "jurisdiction": c.get("jurisdiction", "ID"),
    }


def consent_wire(row: dict[str, Any], seq: int) -> tuple[dict[str, Any], bool]:
    """``record_to_json(consent(row, seq))``, written directly; and whether its time is
    in the parser's range."""
    iso, _, in_range = wire_times(row["at"], None)
    return {
        "id": row["id"],
        "seq": seq,
        "visit_id": row["visit_id"],
        "at": iso,
        "receipt": row["receipt"],
        "receipt_secret_sha256": hashlib.sha256(row["receipt_secret"].encode()).hexdigest(),
        "campaign_id": row["campaign_id"],
        "notice_version": row["notice_version"],
        "notice_hash": row["notice_hash"],
        **_campaign_part(row["campaign_json"]),
        "collection_method": COLLECTION_METHOD,
        "mpp": row["mpp_code"],
        "counter": row["counter"],
        "clerk": row["clerk"],
        "phone_sealed": base64.b64encode(bytes(row["phone_sealed"] or b"")).decode("ascii"),
        "phone_last4": (row["phone_masked"] or "")[-4:],
        "sealed_to": row["sealed_to"] or "",
        "kind": "consent",
        "sealed_key": row["sealed_key"],
    }, in_range


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
    rows: Mapping[str, dict[str, Any]],
    entries: tuple[outbox.OutboxEntry, ...],
    zone: str,
    checked: Checked | None = None,
) -> Built:
    """The wire form of each entry from its stored row (``store.outbox.rows(entries)``);
    entries whose row is gone or unusable are listed apart. ``checked`` carries what the
    parser already passed from one batch to the next."""
    tz = ZoneInfo(zone)
    checked = checked or Checked()
    good: list[dict[str, Any]] = []
    bad: list[tuple[str, str]] = []
    for e in entries:
        row = rows.get(e.record_id)
        if row is None:
            bad.append((e.record_id, "the record is missing from the store"))
            continue
        try:
            rec: Record
            built = False  # times written here from datetimes in the parser's range
            if e.kind == "visit":
                wire, built = visit_wire(row, e.seq, tz)
            elif e.kind == "consent":
                wire, built = consent_wire(row, e.seq)
            else:
                rec = void(row, e.seq) if e.kind == "void" else withdrawal(row, e.seq)
                wire = record_to_json(rec)
            checked.check(wire, built)  # the central's own rules, before anything leaves
        except RecordInvalid as exc:
            bad.append((e.record_id, exc.message))
            continue
        except (KeyError, TypeError, ValueError) as exc:
            bad.append((e.record_id, f"the stored record is unusable ({type(exc).__name__})"))
            continue
        good.append(wire)
    return Built(tuple(good), tuple(bad))
