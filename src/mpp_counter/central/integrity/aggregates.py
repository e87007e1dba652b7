"""Counts of visits kept as batches arrive, so the integrity report never scans visits.

One row per (MPP, local date, counter, agency, service, clerk, hour of the device's
clock) with the number of visits, of each outcome and of each reason for not asking.
:func:`record_visits` runs inside the ingest transaction with only the visits that
transaction newly stored (ingest's ``ON CONFLICT DO NOTHING`` tells which), so a replayed
or duplicated batch adds nothing; :func:`record_voids` subtracts a visit the first time
its own counter voids it; a visit voided in an earlier batch is never added. Each call is
a fixed number of statements whatever the batch size. On PostgreSQL adding is one
statement with the visits' own insert (:func:`insert_visits`), grouped by the database; on
SQLite grouped in Python, one ``executemany`` upsert. Either way rows are upserted in key order,
so two batches lock them in one order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    String,
    Table,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    not_,
    select,
)

from ...domain.records import NOT_ASKED_REASONS
from .. import db

# primary-key order: an MPP's rows together, a counter-service line's rows together
KEY = ("mpp", "counter", "agency", "service", "clerk", "local_date", "hour")
OUTCOMES = ("agreed", "declined", "not_asked")
REASON_COLS = tuple(f"na_{r}" for r in NOT_ASKED_REASONS)  # na_no_phone … na_other
COUNTS = ("visits", *OUTCOMES, *REASON_COLS)

integrity_counts = Table(
    "integrity_counts",
    db.metadata,
    Column("mpp", String(32), primary_key=True),
    Column("counter", String(64), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("service", String(64), primary_key=True),
    Column("clerk", String(64), primary_key=True),
    Column("local_date", String(10), primary_key=True),
    Column("hour", Integer, primary_key=True),
    *(Column(name, Integer, nullable=False, server_default="0") for name in COUNTS),
)


def hour_of(device_time: str) -> int:
    """The hour on the device's own clock: ``2026-03-02T08:30:00+07:00`` → 8."""
    return int(device_time[11:13])


def reason_col(reason: str | None) -> str:
    return f"na_{reason}" if reason in NOT_ASKED_REASONS else "na_other"


def _deltas(visits: Iterable[Any], sign: int) -> list[dict[str, Any]]:
    """Group visits (dicts or rows) by key; one row of count deltas per key, sorted."""
    groups: dict[tuple[Any, ...], Counter[str]] = {}
    for v in visits:
        get = v.get if isinstance(v, dict) else v._mapping.get
        key = (*(get(k) for k in KEY[:-1]), hour_of(get("device_time")))
        c = groups.setdefault(key, Counter())
        c["visits"] += sign
        c[get("outcome")] += sign
        if get("outcome") == "not_asked":
            c[reason_col(get("not_asked_reason"))] += sign
    return [
        {**dict(zip(KEY, key, strict=True)), **{n: c[n] for n in COUNTS}}
        for key, c in sorted(groups.items())
    ]


def _upsert(conn: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(integrity_counts)
    t = integrity_counts.c
    stmt = stmt.on_conflict_do_update(
        index_elements=list(KEY), set_={n: t[n] + stmt.excluded[n] for n in COUNTS}
    )
    conn.execute(stmt, rows)


def _own_voids(conn: Any, visit_ids: list[str]) -> Any:
    v = db.voids.c
    return select(v.visit_id, v.mpp, v.counter, v.batch_id).where(
        db.one_of(conn, v.visit_id, visit_ids)
    )


def _pg_count_inserted() -> str:
    """On PostgreSQL the counts are added by the visits' own INSERT, from the rows it
    inserted (``ins``, see bulk.insert_ignore): grouped by the database, those their own
    counter voided in another batch left out, the same sums as :func:`_backfill_select`."""
    known = [r for r in NOT_ASKED_REASONS if r != "other"]

    def n(cond: str) -> str:
        return f"count(*) FILTER (WHERE {cond})"

    sums = [
        "count(*)",
        *(n(f"v.outcome = '{o}'") for o in OUTCOMES),
        *(n(f"v.outcome = 'not_asked' AND v.not_asked_reason = '{r}'") for r in known),
        n(
            "v.outcome = 'not_asked' AND coalesce(v.not_asked_reason, 'other') NOT IN ("
            + ", ".join(f"'{r}'" for r in known)
            + ")"
        ),
    ]
    counts = [*COUNTS[: 1 + len(OUTCOMES)], *(f"na_{r}" for r in known), "na_other"]
    keys = [f"v.{k}" for k in KEY[:-1]] + ["CAST(substr(v.device_time, 12, 2) AS integer)"]
    order = ", ".join(str(i + 1) for i in range(len(KEY)))
    return (
        f"INSERT INTO integrity_counts ({', '.join([*KEY, *counts])}) "
        f"SELECT {', '.join(keys)}, {', '.join(sums)} FROM ins AS v "
        "WHERE NOT EXISTS (SELECT 1 FROM voids AS d WHERE d.visit_id = v.id "
        "AND d.mpp = v.mpp AND d.counter = v.counter "
        "AND d.batch_id IS DISTINCT FROM v.batch_id) "
        f"GROUP BY {order} ORDER BY {order} "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET "
        + ", ".join(f"{c} = integrity_counts.{c} + excluded.{c}" for c in counts)
    )


_PG_COUNT_INSERTED = _pg_count_inserted()


def insert_visits(conn: Any, rows: list[dict[str, Any]], same: dict[str, Any]) -> set[str]:
    """Store the visits not stored yet (ingest's row dicts, with the batch's ``same``
    values: bulk.insert_ignore) and count those stored: one statement on PostgreSQL, the
    insert then :func:`record_visits` on SQLite. Returns the ids stored."""
    if conn.dialect.name == "postgresql":
        return db.insert_ignore(conn, db.visits, rows, "id", _PG_COUNT_INSERTED, same)
    stored = db.insert_ignore(conn, db.visits, rows, "id", same=same)
    record_visits(conn, [{**r, **same} for r in rows if r["id"] in stored])
    return stored


def record_visits(conn: Any, visits: list[dict[str, Any]]) -> None:
    """Add the visits this transaction newly stored (ingest's row dicts), except those
    their own counter voided in an earlier batch. A void in the visit's own batch is left
    to :func:`record_voids`, so the result is the same whether ingest stores the batch's
    voids before or after calling this."""
    if not visits:
        return
    batch_of = {v["id"]: v.get("batch_id") for v in visits}
    voided = {
        (r.visit_id, r.mpp, r.counter)
        for r in conn.execute(_own_voids(conn, list(batch_of)))
        if r.batch_id != batch_of[r.visit_id]
    }
    _upsert(
        conn,
        _deltas((v for v in visits if (v["id"], v["mpp"], v["counter"]) not in voided), +1),
    )


def record_voids(conn: Any, mpp: str, counter: str, visit_ids: list[str]) -> None:
    """Subtract the visits named by voids this transaction newly stored (from the counter
    ``mpp``/``counter``): only a visit of that counter, and only at its first void."""
    if not visit_ids:
        return
    new = Counter(visit_ids)
    vc = db.visits.c
    rows = conn.execute(
        select(vc.id, *(vc[k] for k in KEY[:-1]), vc.device_time, vc.outcome, vc.not_asked_reason)
        .where(db.one_of(conn, vc.id, list(new)))
        .where(vc.mpp == mpp)
        .where(vc.counter == counter)
    ).all()
    own = Counter(
        r.visit_id
        for r in conn.execute(_own_voids(conn, list(new)))
        if (r.mpp, r.counter) == (mpp, counter)
    )
    _upsert(conn, _deltas((r for r in rows if own[r.id] == new[r.id]), -1))


def _backfill_select() -> Any:
    """The same counts as :func:`record_visits`, from every stored, not voided visit."""
    v = db.visits.c
    hour = cast(func.substr(v.device_time, 12, 2), Integer)

    def n(cond: Any) -> Any:
        return func.sum(case((cond, literal(1)), else_=literal(0)))

    known = [r for r in NOT_ASKED_REASONS if r != "other"]
    reason_sums = [
        n(and_(v.outcome == "not_asked", v.not_asked_reason == r)).label(f"na_{r}") for r in known
    ]
    other = and_(
        v.outcome == "not_asked",
        func.coalesce(v.not_asked_reason, "other").not_in(known),
    )
    d = db.voids.c
    own_void = exists().where(and_(d.visit_id == v.id, d.mpp == v.mpp, d.counter == v.counter))
    keys = [v.mpp, v.counter, v.agency, v.service, v.clerk, v.local_date, hour]
    return (
        select(
            *keys[:-1],
            hour.label("hour"),
            func.count().label("visits"),
            *(n(v.outcome == o).label(o) for o in OUTCOMES),
            *reason_sums,
            n(other).label("na_other"),
        )
        .where(not_(own_void))
        .group_by(*keys)
    )


def backfill(conn: Any) -> None:
    """Rebuild the counts from the visits table in one set-based statement."""
    conn.execute(integrity_counts.delete())
    sel = _backfill_select()
    cols = [
        *KEY[:-1],
        "hour",
        "visits",
        *OUTCOMES,
        *(f"na_{r}" for r in NOT_ASKED_REASONS if r != "other"),
        "na_other",
    ]
    conn.execute(integrity_counts.insert().from_select(cols, sel))
