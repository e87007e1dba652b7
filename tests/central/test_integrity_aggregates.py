"""The integrity counts kept per batch equal a recount from the visits table, whatever
mix of batches, replays, duplicate records and voids arrived (a real SQLite central
database and the real ingest path), and the migration's backfill gives the same counts
on both backends."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mpp_counter.central import db, ingest
from mpp_counter.central.integrity import aggregates
from mpp_counter.protocol.messages import parse_batch

from ._support import WIB, cli, iso

COUNTS = aggregates.COUNTS


@dataclass(frozen=True)
class Dev:
    id: str
    mpp: str
    counter: str


DEVICES = [
    Dev(str(uuid.UUID(int=i + 1)), m, c)
    for i, (m, c) in enumerate([("BKL01", "Loket 1"), ("BKL01", "Loket 2"), ("JKT02", "Loket 1")])
]
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _visit(dev: Dev, n: int, spec: tuple[int, int, int, int, int]) -> dict[str, Any]:
    outcome_i, reason_i, minutes, clerk_i, service_i = spec
    outcome = ("agreed", "declined", "not_asked")[outcome_i]
    at = T0 + timedelta(minutes=minutes)
    return {
        "kind": "visit",
        "id": str(uuid.uuid4()),
        "seq": n,
        "at": iso(at),
        "device_time": at.astimezone(WIB).isoformat(),
        "mpp": dev.mpp,
        "counter": dev.counter,
        "clerk": ("Sari", "Budi")[clerk_i],
        "agency": "DUKCAPIL",
        "service": ("DUK-KTP", "DUK-KK")[service_i],
        "outcome": outcome,
        "not_asked_reason": (
            ("no_phone", "minor", "representative", "language", "other")[reason_i]
            if outcome == "not_asked"
            else None
        ),
        "consent_id": str(uuid.uuid4()) if outcome == "agreed" else None,
    }


def _void(dev: Dev, n: int, visit_id: str) -> dict[str, Any]:
    return {
        "kind": "void",
        "id": str(uuid.uuid4()),
        "seq": n,
        "at": iso(T0 + timedelta(hours=3)),
        "visit_id": visit_id,
        "reason": "wrong_service",
        "mpp": dev.mpp,
        "counter": dev.counter,
        "clerk": "Sari",
    }


def _send(engine: Any, dev: Dev, records: list[dict[str, Any]], batch_id: str) -> None:
    raw = {
        "protocol": 1,
        "batch_id": batch_id,
        "device_id": dev.id,
        "sent_at": iso(datetime.now(UTC)),
        "records": records,
    }
    ingest.ingest(engine, dev, parse_batch(raw))


def kept(conn: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
    t = aggregates.integrity_counts
    return {
        tuple(r[k] for k in aggregates.KEY): tuple(r[c] for c in COUNTS)
        for r in conn.execute(t.select()).mappings()
        if any(r[c] for c in COUNTS)  # a row brought to zero by voids counts as absent
    }


def recount(conn: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
    """Count again from the visits table, in Python, by the rule voids.not_voided()."""
    from mpp_counter.central.voids import not_voided

    out: dict[tuple[Any, ...], list[int]] = {}
    for v in conn.execute(select(db.visits).where(not_voided())).mappings():
        key = (*(v[k] for k in aggregates.KEY[:-1]), int(v["device_time"][11:13]))
        c = out.setdefault(key, [0] * len(COUNTS))
        c[0] += 1
        c[COUNTS.index(v["outcome"])] += 1
        if v["outcome"] == "not_asked":
            c[COUNTS.index("na_" + v["not_asked_reason"])] += 1
    return {k: tuple(c) for k, c in out.items()}


visit_spec = st.tuples(
    st.integers(0, 2), st.integers(0, 4), st.integers(0, 600), st.integers(0, 1), st.integers(0, 1)
)
# one step: (device, new visits, voids of earlier visits by index, resend a past batch?,
# a record already stored sent again?, a void sent ahead of its visit (which comes in the
# device's next batch)?)
step = st.tuples(
    st.integers(0, len(DEVICES) - 1),
    st.lists(visit_spec, max_size=6),
    st.lists(st.integers(0, 10_000), max_size=3),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_counts_equal_a_recount_after_random_batches(
    tmp_path_factory: Any, steps: list[Any]
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('agg') / 'central.db'}"
    cli(url, "init")
    engine = db.make_engine(url)
    try:
        sent: list[tuple[Dev, list[dict[str, Any]], str]] = []
        seen: list[tuple[Dev, dict[str, Any]]] = []
        n = 0
        held: dict[str, list[dict[str, Any]]] = {d.id: [] for d in DEVICES}
        for dev_i, specs, void_picks, replay, dup, ahead in steps:
            dev = DEVICES[dev_i]
            records = held[dev.id]  # visits whose void went ahead in an earlier batch
            held[dev.id] = []
            for spec in specs:
                n += 1
                records.append(_visit(dev, n, spec))
            for pick in void_picks:
                # a void of an earlier visit (maybe another counter's: rejected), a void
                # of a visit in this very batch, or a void whose visit comes later
                pool = seen + [(dev, r) for r in records]
                n += 1
                if pool and pick % 5:
                    owner, target = pool[pick % len(pool)]
                    records.append(_void(dev, n, target["id"]))
                else:
                    records.append(_void(dev, n, str(uuid.uuid4())))
            if ahead and specs:
                n += 1
                later = _visit(dev, n, specs[0])
                n += 1
                records.append(_void(dev, n, later["id"]))
                held[dev.id].append(later)
            if dup and seen:  # a record already stored, sent again in a new batch
                owner, again = seen[n % len(seen)]
                if owner == dev:
                    records.append(again)
            if records:
                batch_id = str(uuid.uuid4())
                _send(engine, dev, records, batch_id)
                sent.append((dev, records, batch_id))
                seen += [(dev, r) for r in records if r["kind"] == "visit"]
            if replay and sent:
                _send(engine, *sent[n % len(sent)])  # the same batch again: a replay
        for dev in DEVICES:  # the visits still held arrive after their voids
            if held[dev.id]:
                _send(engine, dev, held[dev.id], str(uuid.uuid4()))
                seen += [(dev, r) for r in held[dev.id]]
        with engine.connect() as conn:
            assert kept(conn) == recount(conn)
    finally:
        engine.dispose()


def test_void_before_its_visit_and_twice(tmp_path: Path) -> None:
    """Targeted: a void that arrives before its visit, and a second void of a visit."""
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli(url, "init")
    engine = db.make_engine(url)
    try:
        dev = DEVICES[0]
        v1, v2 = _visit(dev, 1, (0, 0, 10, 0, 0)), _visit(dev, 2, (1, 0, 10, 0, 0))
        _send(engine, dev, [_void(dev, 3, v1["id"])], str(uuid.uuid4()))
        _send(engine, dev, [v1, v2], str(uuid.uuid4()))
        _send(engine, dev, [_void(dev, 4, v2["id"])], str(uuid.uuid4()))
        _send(engine, dev, [_void(dev, 5, v2["id"])], str(uuid.uuid4()))
        with engine.connect() as conn:
            assert kept(conn) == recount(conn) == {}
        _send(engine, dev, [_visit(dev, 6, (2, 3, 10, 0, 0))], str(uuid.uuid4()))
        with engine.connect() as conn:
            got = kept(conn)
        assert list(got.values()) == [(1, 0, 0, 1, 0, 0, 0, 1, 0)]
    finally:
        engine.dispose()


def test_same_batch_void_counts_the_same_in_either_order(tmp_path: Path) -> None:
    """Ingest may store a batch's voids before or after it reports the new visits: the
    counts come out the same (the visit counted, then subtracted once)."""
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli(url, "init")
    engine = db.make_engine(url)
    dev = DEVICES[0]
    try:
        for order in ("voids first", "visits first"):
            v = {**_visit(dev, 1, (0, 0, 10, 0, 0)), "batch_id": order, "received_at": "x"}
            v.pop("kind")
            v.update(local_date=v["device_time"][:10], device_id=dev.id)
            d = {**_void(dev, 2, v["id"]), "batch_id": order, "received_at": "x"}
            d.pop("kind")
            with engine.begin() as conn:
                conn.execute(db.visits.insert().values(v))
                if order == "voids first":
                    conn.execute(db.voids.insert().values(d))
                aggregates.record_visits(conn, [v])
                if order == "visits first":
                    conn.execute(db.voids.insert().values(d))
                aggregates.record_voids(conn, dev.mpp, dev.counter, [v["id"]])
            with engine.connect() as conn:
                assert kept(conn) == recount(conn) == {}, order
    finally:
        engine.dispose()


def test_backfill_migration_counts_existing_visits(db_url: str) -> None:
    """Visits stored before 0007 are counted by the migration's INSERT … SELECT, on
    SQLite and PostgreSQL alike, voided ones left out."""
    engine = db.make_engine(db_url)
    try:
        dev = DEVICES[0]
        visits = [_visit(dev, i, (i % 3, i % 5, 7 * i, i % 2, i % 2)) for i in range(1, 40)]
        with engine.begin() as conn:
            conn.execute(
                db.devices.insert().values(
                    id=dev.id,
                    token_sha256="0" * 64,
                    mpp=dev.mpp,
                    counter=dev.counter,
                    client_version="t",
                    created_at=iso(T0),
                )
            )
        for i in range(0, len(visits), 10):
            _send(engine, dev, visits[i : i + 10], str(uuid.uuid4()))
        _send(engine, dev, [_void(dev, 99, visits[0]["id"])], str(uuid.uuid4()))
        with engine.connect() as conn:
            before = kept(conn)
        assert before == _recount_on(engine) and sum(c[0] for c in before.values()) == 38
        command.downgrade(db._alembic_config(engine), "0006")
        with engine.connect() as conn:
            assert "integrity_counts" not in _tables(conn)
        assert cli(db_url, "init").returncode == 0  # upgrade: creates and backfills
        with engine.connect() as conn:
            assert kept(conn) == before
    finally:
        engine.dispose()


def _recount_on(engine: Any) -> dict[tuple[Any, ...], tuple[int, ...]]:
    with engine.connect() as conn:
        return recount(conn)


def _tables(conn: Any) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(conn).get_table_names())
