"""The floor of a save's shape: bare SQL, before and after schema 9 (issue 14).

bench/save.py times the store's own save. This bench times bare SQL only (no Python
around it, no sealing), in plain SQLCipher files with the store's pragmas, for the same
consented save in two shapes, against bench/save.py's baseline row in the same run:

- ``schema 8``: visits, consents and audit with their indexes, as the store had them up
  to schema 8 (their DDL kept here), one row in each;
- ``schema 9``: the store's ``saves`` (visit, consent and audit entry in one row, the
  receipt code's index, the day's first number by trigger), copied from a real store.

Timed in the steady state as bench/save.py (every log wrapped first); frames per save are
counted over 300 saves with the log emptied first. ``--page-size`` runs every file (the
baseline too) with that SQLCipher page size.

Run: python bench/save_shapes.py [N] [--page-size 4096]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from save import PASS, ROW, plain_one

from mpp_counter.domain.record_ids import new_id
from mpp_counter.store.counter import CounterStore

H = "9" * 64
STATES = "('pending', 'in_flight', 'acked', 'rejected')"
SCHEMA_8 = [  # visits, consents and audit as schema 8 left them
    f"""CREATE TABLE visits(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL,
    mpp_code TEXT NOT NULL, counter TEXT NOT NULL, clerk TEXT NOT NULL,
    service_code TEXT NOT NULL, agency_code TEXT NOT NULL, outcome TEXT NOT NULL,
    not_asked_reason TEXT, consent_id TEXT, sync_state TEXT NOT NULL DEFAULT 'pending'
    CHECK (sync_state IN {STATES}), batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, acked_at TEXT, audit_seq INTEGER) WITHOUT ROWID""",
    "CREATE INDEX visits_at ON visits(at)",
    "CREATE INDEX visits_sync ON visits(sync_state, seq)",
    f"""CREATE TABLE consents(id TEXT PRIMARY KEY, visit_id TEXT NOT NULL REFERENCES
    visits(id), receipt TEXT NOT NULL UNIQUE, receipt_secret TEXT NOT NULL, at TEXT NOT NULL,
    campaign_id TEXT NOT NULL, notice_version TEXT NOT NULL, notice_hash TEXT NOT NULL,
    phone_masked TEXT NOT NULL, phone_sealed BLOB, sealed_to TEXT, withdrawn_at TEXT,
    sealed_key TEXT, sync_state TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN
    {STATES}), batch_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    acked_at TEXT, seq INTEGER) WITHOUT ROWID""",
    "CREATE INDEX consents_sync ON consents(sync_state, seq)",
    """CREATE INDEX consents_sealed ON consents(acked_at)
    WHERE phone_sealed IS NOT NULL AND sync_state = 'acked'""",
    """CREATE TABLE audit(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
]


def _open(path: Path, page: int) -> Any:
    con = sqlcipher3.connect(str(path), isolation_level=None)
    con.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    con.execute(f"PRAGMA cipher_page_size = {page}")
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _store_schema(d: Path) -> list[str]:
    """The CREATE statements of a real store's saves, its day table, audit and settings
    (the tables a save writes or reads), with their indexes and triggers."""
    store = CounterStore.create(
        d / "s", mpp_code="B", mpp_name="B", counter="L", zone="WIB", passphrase=PASS
    )
    rows = store.con.execute(
        "SELECT sql FROM sqlite_master WHERE type != 'view' AND sql IS NOT NULL"
        " AND tbl_name IN ('saves', 'save_days', 'audit', 'settings')"
        " ORDER BY type = 'table' DESC, type = 'index' DESC"
    ).fetchall()
    store.close()
    return [r[0] for r in rows]


def _consent() -> tuple[object, ...]:
    return (secrets.token_hex(16), "camp", "v1", H, "0812****1234", secrets.token_bytes(90))


def schema8_one(con: Any, i: int) -> None:
    vid, cid, now = new_id(), new_id(), time.time()
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO audit(seq, at, actor, action, detail, prev_hash, hash)"
        " VALUES (?, ?, 'clerk', 'save', ?, ?, ?)",
        (i, now, f"visit {vid} agreed receipt R{i}", H, H),
    )
    con.execute(
        "INSERT INTO visits(id, seq, at, mpp_code, counter, clerk, service_code, agency_code,"
        " outcome, consent_id, audit_seq) VALUES (?, ?, ?, 'B', 'L', 'clerk', 'DUK-KTP',"
        " 'DUK', 'agreed', ?, ?)",
        (vid, i, now, cid, i),
    )
    con.execute(
        "INSERT INTO consents(id, visit_id, receipt, at, receipt_secret, campaign_id,"
        " notice_version, notice_hash, phone_masked, phone_sealed, sealed_to, sealed_key,"
        " seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'camp', ?, ?)",
        (cid, vid, secrets.token_hex(5), now, *_consent(), H, i),
    )
    con.execute("COMMIT")


SEQ = iter(range(10**6, 10**9))


def schema9_one(con: Any, i: int) -> None:
    seq, now = next(SEQ), datetime.now(UTC).isoformat()
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO saves(seq, id, consent_id, receipt, audit_seq, audit_prev, audit_hash, at,"
        " mpp_code, counter, clerk, service_code, agency_code, outcome, receipt_secret,"
        " consent_at, campaign_id, notice_version, notice_hash, phone_masked, phone_sealed,"
        " sealed_to, sealed_key, consent_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'B', 'L',"
        " 'clerk', 'DUK-KTP', 'DUK', 'agreed', ?, ?, ?, ?, ?, ?, ?, 'camp', ?, 'pending')",
        (
            seq,
            new_id(),
            new_id(),
            secrets.token_hex(5),
            seq,
            H,
            H,
            now,
            *_consent()[:1],
            now,
            *_consent()[1:],
            H,
        ),
    )
    con.execute("COMMIT")


def _frames(con: Any, one: Callable[[Any, int], None]) -> float:
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for i in range(300):
        one(con, 10**7 + i)
    return int(con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]) / 300


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--page-size", type=int, default=4096)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        d = Path(tmp)
        shapes: dict[str, tuple[list[str], Callable[[Any, int], None]]] = {
            "baseline (bench/save.py's plain SQLCipher row)": ([ROW], plain_one),
            "schema 8: visits, consents, audit": (SCHEMA_8, schema8_one),
            "schema 9: saves": (_store_schema(d), schema9_one),
        }
        cons = {}
        for k, (name, (schema, one)) in enumerate(shapes.items()):
            con = cons[name] = _open(d / f"{k}.db", args.page_size)
            for stmt in schema:
                con.execute(stmt)
            for i in range(1500):  # every log wraps (past the 1,000-frame autocheckpoint)
                one(con, -1 - i)
        times: dict[str, list[float]] = {name: [] for name in shapes}
        for i in range(args.n):  # in turn, so a busy disk hits every shape alike
            for name, (_schema, one) in shapes.items():
                t = time.perf_counter()
                one(cons[name], i)
                times[name].append(time.perf_counter() - t)
        base = statistics.median(next(iter(times.values())))
        print(f"{args.n} saves each, page size {args.page_size}, load {os.getloadavg()[0]:.2f}")
        for name, (_schema, one) in shapes.items():
            m = statistics.median(times[name])
            frames = _frames(cons[name], one)
            print(f"{name:48}: {m * 1e3:.3f} ms, {frames:.2f} frames/save, x{m / base:.2f}")
            cons[name].close()


if __name__ == "__main__":
    main()
