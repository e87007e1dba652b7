"""Protocol v1 records: a visit, a consent, a withdrawal and a void, each parsed strictly
on its own (a malformed one becomes a rejection, not a refused batch) and written back to
its wire form.

The central parses what counters send with these rules and a counter checks what it
built with the same ones. Reasons never quote a record's values, so no number, token or
receipt secret ends up in a log or an answer.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.records import NOT_ASKED_REASONS, VOID_REASONS
from .fields import (
    RecordInvalid,
    as_object,
    exact,
    hex64,
    int_field,
    iso,
    receipt_field,
    sealed,
    text,
    time_field,
    to_utc,
    uuid_field,
)

OUTCOMES = ("agreed", "declined", "not_asked")
_LAST4 = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class VisitRecord:
    id: str
    seq: int
    at: datetime  # UTC
    device_time: datetime  # as the device wrote it, with its offset: the MPP's local date
    mpp: str
    counter: str
    clerk: str
    agency: str
    service: str
    outcome: str
    not_asked_reason: str | None
    consent_id: str | None
    kind: str = "visit"


@dataclass(frozen=True)
class ConsentRecord:
    id: str
    seq: int
    visit_id: str
    at: datetime
    receipt: str
    receipt_secret_sha256: str
    campaign_id: str
    notice_version: str
    notice_hash: str
    purpose: str
    channel: str
    controller: str
    controller_contact: str
    retention_days: int
    jurisdiction: str
    collection_method: str
    mpp: str
    counter: str
    clerk: str
    phone_sealed: bytes
    phone_last4: str
    sealed_to: str
    kind: str = "consent"
    sealed_key: str | None = None  # fingerprint of the key it was sealed to (key_fingerprint)


@dataclass(frozen=True)
class WithdrawalRecord:
    id: str
    seq: int
    at: datetime
    consent_id: str | None
    receipt: str | None
    phone_sealed: bytes | None
    sealed_to: str | None
    mpp: str
    counter: str
    clerk: str
    # By code at a counter that never saw the consent: the receipt plus the last four
    # digits of the number, matched by the central to exactly one consent (or none).
    phone_last4: str | None = None
    kind: str = "withdrawal"

    @property
    def by_code(self) -> bool:
        return self.phone_last4 is not None


@dataclass(frozen=True)
class VoidRecord:
    """A correction: the clerk voided a visit of the day it was saved. The central stops
    counting it and, for a consent, withdraws it and deletes its number."""

    id: str
    seq: int
    at: datetime
    visit_id: str
    reason: str  # one of VOID_REASONS, optionally ": " and the clerk's short note
    mpp: str
    counter: str
    clerk: str
    kind: str = "void"


Record = VisitRecord | ConsentRecord | WithdrawalRecord | VoidRecord


def parse_visit(o: dict[str, Any]) -> VisitRecord:
    outcome = exact(o, "outcome", OUTCOMES)
    consent_id = uuid_field(o, "consent_id", null=True)
    reason = o.get("not_asked_reason")
    if outcome == "agreed" and consent_id is None:
        raise RecordInvalid("An agreed visit must name its consent_id.")
    if outcome != "agreed" and consent_id is not None:
        raise RecordInvalid("Only an agreed visit has a consent_id.")
    if outcome == "not_asked":
        reason = exact(o, "not_asked_reason", NOT_ASKED_REASONS)
    elif reason is not None:
        raise RecordInvalid("Only a visit where consent was not asked has a not_asked_reason.")
    return VisitRecord(
        id=uuid_field(o, "id"),
        seq=int_field(o, "seq"),
        at=to_utc(time_field(o, "at")),
        device_time=time_field(o, "device_time"),
        mpp=text(o, "mpp", maxlen=32),
        counter=text(o, "counter", maxlen=64),
        clerk=text(o, "clerk", maxlen=64),
        agency=text(o, "agency", maxlen=64),
        service=text(o, "service", maxlen=64),
        outcome=outcome,
        not_asked_reason=reason,
        consent_id=consent_id,
    )


def parse_consent(o: dict[str, Any]) -> ConsentRecord:
    last4 = o.get("phone_last4")
    if not isinstance(last4, str) or not _LAST4.fullmatch(last4):
        raise RecordInvalid("'phone_last4' must be four digits.")
    return ConsentRecord(
        id=uuid_field(o, "id"),
        seq=int_field(o, "seq"),
        visit_id=uuid_field(o, "visit_id"),
        at=to_utc(time_field(o, "at")),
        receipt=receipt_field(o, "receipt"),
        receipt_secret_sha256=hex64(o, "receipt_secret_sha256"),
        campaign_id=text(o, "campaign_id", maxlen=64),
        notice_version=text(o, "notice_version", maxlen=64),
        notice_hash=hex64(o, "notice_hash"),
        purpose=text(o, "purpose", maxlen=2000),
        channel=exact(o, "channel", ("WhatsApp",)),
        controller=text(o, "controller"),
        controller_contact=text(o, "controller_contact"),
        retention_days=int_field(o, "retention_days", maximum=36500),
        jurisdiction=exact(o, "jurisdiction", ("ID",)),
        collection_method=text(o, "collection_method", maxlen=64),
        mpp=text(o, "mpp", maxlen=32),
        counter=text(o, "counter", maxlen=64),
        clerk=text(o, "clerk", maxlen=64),
        phone_sealed=sealed(o, "phone_sealed") or b"",
        phone_last4=last4,
        sealed_to=text(o, "sealed_to", maxlen=64),
        sealed_key=hex64(o, "sealed_key") if o.get("sealed_key") is not None else None,
    )


def parse_withdrawal(o: dict[str, Any]) -> WithdrawalRecord:
    consent_id = uuid_field(o, "consent_id", null=True)
    receipt = receipt_field(o, "receipt", null=True)
    phone = sealed(o, "phone_sealed", null=True)
    sealed_to = text(o, "sealed_to", maxlen=64, null=True)
    by_receipt = consent_id is not None or receipt is not None
    if by_receipt == (phone is not None):
        raise RecordInvalid(
            "A withdrawal names either its consent (consent_id or receipt) "
            "or a sealed number, not both and not neither."
        )
    if (phone is None) != (sealed_to is None):
        raise RecordInvalid("'sealed_to' goes with 'phone_sealed' and only with it.")
    last4 = o.get("phone_last4")
    if last4 is not None:
        if not isinstance(last4, str) or not _LAST4.fullmatch(last4):
            raise RecordInvalid("'phone_last4' must be four digits.")
        if receipt is None or consent_id is not None:
            raise RecordInvalid(
                "'phone_last4' goes with a receipt withdrawn at another counter (no consent_id)."
            )
    return WithdrawalRecord(
        id=uuid_field(o, "id"),
        seq=int_field(o, "seq"),
        at=to_utc(time_field(o, "at")),
        consent_id=consent_id,
        receipt=receipt,
        phone_sealed=phone,
        sealed_to=sealed_to,
        mpp=text(o, "mpp", maxlen=32),
        counter=text(o, "counter", maxlen=64),
        clerk=text(o, "clerk", maxlen=64),
        phone_last4=last4,
    )


def parse_void(o: dict[str, Any]) -> VoidRecord:
    reason = text(o, "reason", maxlen=200)
    if reason.split(":", 1)[0] not in VOID_REASONS:
        raise RecordInvalid(
            "'reason' must start with one of {allowed}.", allowed=", ".join(VOID_REASONS)
        )
    return VoidRecord(
        id=uuid_field(o, "id"),
        seq=int_field(o, "seq"),
        at=to_utc(time_field(o, "at")),
        visit_id=uuid_field(o, "visit_id"),
        reason=reason,
        mpp=text(o, "mpp", maxlen=32),
        counter=text(o, "counter", maxlen=64),
        clerk=text(o, "clerk", maxlen=64),
    )


_PARSERS: dict[str, Callable[[dict[str, Any]], Record]] = {
    "visit": parse_visit,
    "consent": parse_consent,
    "withdrawal": parse_withdrawal,
    "void": parse_void,
}


def record_id_of(raw: Any) -> str | None:
    """The id to name in a rejection: only a well-formed UUID is echoed back."""
    if isinstance(raw, dict):
        try:
            rid: str | None = uuid_field(raw, "id")
            return rid
        except RecordInvalid:
            return None
    return None


def parse_record(raw: Any) -> Record:
    o = as_object(raw, "A record")
    kind = o.get("kind")
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        raise RecordInvalid("'kind' must be visit, consent, withdrawal or void.")
    return parser(o)


def record_to_json(rec: Record) -> dict[str, Any]:
    """The wire form of a record, for the client (and for tests building batches)."""
    out: dict[str, Any] = {}
    for key, value in rec.__dict__.items():
        if key == "phone_last4" and value is None and isinstance(rec, WithdrawalRecord):
            continue  # only a withdrawal by code carries it: older centrals never see it
        if isinstance(value, datetime):
            out[key] = value.isoformat() if key == "device_time" else iso(value)
        elif isinstance(value, bytes):
            out[key] = base64.b64encode(value).decode("ascii")
        else:
            out[key] = value
    return out
