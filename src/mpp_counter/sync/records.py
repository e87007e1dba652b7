"""Wire records (protocol v1) built from the store's rows, checked with the central's rules.

Building is deterministic: the same rows give the same JSON, so a batch resent after a
lost answer carries exactly what it carried the first time. Every record passes the
central's parser (:func:`protocol.messages.parse_record`) before it leaves: what this
counter cannot send is flagged here with the reason instead of being rejected by the
central. Most of a record repeats across a batch (clerk, counter, service, the campaign's
texts), so the parser runs in full once per distinct repeated part (:class:`Checked`),
and each record's own fields (ids, times, numbers, receipt) are checked on every record
with the parser's own field rules. tests/sync/test_wire_records.py checks, over
generated rows, that this accepts exactly what the parser accepts.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..protocol.fields import (
    RecordInvalid,
    hex64,
    int_field,
    receipt_field,
    sealed,
    time_field,
    uuid_field,
)
from ..protocol.messages import (
    ConsentRecord,
    Record,
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


_LAST4 = re.compile(r"[0-9]{4}")


def _last4(o: dict[str, Any], key: str) -> None:
    value = o.get(key)
    if not isinstance(value, str) or not _LAST4.fullmatch(value):
        raise RecordInvalid("'phone_last4' must be four digits.")


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(o: dict[str, Any], key: str) -> None:
    """The central's rule; the canonical form the store writes is known good at a glance.
    Whether it may be null is part of the repeated shape."""
    value = o.get(key)
    if not (isinstance(value, str) and _CANONICAL_UUID.fullmatch(value)):
        uuid_field(o, key, null=True)


Check = Callable[[dict[str, Any], str], object]
# A record's own fields, different on every record, with the central's rule for each.
OWN: dict[str, dict[str, Check]] = {
    "visit": {
        "id": _uuid,
        "seq": int_field,
        "at": time_field,
        "device_time": time_field,
        "consent_id": _uuid,
    },
    "consent": {
        "id": _uuid,
        "seq": int_field,
        "visit_id": _uuid,
        "at": time_field,
        "receipt": receipt_field,
        "receipt_secret_sha256": hex64,
        "phone_sealed": sealed,
        "phone_last4": _last4,
    },
}


class Checked:
    """The parser's verdict, remembered by a record's repeated part: its kind, every field
    but its own ones, and which of its own ones are null (cross-field rules look at that:
    an agreed visit names a consent). A record whose repeated part passed once needs only
    its own fields checked; withdrawals and voids (rare, with more cross-field rules) are
    parsed in full every time."""

    def __init__(self) -> None:
        self._good: set[tuple[object, ...]] = set()
        # per kind and set of fields: what reads the repeated values and the own ones
        self._getters: dict[tuple[str, ...], tuple[Any, Any]] = {}

    def check(self, wire: dict[str, Any]) -> None:
        """RecordInvalid when the central's parser would refuse ``wire``."""
        kind = wire.get("kind")
        own = OWN.get(kind) if isinstance(kind, str) else None
        if own is None:
            parse_record(wire)
            return
        fields = tuple(wire)
        getters = self._getters.get(fields)
        if getters is None:
            getters = (
                operator.itemgetter(*(k for k in fields if k not in own), "kind"),
                operator.itemgetter(*own),
            )
            self._getters[fields] = getters
        try:
            key = (fields, getters[0](wire), tuple(v is None for v in getters[1](wire)))
        except KeyError:  # an own field is missing: the parser says what is wrong
            parse_record(wire)
            return
        if key not in self._good:
            parse_record(wire)
            self._good.add(key)
            return
        for name, rule in own.items():
            rule(wire, name)


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
            if e.kind == "visit":
                rec = visit(row, e.seq, tz)
            elif e.kind == "consent":
                rec = consent(row, e.seq)
            elif e.kind == "void":
                rec = void(row, e.seq)
            else:
                rec = withdrawal(row, e.seq)
            wire = record_to_json(rec)
            checked.check(wire)  # the central's own rules, before anything leaves
        except RecordInvalid as exc:
            bad.append((e.record_id, exc.message))
            continue
        except (KeyError, TypeError, ValueError) as exc:
            bad.append((e.record_id, f"the stored record is unusable ({type(exc).__name__})"))
            continue
        good.append(wire)
    return Built(tuple(good), tuple(bad))
