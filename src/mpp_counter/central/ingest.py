"""Storing a batch exactly once.

One transaction per batch. The batch row goes in first with ``ON CONFLICT DO NOTHING``:
if it was already there, this is a replay and the stored answer is returned verbatim
(on PostgreSQL the second of two concurrent copies waits on the first's row lock and
then sees it). Records go in the same way, keyed by their ids, so an id that arrived
in an earlier batch is reported ``duplicate`` and never stored twice. A crash before
COMMIT leaves nothing; after COMMIT the answer is there for the replay.

A record sealed to a campaign already purged is stored without its number.

Withdrawals are applied to consents in both orders: a withdrawal marks the consents it
names, and a consent arriving after its withdrawal is marked on arrival. Nothing ever
clears ``withdrawn_at``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, or_

from ..domain.errors import BadInput, MppError
from ..protocol.messages import (
    SKEW_LIMIT_SECONDS,
    BatchAnswer,
    BatchRequest,
    ConsentRecord,
    Rejection,
    VisitRecord,
    WithdrawalRecord,
)
from . import db, keycheck


class BatchConflict(MppError):
    """A batch id reused for other records or by another device (HTTP 409)."""


def _arrival(batch: BatchRequest, device_id: str, received: datetime, at: datetime
             ) -> dict[str, Any]:
    """The device's clock offset is measured at send time (sent_at against our clock);
    a record is flagged when that offset passes the limit or it is dated in our future."""
    offset = int((batch.sent_at - received).total_seconds())
    future = (at - received).total_seconds() > SKEW_LIMIT_SECONDS
    return {"device_id": device_id, "batch_id": batch.batch_id, "received_at": db.iso(received),
            "clock_offset_s": max(min(offset, 2**31 - 1), -(2**31)),
            "skew_flagged": abs(offset) > SKEW_LIMIT_SECONDS or future}


def _visit_row(r: VisitRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    return {"id": r.id, "seq": r.seq, "at": db.iso(r.at), "device_time": r.device_time.isoformat(),
            "local_date": r.device_time.date().isoformat(), "mpp": r.mpp, "counter": r.counter,
            "clerk": r.clerk, "agency": r.agency, "service": r.service, "outcome": r.outcome,
            "not_asked_reason": r.not_asked_reason, "consent_id": r.consent_id, **arrival}


def _consent_row(r: ConsentRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    row = {k: getattr(r, k) for k in (
        "id", "seq", "visit_id", "receipt", "receipt_secret_sha256", "campaign_id",
        "notice_version", "notice_hash", "purpose", "channel", "controller",
        "controller_contact", "retention_days", "jurisdiction", "collection_method", "mpp",
        "counter", "clerk", "phone_sealed", "phone_last4", "sealed_to", "sealed_key")}
    row.update(at=db.iso(r.at), withdrawn_at=None, withdrawn_via=None, purged_at=None)
    return {**row, **arrival}


def _withdrawal_row(r: WithdrawalRecord, arrival: dict[str, Any]) -> dict[str, Any]:
    return {"id": r.id, "seq": r.seq, "at": db.iso(r.at), "via": "counter",
            "consent_id": r.consent_id, "receipt": r.receipt, "phone_sealed": r.phone_sealed,
            "sealed_to": r.sealed_to, "mpp": r.mpp, "counter": r.counter, "clerk": r.clerk,
            **arrival}


def _drop_number(row: dict[str, Any], received: datetime) -> None:
    """A counter that was offline past its campaign's purge still delivers the record,
    but the number it carries is not kept one moment: the purge's promise holds."""
    row["phone_sealed"] = None
    if "phone_last4" in row:
        row.update(phone_last4=None, purged_at=db.iso(received))


def _ids_digest(batch: BatchRequest) -> str:
    return db.sha256("\n".join(sorted(batch.ids)))


def _check_record(rec: Any, device: Any, campaign_ids: set[str]) -> str | None:
    """Rules that need the database; None when the record may be stored."""
    if rec.mpp != device.mpp:
        return "The record's mpp is not the MPP this device was enrolled for."
    if isinstance(rec, ConsentRecord) and rec.sealed_to not in campaign_ids:
        return "The number is sealed to a campaign this central does not know."
    if isinstance(rec, WithdrawalRecord) and rec.sealed_to is not None \
            and rec.sealed_to not in campaign_ids:
        return "The number is sealed to a campaign this central does not know."
    return None


def apply_withdrawal(conn: Any, consent_id: str | None, receipt: str | None, at: str,
                     via: str) -> int:
    """Mark the consents a withdrawal names; a consent already withdrawn keeps its time."""
    conds = []
    if consent_id is not None:
        conds.append(db.consents.c.id == consent_id)
    if receipt is not None:
        conds.append(db.consents.c.receipt == receipt)
    if not conds:
        return 0
    done = conn.execute(db.consents.update()
                        .where(or_(*conds))
                        .where(db.consents.c.withdrawn_at.is_(None))
                        .values(withdrawn_at=at, withdrawn_via=via))
    return done.rowcount or 0


def _withdraw_late_consents(conn: Any, consents: list[ConsentRecord], inserted: set[str]) -> None:
    """A consent that arrives after its withdrawal (by id or by receipt) is withdrawn."""
    for c in consents:
        if c.id not in inserted:
            continue
        w = conn.execute(
            db.withdrawals.select()
            .where(or_(db.withdrawals.c.consent_id == c.id, db.withdrawals.c.receipt == c.receipt))
            .order_by(db.withdrawals.c.at).limit(1)
        ).first()
        if w is not None:
            apply_withdrawal(conn, c.id, None, w.at, w.via)


def ingest(engine: Engine, device: Any, batch: BatchRequest) -> dict[str, Any]:
    """Store the batch once; return the answer (the stored one on a replay)."""
    if batch.device_id != device.id:
        raise BadInput("device_id does not match the device this token belongs to.")
    received = db.now()
    digest = _ids_digest(batch)
    with engine.begin() as conn:
        fresh = db.insert_ignore(conn, db.batches, [{
            "batch_id": batch.batch_id, "device_id": device.id, "received_at": db.iso(received),
            "ids_sha256": digest, "answer": "{}"}], "batch_id")
        if not fresh:
            return _replay(conn, batch, device, digest)
        known = conn.execute(db.campaigns.select()).all()
        campaign_ids = {r.id for r in known}
        purged = {r.id for r in known if r.purged_at is not None}
        rejected = list(batch.rejected)
        rows: dict[str, list[dict[str, Any]]] = {"visit": [], "consent": [], "withdrawal": []}
        builders = {"visit": _visit_row, "consent": _consent_row, "withdrawal": _withdrawal_row}
        good: list[Any] = []
        for rec in batch.records:
            reason = _check_record(rec, device, campaign_ids)
            if reason is not None:
                rejected.append(Rejection(rec.id, reason))
                continue
            good.append(rec)
            row = builders[rec.kind](rec, _arrival(batch, device.id, received, rec.at))
            if row.get("sealed_to") in purged:
                _drop_number(row, received)
            rows[rec.kind].append(row)
        for kind_rows in rows.values():  # one lock order for every batch: no deadlocks
            kind_rows.sort(key=lambda r: r["id"])
        inserted = (db.insert_ignore(conn, db.visits, rows["visit"], "id")
                    | db.insert_ignore(conn, db.consents, rows["consent"], "id")
                    | db.insert_ignore(conn, db.withdrawals, rows["withdrawal"], "id"))
        for rec in good:
            if isinstance(rec, WithdrawalRecord) and rec.id in inserted:
                apply_withdrawal(conn, rec.consent_id, rec.receipt, db.iso(rec.at), "counter")
        _withdraw_late_consents(conn, [r for r in good if isinstance(r, ConsentRecord)],
                                inserted)
        keycheck.flag_foreign_keys(known, device, [r for r in good if r.id in inserted])
        answer = BatchAnswer(
            batch_id=batch.batch_id,
            accepted=tuple(r.id for r in good if r.id in inserted),
            duplicate=tuple(r.id for r in good if r.id not in inserted),
            rejected=tuple(rejected),
            server_time=received,
        ).to_json()
        conn.execute(db.batches.update().where(db.batches.c.batch_id == batch.batch_id)
                     .values(answer=json.dumps(answer)))
        conn.execute(db.devices.update().where(db.devices.c.id == device.id)
                     .values(last_seen_at=db.iso(received)))
    return answer


def _replay(conn: Any, batch: BatchRequest, device: Any, digest: str) -> dict[str, Any]:
    row = conn.execute(
        db.batches.select().where(db.batches.c.batch_id == batch.batch_id)).one()
    if row.device_id != device.id or row.ids_sha256 != digest:
        raise BatchConflict("This batch_id was already used for other records; "
                            "a retried batch must be resent unchanged.")
    return json.loads(row.answer)
