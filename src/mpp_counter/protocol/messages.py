"""Protocol v1 message shapes, parsed strictly on both sides of the wire.

Parsing is pure (decoded JSON in, frozen data out) so that the client can check the
central's answers with the same rules the central applies to the client's records.
The envelope of a batch is all-or-nothing (``BadInput``); a single malformed record is
not: it becomes a :class:`Rejection` with a reason and the rest of the batch goes on.
Reasons and errors never quote a record's values, so no number, token or receipt secret
ends up in a log or an answer.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.errors import BadInput, SyncError
from ..domain.records import NOT_ASKED_REASONS, VOID_REASONS
from .fields import (
    RecordInvalid,
    as_object,
    exact,
    hex64,
    int_field,
    receipt_field,
    sealed,
    text,
    time_field,
    to_utc,
    uuid_field,
)

PROTOCOL_VERSION = 1
MAX_RECORDS = 500
MAX_BODY_BYTES = 2 * 1024 * 1024  # after gzip; 500 consents are ~0.5 MB
SKEW_LIMIT_SECONDS = 600
OUTCOMES = ("agreed", "declined", "not_asked")
_LAST4 = re.compile(r"[0-9]{4}")


class AnswerInvalid(SyncError):
    """The central answered something that does not follow protocol v1."""


# --- records ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Rejection:
    id: str | None  # None when the record carried no usable id
    reason: str


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


# --- batch -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClientInfo:
    """What a counter says of itself with a batch (optional: older clients send none)."""

    version: str
    backlog: int  # records still waiting in its outbox, this batch included


@dataclass(frozen=True)
class BatchRequest:
    batch_id: str
    device_id: str
    sent_at: datetime
    records: tuple[Record, ...]  # well-formed, first occurrence of each id
    rejected: tuple[Rejection, ...]  # malformed, in the order they came
    ids: tuple[str, ...]  # every usable id of the batch in order, for the replay check
    client: ClientInfo | None = None


def parse_client(o: dict[str, Any]) -> ClientInfo | None:
    raw = o.get("client")
    if raw is None:
        return None
    c = as_object(raw, "'client'")
    return ClientInfo(
        text(c, "version", maxlen=64), int_field(c, "backlog", minimum=0, maximum=2**31 - 1)
    )


def parse_batch(raw: Any) -> BatchRequest:
    """The envelope must be right (else BadInput: 400); each record stands on its own."""
    try:
        o = as_object(raw, "The batch")
        if o.get("protocol") != PROTOCOL_VERSION:
            raise BadInput("Unsupported protocol version: this central speaks protocol 1.")
        batch_id = uuid_field(o, "batch_id")
        device_id = uuid_field(o, "device_id")
        sent_at = time_field(o, "sent_at")
        client = parse_client(o)
    except RecordInvalid as exc:
        raise BadInput("The batch is malformed: {why}", why=exc.message) from exc
    records = o.get("records")
    if not isinstance(records, list):
        raise BadInput("The batch is malformed: 'records' must be a list.")
    if len(records) > MAX_RECORDS:
        raise BadInput("A batch holds at most {n} records.", n=MAX_RECORDS)
    good: list[Record] = []
    bad: list[Rejection] = []
    seen: set[str] = set()
    ids: list[str] = []
    for item in records:
        rid = record_id_of(item)
        if rid is not None and rid in seen:
            continue  # the same id twice in one batch is one record
        try:
            rec = parse_record(item)
        except RecordInvalid as exc:
            bad.append(Rejection(rid, exc.message))
            if rid is not None:
                seen.add(rid)
                ids.append(rid)
            continue
        seen.add(rec.id)
        ids.append(rec.id)
        good.append(rec)
    return BatchRequest(batch_id, device_id, sent_at, tuple(good), tuple(bad), tuple(ids), client)


@dataclass(frozen=True)
class BatchAnswer:
    """``accepted ∪ duplicate`` is the set of ids the central holds: the client's ack set."""

    batch_id: str
    accepted: tuple[str, ...]
    duplicate: tuple[str, ...]
    rejected: tuple[Rejection, ...]
    server_time: datetime

    @property
    def acked(self) -> frozenset[str]:
        return frozenset(self.accepted) | frozenset(self.duplicate)

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "accepted": list(self.accepted),
            "duplicate": list(self.duplicate),
            "rejected": [{"id": r.id, "reason": r.reason} for r in self.rejected],
            "server_time": iso(self.server_time),
        }


def parse_batch_answer(raw: Any, sent_ids: set[str] | None = None) -> BatchAnswer:
    """For the client: an answer acknowledging ids never sent is refused as a whole."""
    try:
        o = as_object(raw, "The answer")
        batch_id = uuid_field(o, "batch_id")
        server_time = time_field(o, "server_time")
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("accepted", "duplicate"):
            items = o.get(key)
            if not isinstance(items, list):
                raise RecordInvalid("'{key}' must be a list.", key=key)
            lists[key] = tuple(uuid_field({"id": i}, "id") for i in items)
        rejected_raw = o.get("rejected")
        if not isinstance(rejected_raw, list):
            raise RecordInvalid("'rejected' must be a list.")
        rejected = tuple(
            Rejection(
                uuid_field(as_object(r, "A rejection"), "id", null=True),
                text(as_object(r, "A rejection"), "reason", maxlen=500),
            )
            for r in rejected_raw
        )
    except RecordInvalid as exc:
        raise AnswerInvalid("The central's answer is malformed: {why}", why=exc.message) from exc
    answer = BatchAnswer(batch_id, lists["accepted"], lists["duplicate"], rejected, server_time)
    if sent_ids is not None and not answer.acked <= sent_ids:
        raise AnswerInvalid("The central acknowledged records that were never sent.")
    return answer


# --- enrolment, health ------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolRequest:
    code: str
    client_version: str
    mpp: str | None = None  # the counter's own settings; an older client sends neither
    counter: str | None = None


def normalize_enrol_code(code: str) -> str:
    """People type codes with dashes, spaces and lower case; the stored form has none."""
    return "".join(c for c in code.upper() if c not in " -\t")


def parse_enrol(raw: Any) -> EnrolRequest:
    try:
        o = as_object(raw, "The enrolment request")
        code = normalize_enrol_code(text(o, "code", maxlen=64))
        version = text(o, "client_version", maxlen=64)
        mpp = text(o, "mpp", maxlen=32, null=True)  # as long as a code's (and the device's)
        counter = text(o, "counter", maxlen=64, null=True)
    except RecordInvalid as exc:
        raise BadInput("The enrolment request is malformed: {why}", why=exc.message) from exc
    if not code:
        raise BadInput("The enrolment request is malformed: 'code' is empty.")
    return EnrolRequest(code, version, mpp, counter)


def iso(t: datetime) -> str:
    """UTC with a 'Z', to the millisecond: the one time format the central writes."""
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def health(now: datetime) -> dict[str, Any]:
    return {"status": "ok", "protocol": PROTOCOL_VERSION, "server_time": iso(now)}


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
