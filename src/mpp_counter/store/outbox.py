"""The outbox: which records still have to reach the central, and in which batch.

Exactly once rests on two rules. A record leaves the outbox only when the central named
its id in an answer (acked or rejected; a rejected record is kept and flagged, never
deleted). A batch, once formed, is frozen: until it gets a usable answer the same batch
id carries the same records, so a retry after a lost answer is a replay the central
recognises. Every state change is one transaction, so a crash at any point leaves
either the old or the new state and the next pass simply carries on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from . import save_ids
from .db import Connection, transaction
from .outbox_rows import KINDS, UNSENT_FROM_SQL, Kind
from .saves_schema import UNSENT_FROM


@dataclass(frozen=True)
class OutboxEntry:
    record_id: str
    kind: str  # visit | consent | withdrawal | void
    seq: int


@dataclass(frozen=True)
class Batch:
    batch_id: str
    entries: tuple[OutboxEntry, ...]
    resent: bool  # True when this batch was already sent once without a usable answer

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.record_id for e in self.entries)


# Each kind of record keeps its sync state in its own row (outbox_rows.KINDS; a visit and
# its consent share a row of ``saves``, each with its own state); ``outbox`` is the view
# of all four. Claiming and settling change a whole batch with one statement per kind of
# record in it, the keys passed as one JSON array (a fixed statement, whatever the size):
# the sequence numbers of saves (their key), the ids of withdrawals and voids.
_IN = "IN (SELECT value FROM json_each(?))"
# The saves still to send start at UNSENT_FROM; a claim moves it past what it took.
_FROM = UNSENT_FROM_SQL
_ADVANCE = f"""
INSERT OR REPLACE INTO settings(key, value) SELECT '{UNSENT_FROM}', coalesce(
    (SELECT seq FROM saves WHERE seq >= {_FROM}
        AND (sync_state = 'pending' OR consent_state = 'pending') ORDER BY seq LIMIT 1),
    (SELECT coalesce(max(seq), 0) + 1 FROM saves))
"""


def _pending(con: Connection, limit: int) -> list[OutboxEntry]:
    """The first ``limit`` pending records by (seq, id): the first ``limit`` of each kind
    (saves read in key order from UNSENT_FROM, the others from their (sync_state, seq)
    index), merged. Once ``limit`` are found, a kind is only read up to the last sequence
    number that could still make the cut."""
    found: list[tuple[int, str, str]] = []  # (seq, id, kind): sorted as (seq, id)
    for name, kind in KINDS.items():
        bound = found[limit - 1][0] if len(found) >= limit else None
        start = f"seq >= {_FROM} AND " if kind.in_saves else ""
        found += con.execute(
            f"SELECT seq, {kind.id}, '{name}' FROM {kind.table}"  # noqa: S608
            f" WHERE {start}{kind.state} = 'pending'"
            + (" AND seq <= ?" if bound is not None else "")
            + " ORDER BY seq LIMIT ?",
            (bound, limit) if bound is not None else (limit,),
        ).fetchall()
        found.sort()
    return [OutboxEntry(rid, kind, int(seq)) for seq, rid, kind in found[:limit]]


def by_kind(entries: Iterable[OutboxEntry]) -> dict[str, list[OutboxEntry]]:
    """The entries by kind, the kinds always in the same order (KINDS')."""
    out: dict[str, list[OutboxEntry]] = {kind: [] for kind in KINDS}
    for e in entries:
        out[e.kind].append(e)
    return {kind: found for kind, found in out.items() if found}


def _keys(kind: Kind, entries: Iterable[OutboxEntry]) -> tuple[str, str]:
    """(the column, a JSON array) that find these entries' rows by key."""
    if kind.in_saves:
        return "seq", json.dumps([e.seq for e in entries])
    return "id", json.dumps([e.record_id for e in entries])


def claim_batch(con: Connection, limit: int, busy: frozenset[str] = frozenset()) -> Batch | None:
    """The batch to send next: an unanswered one first, verbatim; else a new one.

    ``busy`` names batches on the wire right now (the pass claims the next batch while
    the previous one travels): they are not handed out twice."""
    with transaction(con):
        return _claim(con, limit, busy)


def _claim(con: Connection, limit: int, busy: frozenset[str]) -> Batch | None:
    """claim_batch inside the caller's transaction."""
    skip = ",".join("?" * len(busy))
    row = con.execute(
        "SELECT batch_id FROM outbox WHERE state = 'in_flight'"
        + (f" AND batch_id NOT IN ({skip})" if busy else "")
        + " ORDER BY seq, record_id LIMIT 1",
        tuple(busy),
    ).fetchone()
    if row is not None:
        entries = tuple(
            OutboxEntry(r[0], r[1], int(r[2]))
            for r in con.execute(
                "SELECT record_id, kind, seq FROM outbox WHERE state = 'in_flight'"
                " AND batch_id = ? ORDER BY seq, record_id",
                (row[0],),
            )
        )
        for name in by_kind(entries):
            k = KINDS[name]
            con.execute(
                f"UPDATE {k.table} SET {k.attempts} = {k.attempts} + 1"  # noqa: S608
                f" WHERE {k.state} = 'in_flight' AND {k.batch} = ?",
                (row[0],),
            )
        return Batch(row[0], entries, True)
    pending = _pending(con, limit)
    if not pending:
        return None
    batch_id = str(uuid.uuid4())
    for name, found in by_kind(pending).items():
        k = KINDS[name]
        column, keys = _keys(k, found)
        con.execute(
            f"UPDATE {k.table} SET {k.state} = 'in_flight', {k.batch} = ?,"  # noqa: S608
            f" {k.attempts} = {k.attempts} + 1 WHERE +{k.state} = 'pending' AND {column} {_IN}",
            (batch_id, keys),
        )
    if any(KINDS[e.kind].in_saves for e in pending):
        con.execute(_ADVANCE)
    return Batch(batch_id, tuple(pending), False)


def settle(
    con: Connection,
    batch: Batch,
    acked: Iterable[str],
    rejected: dict[str, str],
    now: datetime | None = None,
) -> None:
    """Apply a usable answer in one transaction.

    Acked ids are delivered; rejected ids are kept and flagged with the central's reason;
    an id of the batch the answer did not mention goes back to pending (the central
    dedups by id, so sending it again in another batch can never count it twice)."""
    with transaction(con):
        _settle(con, batch, acked, rejected, now)


def settle_and_claim(
    con: Connection,
    batch: Batch,
    acked: Iterable[str],
    rejected: dict[str, str],
    limit: int,
    busy: frozenset[str] = frozenset(),
) -> Batch | None:
    """:func:`settle` and then :func:`claim_batch`, in one transaction: a pass that is
    still sending records one answer and forms its next batch with one commit. A crash
    leaves both undone (the answered batch is resent verbatim: the central dedups it)."""
    with transaction(con):
        _settle(con, batch, acked, rejected)
        return _claim(con, limit, busy)


def _settle(
    con: Connection,
    batch: Batch,
    acked: Iterable[str],
    rejected: dict[str, str],
    now: datetime | None = None,
) -> None:
    """settle inside the caller's transaction."""
    stamp = (now or datetime.now(UTC)).isoformat()
    acked = set(acked) & batch.ids
    reasons = {rid: reason[:500] for rid, reason in rejected.items() if rid in batch.ids}
    unmentioned = batch.ids - acked - reasons.keys()
    for name, entries in by_kind(batch.entries).items():
        k = KINDS[name]
        done = [e for e in entries if e.record_id in acked]
        if done:
            column, keys = _keys(k, done)
            con.execute(
                f"UPDATE {k.table} SET {k.state} = 'acked', {k.acked} = ?,"  # noqa: S608
                f" {k.error} = NULL WHERE {k.batch} = ? AND +{k.state} = 'in_flight'"
                f" AND {column} {_IN}",
                (stamp, batch.batch_id, keys),
            )
        flagged = {
            (e.seq if k.in_saves else e.record_id): reasons[e.record_id]
            for e in entries
            if e.record_id in reasons
        }
        if flagged:
            match = "seq = CAST(j.key AS INTEGER)" if k.in_saves else "id = j.key"
            con.execute(
                f"UPDATE {k.table} SET {k.state} = 'rejected', {k.error} = j.value"  # noqa: S608
                f" FROM json_each(?) j WHERE {k.table}.{match}"
                f" AND {k.table}.{k.batch} = ? AND +{k.table}.{k.state} = 'in_flight'",
                (json.dumps(flagged), batch.batch_id),
            )
        if any(e.record_id in unmentioned for e in entries):
            con.execute(
                f"UPDATE {k.table} SET {k.state} = 'pending', {k.batch} = NULL,"  # noqa: S608
                f" {k.error} = 'not mentioned in the answer' WHERE {k.batch} = ?"
                f" AND {k.state} = 'in_flight'",
                (batch.batch_id,),
            )


def _set(con: Connection, sql: str, params: tuple[object, ...]) -> None:
    """One UPDATE of the outbox's state columns on every kind of record (``sql`` names
    them through ``{k.…}``)."""
    for k in KINDS.values():
        con.execute(sql.format(k=k), params)


def reject_locally(con: Connection, record_id: str, reason: str) -> None:
    """A record this counter cannot even build: flagged for the administrator, kept."""
    with transaction(con):
        for k in KINDS.values():
            where = save_ids.one(k.id, "?1") if k.in_saves else "id = ?1"
            con.execute(
                f"UPDATE {k.table} SET {k.state} = 'rejected', {k.error} = ?2"  # noqa: S608
                f" WHERE {where}",
                (record_id, "local: " + reason[:480]),
            )


def note_error(con: Connection, batch: Batch, message: str) -> None:
    """The batch got no usable answer: it stays in flight, verbatim, with the reason."""
    with transaction(con):
        for name in by_kind(batch.entries):
            k = KINDS[name]
            con.execute(
                f"UPDATE {k.table} SET {k.error} = ? WHERE {k.batch} = ?"  # noqa: S608
                f" AND {k.state} = 'in_flight'",
                (message[:500], batch.batch_id),
            )


def release(con: Connection, batch: Batch, message: str) -> None:
    """The central refuses this batch id itself (409): its records go back to pending and
    leave in a new batch next time; the central dedups by record id, so none counts twice."""
    with transaction(con):
        _set(
            con,
            "UPDATE {k.table} SET {k.state} = 'pending', {k.batch} = NULL, {k.error} = ?"
            " WHERE {k.batch} = ? AND {k.state} = 'in_flight'",
            (message[:500], batch.batch_id),
        )


def requeue_in_flight(con: Connection) -> None:
    """Every batch in flight goes back to pending, inside the caller's transaction (a new
    enrolment: a batch id is bound to the device that used it)."""
    _set(
        con,
        "UPDATE {k.table} SET {k.state} = 'pending', {k.batch} = NULL"
        " WHERE {k.state} = 'in_flight'",
        (),
    )
