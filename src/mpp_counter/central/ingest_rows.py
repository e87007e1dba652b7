"""The rows a batch's records are stored as, built once per record.

Times a device sends are capped at our receive time (nothing happened after we received
it); every row carries what the server knows of its arrival (:class:`Arrival`). A record
sealed to a campaign already purged is stored without its number (:func:`drop_number`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..protocol.messages import SKEW_LIMIT_SECONDS, BatchRequest
from ..protocol.records import ConsentRecord, VisitRecord, VoidRecord, WithdrawalRecord
from . import db


class Arrival:
    """What every record of a batch carries about its arrival (the server's clock), built
    once per batch. The device's clock offset is measured at send time (sent_at against
    our clock); a record is flagged when that offset passes the limit or it is dated in
    our future. ``base`` is the same for every record of the batch: stored with each row
    but sent to the database once (bulk.insert_ignore's ``same``); a call gives the
    record's own part."""

    def __init__(self, batch: BatchRequest, device_id: str, received: datetime) -> None:
        offset = int((batch.sent_at - received).total_seconds())
        self.received = received
        self.received_iso = db.iso(received)
        self.offset_flagged = abs(offset) > SKEW_LIMIT_SECONDS
        self.base = {
            "device_id": device_id,
            "batch_id": batch.batch_id,
            "received_at": self.received_iso,
            "clock_offset_s": max(min(offset, 2**31 - 1), -(2**31)),
        }

    def __call__(self, at: datetime) -> dict[str, Any]:
        future = (at - self.received).total_seconds() > SKEW_LIMIT_SECONDS
        return {
            "skew_flagged": self.offset_flagged or future,
            "at": self.received_iso if at >= self.received else db.iso(at),
        }


def visit_row(r: VisitRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "seq": r.seq,
        "device_time": r.device_time.isoformat(),
        "local_date": r.device_time.date().isoformat(),
        "mpp": r.mpp,
        "counter": r.counter,
        "clerk": r.clerk,
        "agency": r.agency,
        "service": r.service,
        "outcome": r.outcome,
        "not_asked_reason": r.not_asked_reason,
        "consent_id": r.consent_id,
        **arrival,
    }
    # ``at`` comes capped from ``arrival``; device_time stays as written (the local date)


def consent_row(r: ConsentRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    row = {
        k: getattr(r, k)
        for k in (
            "id",
            "seq",
            "visit_id",
            "receipt",
            "receipt_secret_sha256",
            "campaign_id",
            "notice_version",
            "notice_hash",
            "purpose",
            "channel",
            "controller",
            "controller_contact",
            "retention_days",
            "jurisdiction",
            "collection_method",
            "mpp",
            "counter",
            "clerk",
            "phone_sealed",
            "phone_last4",
            "sealed_to",
            "sealed_key",
        )
    }
    row.update(withdrawn_at=None, withdrawn_via=None, purged_at=None)
    return {**row, **arrival}


def withdrawal_row(r: WithdrawalRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "seq": r.seq,
        "via": "counter",
        "consent_id": r.consent_id,
        "receipt": r.receipt,
        "phone_sealed": r.phone_sealed,
        "sealed_to": r.sealed_to,
        "mpp": r.mpp,
        "counter": r.counter,
        "clerk": r.clerk,
        "phone_last4": r.phone_last4,
        "state": "pending" if r.by_code else None,
        "applied_to": None,
        **arrival,
    }


def drop_number(row: dict[str, Any], received: datetime) -> None:
    """A counter that was offline past its campaign's purge still delivers the record,
    but the number it carries is not kept one moment: the purge's promise holds."""
    row["phone_sealed"] = None
    if "phone_last4" in row:
        row.update(phone_last4=None, purged_at=db.iso(received))


def void_row(r: VoidRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "seq": r.seq,
        "visit_id": r.visit_id,
        "reason": r.reason,
        "mpp": r.mpp,
        "counter": r.counter,
        "clerk": r.clerk,
        **arrival,
    }


BUILDERS = {
    "visit": visit_row,
    "consent": consent_row,
    "withdrawal": withdrawal_row,
    "void": void_row,
}
TABLES = {
    "visit": db.visits,
    "consent": db.consents,
    "withdrawal": db.withdrawals,
    "void": db.voids,
}
