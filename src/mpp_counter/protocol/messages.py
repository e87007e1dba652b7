"""Protocol v1 messages around the records (records.py): a batch, the central's answer,
an enrolment request and the health check, parsed strictly on both sides of the wire.

Parsing is pure (decoded JSON in, frozen data out) so that the client can check the
central's answers with the same rules the central applies to the client's records.
The envelope of a batch is all-or-nothing (``BadInput``); a single malformed record is
not: it becomes a :class:`Rejection` with a reason and the rest of the batch goes on.
Reasons and errors never quote a record's values, so no number, token or receipt secret
ends up in a log or an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.errors import BadInput, SyncError
from .fields import (
    RecordInvalid,
    as_object,
    int_field,
    iso,
    text,
    time_field,
    uuid_field,
)
from .records import Record, parse_record, record_id_of

PROTOCOL_VERSION = 1
MAX_RECORDS = 500
MAX_BODY_BYTES = 2 * 1024 * 1024  # after gzip; 500 consents are ~0.5 MB
SKEW_LIMIT_SECONDS = 600


class AnswerInvalid(SyncError):
    """The central answered something that does not follow protocol v1."""


@dataclass(frozen=True)
class Rejection:
    id: str | None  # None when the record carried no usable id
    reason: str


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


def health(now: datetime) -> dict[str, Any]:
    return {"status": "ok", "protocol": PROTOCOL_VERSION, "server_time": iso(now)}
