"""Storing a batch exactly once.

One transaction per batch. The batch row goes in first with ``ON CONFLICT DO NOTHING``:
if it was already there, this is a replay and the stored answer is returned verbatim
(on PostgreSQL the second of two concurrent copies waits on the first's row lock and
then sees it). Records go in the same way, keyed by their ids, so an id that arrived
in an earlier batch is reported ``duplicate`` and never stored twice. A crash before
COMMIT leaves nothing; after COMMIT the answer is there for the replay.

A record sealed to a campaign already purged is stored without its number.

A device changes only its own records: a record for another MPP or counter than the one
it was enrolled for is rejected, and so is a consent whose notice the campaign does not
know (the notice read to the citizen is what makes consent provable) and a withdrawal
naming another device's consent by id. Times a device sends are capped at our receive
time: nothing happened after we received it, and a withdrawal dated 2199 must not
suppress the consents given after it. Withdrawals are applied to consents in both
orders (see withdrawals.py); nothing ever clears ``withdrawn_at``.

The rows are built in ingest_rows.py. A batch costs a fixed number of statements whatever
its size (on PostgreSQL: the token, the batch row, the campaigns, one per table with the
integrity counts in the visits' one, one test for late consents, one for the answer and
the device row).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, text

from ..domain.errors import BadInput, MppError
from ..protocol.messages import BatchAnswer, BatchRequest, Rejection
from ..protocol.records import ConsentRecord, VoidRecord, WithdrawalRecord
from . import campaigns, db, keycheck, voids
from . import withdrawals as w
from .device_status import SEEN_SQL, after_batch
from .ingest_rows import BUILDERS, TABLES, Arrival, drop_number
from .integrity import aggregates
from .withdrawals import apply_withdrawal

__all__ = ["BatchConflict", "apply_withdrawal", "ingest", "store"]


class BatchConflict(MppError):
    """A batch id reused for other records or by another device (HTTP 409)."""


def _ids_digest(batch: BatchRequest) -> str:
    return db.sha256("\n".join(sorted(batch.ids)))


@lru_cache(maxsize=64)
def _notice_hash(body: str) -> str:
    """The notice hash a campaign's own text gives (parsed once per text, not per batch)."""
    return campaigns.parse_campaign(body).notice_hash


@dataclass(frozen=True)
class _Known:
    """What the checks of one batch read from the database, each in one statement."""

    notices: dict[str, str]  # campaign id -> the only notice hash a consent may cite
    consent_owners: dict[str, tuple[str, str]]  # consents named by the batch's withdrawals
    visit_owners: dict[str, tuple[str, str]]  # visits named by the batch's voids


def _check_record(rec: Any, device: Any, known: _Known) -> str | None:
    """Rules that need the database; None when the record may be stored."""
    if rec.mpp != device.mpp:
        return "The record's mpp is not the MPP this device was enrolled for."
    if rec.counter != device.counter:
        return "The record's counter is not the counter this device was enrolled for."
    if isinstance(rec, ConsentRecord):
        if rec.sealed_to not in known.notices:
            return "The number is sealed to a campaign this central does not know."
        if known.notices.get(rec.campaign_id) != rec.notice_hash:
            return "The notice hash is not the notice of the campaign this consent names."
    if isinstance(rec, WithdrawalRecord):
        if rec.sealed_to is not None and rec.sealed_to not in known.notices:
            return "The number is sealed to a campaign this central does not know."
        if w.foreign_consent(known.consent_owners, rec, device):
            return (
                "The consent named is another counter's: withdraw by its receipt code "
                "and the number's last four digits instead."
            )
    if isinstance(rec, VoidRecord) and voids.foreign_visit(known.visit_owners, rec, device):
        return "The visit named is another counter's: only its own counter may void it."
    return None


def _insert_new(
    conn: Any, kind: str, rows: list[dict[str, Any]], same: dict[str, Any]
) -> list[dict[str, Any]]:
    """Store the rows not stored yet (in id order: one lock order), each with the batch's
    ``same`` values; return those."""
    rows = sorted(rows, key=lambda r: r["id"])
    if kind == "visit":  # the integrity report's counts are kept by the same statement
        stored = aggregates.insert_visits(conn, rows, same)
    else:
        stored = db.insert_ignore(conn, TABLES[kind], rows, "id", same=same)
    return [r for r in rows if r["id"] in stored]


def ingest(engine: Engine, device: Any, batch: BatchRequest) -> dict[str, Any]:
    """Store the batch once in a transaction of its own; return the answer."""
    with engine.begin() as conn:
        return store(conn, device, batch)


def store(conn: Any, device: Any, batch: BatchRequest) -> dict[str, Any]:
    """Store the batch once in ``conn``'s transaction; return the answer (the stored one
    on a replay)."""
    if batch.device_id != device.id:
        raise BadInput("device_id does not match the device this token belongs to.")
    received = db.now()
    digest = _ids_digest(batch)
    fresh = db.insert_ignore(
        conn,
        db.batches,
        [
            {
                "batch_id": batch.batch_id,
                "device_id": device.id,
                "received_at": db.iso(received),
                "ids_sha256": digest,
                "answer": "{}",
            }
        ],
        "batch_id",
    )
    if not fresh:
        return _replay(conn, batch, device, digest)
    campaign_rows = conn.execute(_CAMPAIGNS).all()
    purged = {r.id for r in campaign_rows if r.purged_at is not None}
    known = _Known(
        {r.id: _notice_hash(r.body) for r in campaign_rows},
        w.consent_owners(conn, [r for r in batch.records if isinstance(r, WithdrawalRecord)]),
        voids.visit_owners(conn, [r for r in batch.records if isinstance(r, VoidRecord)]),
    )
    rejected = list(batch.rejected)
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in BUILDERS}
    good: list[Any] = []
    arrival = Arrival(batch, device.id, received)
    for rec in batch.records:
        reason = _check_record(rec, device, known)
        if reason is not None:
            rejected.append(Rejection(rec.id, reason))
            continue
        good.append(rec)
        row = BUILDERS[rec.kind](rec, arrival(rec.at))
        if row.get("sealed_to") in purged:
            drop_number(row, received)
        rows[rec.kind].append(row)
    # one table order for every batch (visits, consents, withdrawals, voids): no deadlocks
    new = {
        k: _insert_new(conn, k, rows[k], arrival.base)
        for k in ("visit", "consent", "withdrawal", "void")
    }
    inserted = {r["id"] for kind_rows in new.values() for r in kind_rows}
    fresh_recs = [r for r in good if r.id in inserted]
    capped = {row["id"]: row["at"] for row in new["withdrawal"] + new["void"]}
    late = [r for r in fresh_recs if isinstance(r, ConsentRecord)]
    marked = w.apply_records(
        conn, device, [(r, capped[r.id]) for r in fresh_recs if isinstance(r, WithdrawalRecord)]
    )
    waiting = _any_waiting(conn, device, late)
    if waiting:  # rare: a consent that arrives after its withdrawal or void
        marked += w.late_consents(conn, device, late)
    marked += voids.apply_records(
        conn, device, [(r, capped[r.id]) for r in fresh_recs if isinstance(r, VoidRecord)]
    )
    if waiting:
        marked += voids.late_consents(conn, device, late)
    w.notify(conn, marked)  # last: see withdrawals.py
    foreign = keycheck.flag_foreign_keys(campaign_rows, device, fresh_recs)
    answer = BatchAnswer(
        batch_id=batch.batch_id,
        accepted=tuple(r.id for r in fresh_recs),
        duplicate=tuple(r.id for r in good if r.id not in inserted),
        rejected=tuple(rejected),
        server_time=received,
    ).to_json()
    _finish(conn, batch, answer, after_batch(batch, device.id, received, foreign))
    return answer


def _waiting_sql(dialect: str) -> Any:
    """The three lookups of withdrawals.late_consents and voids.late_consents as one fixed
    EXISTS test (lists as one JSON parameter each, whatever the batch's size)."""
    if dialect == "postgresql":
        listed = "(SELECT json_array_elements_text(CAST(:{} AS json)))"
    else:
        listed = "(SELECT value FROM json_each(:{}))"
    ids, receipts, visits = (listed.format(p) for p in ("ids", "receipts", "visits"))
    return text(
        "SELECT EXISTS (SELECT 1 FROM withdrawals AS w WHERE w.mpp = :mpp "
        f"AND w.counter = :counter AND (w.consent_id IN {ids} OR (w.receipt IN {receipts} "
        "AND w.consent_id IS NULL AND w.phone_last4 IS NULL AND w.phone_sealed IS NULL "
        "AND w.sealed_to IS NULL))) "
        "OR EXISTS (SELECT 1 FROM withdrawals AS w WHERE w.state = 'pending' "
        f"AND w.receipt IN {receipts}) "
        f"OR EXISTS (SELECT 1 FROM voids AS v WHERE v.mpp = :mpp AND v.counter = :counter "
        f"AND v.visit_id IN {visits})"
    )


_WAITING = {d: _waiting_sql(d) for d in ("postgresql", "sqlite")}


def _any_waiting(conn: Any, device: Any, consents: list[ConsentRecord]) -> bool:
    """Whether a withdrawal or void already stored waits for any of these consents: one
    statement (usually false), so the lookups that apply them (withdrawals.late_consents,
    voids.late_consents: the same conditions) run only when needed. Run after the batch's
    own withdrawals and voids are stored; what it looks at only grows by inserting those."""
    if not consents:
        return False
    params = {
        "mpp": device.mpp,
        "counter": device.counter,
        "ids": json.dumps([c.id for c in consents]),
        "receipts": json.dumps([c.receipt for c in consents]),
        "visits": json.dumps([c.visit_id for c in consents]),
    }
    return bool(conn.execute(_WAITING[conn.dialect.name], params).scalar())


_KEEP = "UPDATE batches SET answer = :answer WHERE batch_id = :batch_id"
_FINISH = {
    "postgresql": [text(f"WITH kept AS ({_KEEP} RETURNING batch_id) {SEEN_SQL}")],
    "sqlite": [text(_KEEP), text(SEEN_SQL)],
}


def _finish(conn: Any, batch: BatchRequest, answer: Any, seen: dict[str, Any]) -> None:
    """The answer kept for a replay, and the device's row (one statement on PostgreSQL)."""
    params = {**seen, "answer": json.dumps(answer), "batch_id": batch.batch_id}
    for stmt in _FINISH[conn.dialect.name]:
        conn.execute(stmt, params)


_CAMPAIGNS = db.campaigns.select()


def _replay(conn: Any, batch: BatchRequest, device: Any, digest: str) -> dict[str, Any]:
    row = conn.execute(db.batches.select().where(db.batches.c.batch_id == batch.batch_id)).one()
    if row.device_id != device.id or row.ids_sha256 != digest:
        raise BatchConflict(
            "This batch_id was already used for other records; "
            "a retried batch must be resent unchanged."
        )
    return json.loads(row.answer)
