"""What shape of save could reach issue 14's goal (<= 1.5x plain SQLCipher)?

bench/save.py times the store's own save. This bench times bare SQL only (no Python
around it, no sealing), in plain SQLCipher files with the store's pragmas, for three
shapes of the same consented save, against bench/save.py's baseline row in the same run:

- ``today``: the store's tables as they are (visits, consents, audit and their indexes,
  copied from a real store's schema), one row in each: the floor of today's shape;
- ``one row``: visit, consent and audit link in one WITHOUT ROWID row keyed by the
  time-ordered id, with a (sync_state, seq) index and the receipt code's UNIQUE index;
- ``one row, sync index only``: the same without the receipt index.

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
from pathlib import Path
from typing import Any

import sqlcipher3
from save import PASS, ROW, plain_one

from mpp_counter.domain.record_ids import new_id
from mpp_counter.store.counter import CounterStore

MERGED = """CREATE TABLE saves(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL,
    mpp_code TEXT, counter TEXT, clerk TEXT, service_code TEXT, agency_code TEXT,
    outcome TEXT, receipt TEXT, receipt_secret TEXT, campaign_id TEXT, notice_version TEXT,
    notice_hash TEXT, phone_masked TEXT, phone_sealed BLOB, sealed_to TEXT, sealed_key TEXT,
    sync_state TEXT NOT NULL, prev_hash TEXT, hash TEXT) WITHOUT ROWID"""
SYNC = "CREATE INDEX saves_sync ON saves(sync_state, seq)"
RECEIPT = "CREATE UNIQUE INDEX saves_receipt ON saves(receipt)"
H = "9" * 64


def _open(path: Path, page: int) -> Any:
    con = sqlcipher3.connect(str(path), isolation_level=None)
    con.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    con.execute(f"PRAGMA cipher_page_size = {page}")
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
        con.execute(f"PRAGMA {pragma}")
    return con


def _store_schema(d: Path) -> list[str]:
    """The CREATE statements of a real store's visits, consents and audit."""
    store = CounterStore.create(
        d / "s", mpp_code="B", mpp_name="B", counter="L", zone="WIB", passphrase=PASS
    )
    rows = store.con.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('visits', 'consents', 'audit')"
        " AND sql IS NOT NULL ORDER BY type DESC"
    ).fetchall()
    store.close()
    return [r[0] for r in rows]


def _consent() -> tuple[object, ...]:
    return (secrets.token_hex(16), "camp", "v1", H, "0812****1234", secrets.token_bytes(90))


def today_one(con: Any, i: int) -> None:
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


def merged_one(con: Any, i: int) -> None:
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO saves VALUES (?, ?, ?, 'B', 'L', 'clerk', 'DUK-KTP', 'DUK', 'agreed', ?,"
        " ?, ?, ?, ?, ?, ?, 'camp', ?, 'pending', ?, ?)",
        (new_id(), i, time.time(), secrets.token_hex(5), *_consent(), H, H, H),
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
            "today's tables, bare SQL": (_store_schema(d), today_one),
            "one row per save, sync + receipt indexes": ([MERGED, SYNC, RECEIPT], merged_one),
            "one row per save, sync index only": ([MERGED, SYNC], merged_one),
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
