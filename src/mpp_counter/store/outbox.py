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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from . import outbox_rows
from .db import Connection, transaction
from .outbox_counts import counts, pending_items, rejected_rows
from .outbox_rows import TABLES


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


# Each kind of record keeps its sync state in its own rows (schema 8); ``outbox`` is the
# view of all four. Claiming and settling change a whole batch with one statement per kind
# of record in it, the ids passed as one JSON array (a fixed statement, whatever the size).
# The rows are found by primary key, one per id: ``+sync_state`` keeps the planner off the
# (sync_state, seq) index, which would walk the whole backlog for each batch.
_IDS = "id IN (SELECT value FROM json_each(?))"


def _pending(con: Connection, limit: int) -> list[OutboxEntry]:
    """The first ``limit`` pending records by (seq, id): the first ``limit`` of each kind,
    each read from its (sync_state, seq) index, merged. Once ``limit`` are found, a kind
    is only read up to the last sequence number that could still make the cut."""
    found: list[tuple[int, str, str]] = []  # (seq, id, kind): sorted as (seq, id)
    for kind, table in TABLES.items():
        bound = found[limit - 1][0] if len(found) >= limit else None
        found += con.execute(
            f"SELECT seq, id, '{kind}' FROM {table} WHERE sync_state = 'pending'"  # noqa: S608
            + (" AND seq <= ?" if bound is not None else "")
            + " ORDER BY seq LIMIT ?",
            (bound, limit) if bound is not None else (limit,),
        ).fetchall()
        found.sort()
    return [OutboxEntry(rid, kind, int(seq)) for seq, rid, kind in found[:limit]]


def _by_kind(entries: Iterable[OutboxEntry]) -> dict[str, list[str]]:
    """The entries' ids by kind, the kinds always in the same order (TABLES')."""
    out: dict[str, list[str]] = {kind: [] for kind in TABLES}
    for e in entries:
        out[e.kind].append(e.record_id)
    return {kind: ids for kind, ids in out.items() if ids}


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
        for kind in _by_kind(entries):
            con.execute(
                f"UPDATE {TABLES[kind]} SET attempts = attempts + 1"  # noqa: S608
                " WHERE sync_state = 'in_flight' AND batch_id = ?",
                (row[0],),
            )
        return Batch(row[0], entries, True)
    pending = _pending(con, limit)
    if not pending:
        return None
    batch_id = str(uuid.uuid4())
    for kind, ids in _by_kind(pending).items():
        con.execute(
            f"UPDATE {TABLES[kind]} SET sync_state = 'in_flight', batch_id = ?,"  # noqa: S608
            f" attempts = attempts + 1 WHERE +sync_state = 'pending' AND {_IDS}",
            (batch_id, json.dumps(ids)),
        )
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
    for kind, ids in _by_kind(batch.entries).items():
        table = TABLES[kind]
        done = sorted(acked.intersection(ids))
        if done:
            con.execute(
                f"UPDATE {table} SET sync_state = 'acked', acked_at = ?,"  # noqa: S608
                f" last_error = NULL WHERE batch_id = ? AND +sync_state = 'in_flight'"
                f" AND {_IDS}",
                (stamp, batch.batch_id, json.dumps(done)),
            )
        flagged = {rid: reasons[rid] for rid in ids if rid in reasons}
        if flagged:
            con.execute(
                f"UPDATE {table} SET sync_state = 'rejected', last_error = j.value"  # noqa: S608
                f" FROM json_each(?) j WHERE {table}.id = j.key"
                f" AND {table}.batch_id = ? AND +{table}.sync_state = 'in_flight'",
                (json.dumps(flagged), batch.batch_id),
            )
        if unmentioned.intersection(ids):
            con.execute(
                f"UPDATE {table} SET sync_state = 'pending', batch_id = NULL,"  # noqa: S608
                " last_error = 'not mentioned in the answer' WHERE batch_id = ?"
                " AND sync_state = 'in_flight'",
                (batch.batch_id,),
            )


def _set(con: Connection, sql: str, params: tuple[object, ...]) -> None:
    """One UPDATE of the outbox's state columns on every kind of record."""
    for table in TABLES.values():
        con.execute(sql.format(table=table), params)


def reject_locally(con: Connection, record_id: str, reason: str) -> None:
    """A record this counter cannot even build: flagged for the administrator, kept."""
    with transaction(con):
        _set(
            con,
            "UPDATE {table} SET sync_state = 'rejected', last_error = ? WHERE id = ?",
            ("local: " + reason[:480], record_id),
        )


def note_error(con: Connection, batch: Batch, message: str) -> None:
    """The batch got no usable answer: it stays in flight, verbatim, with the reason."""
    with transaction(con):
        for kind in _by_kind(batch.entries):
            con.execute(
                f"UPDATE {TABLES[kind]} SET last_error = ? WHERE batch_id = ?"  # noqa: S608
                " AND sync_state = 'in_flight'",
                (message[:500], batch.batch_id),
            )


def release(con: Connection, batch: Batch, message: str) -> None:
    """The central refuses this batch id itself (409): its records go back to pending and
    leave in a new batch next time; the central dedups by record id, so none counts twice."""
    with transaction(con):
        _set(
            con,
            "UPDATE {table} SET sync_state = 'pending', batch_id = NULL, last_error = ?"
            " WHERE batch_id = ? AND sync_state = 'in_flight'",
            (message[:500], batch.batch_id),
        )


def requeue_in_flight(con: Connection) -> None:
    """Every batch in flight goes back to pending, inside the caller's transaction (a new
    enrolment: a batch id is bound to the device that used it)."""
    _set(
        con,
        "UPDATE {table} SET sync_state = 'pending', batch_id = NULL WHERE sync_state = 'in_flight'",
        (),
    )


class Outbox:
    """The outbox as sync/ uses it, on the connection in force (``con`` returns it)."""

    def __init__(self, con: Callable[[], Connection]) -> None:
        self._con = con

    def claim(self, limit: int, busy: frozenset[str] = frozenset()) -> Batch | None:
        return claim_batch(self._con(), limit, busy)

    def rows(self, entries: Iterable[OutboxEntry]) -> dict[str, dict[str, Any]]:
        """The stored rows the entries' wire records are built from, by record id."""
        ids: dict[str, list[str]] = {"visit": [], "consent": [], "withdrawal": [], "void": []}
        for e in entries:
            ids[e.kind].append(e.record_id)
        con = self._con()
        return {
            **outbox_rows.visit_rows(con, ids["visit"]),
            **outbox_rows.consent_rows(con, ids["consent"]),
            **outbox_rows.withdrawal_rows(con, ids["withdrawal"]),
            **outbox_rows.void_rows(con, ids["void"]),
        }

    def settle(self, batch: Batch, acked: Iterable[str], rejected: dict[str, str]) -> None:
        settle(self._con(), batch, acked, rejected)

    def settle_and_claim(
        self,
        batch: Batch,
        acked: Iterable[str],
        rejected: dict[str, str],
        limit: int,
        busy: frozenset[str] = frozenset(),
    ) -> Batch | None:
        return settle_and_claim(self._con(), batch, acked, rejected, limit, busy)

    def reject_locally(self, record_id: str, reason: str) -> None:
        reject_locally(self._con(), record_id, reason)

    def note_error(self, batch: Batch, message: str) -> None:
        note_error(self._con(), batch, message)

    def release(self, batch: Batch, message: str) -> None:
        release(self._con(), batch, message)

    def counts(self) -> dict[str, int]:
        return counts(self._con())

    def pending_items(self) -> int:
        return pending_items(self._con())

    def rejected(self) -> list[tuple[str, str, str]]:
        return rejected_rows(self._con())
