"""Durable save: one consented record through the store vs. a plain sqlite3 insert.

Both pay an fsync per transaction (WAL, synchronous=FULL); the ratio shows what
encryption, sealing, the outbox and the audit row add. Also times the unlock (Argon2id
with the real profile). Run: python bench/save.py [N]
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

PASS = "bench passphrase 2026"


def plain(path: Path, n: int) -> list[float]:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE visits(id TEXT PRIMARY KEY, at TEXT, service TEXT, outcome TEXT,"
        " receipt TEXT, phone TEXT)"
    )
    out = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO visits VALUES (?, ?, 'DUK-KTP', 'agreed', ?, ?)",
            (str(uuid.uuid4()), time.time(), f"R{i}", "+6281200001234"),
        )
        con.execute("COMMIT")
        out.append(time.perf_counter() - t)
    con.close()
    return out


def ours(store: CounterStore, n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i % 10000:04d}")
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        t = time.perf_counter()
        store = CounterStore.create(
            Path(d) / "s", mpp_code="B", mpp_name="B", counter="L", zone="WIB", passphrase=PASS
        )
        create_s = time.perf_counter() - t
        store.close()
        unlocks = []
        for _ in range(3):
            t = time.perf_counter()
            store = CounterStore.open_admin(Path(d) / "s", PASS)
            unlocks.append(time.perf_counter() - t)
            store.close()
        store = CounterStore.open_admin(Path(d) / "s", PASS)
        a, b = [], []
        for _ in range(3):  # alternate, so disk state drifts equally for both
            b += plain(Path(d) / f"plain{len(b)}.db", n // 3)
            a += ours(store, n // 3)
        store.close()
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"records: {len(a)} each")
    print(f"store.record (consent, sealed, outbox, audit): median {ma * 1e3:.2f} ms")
    print(f"plain sqlite3 insert, WAL + synchronous=FULL:  median {mb * 1e3:.2f} ms")
    print(f"ratio: {ma / mb:.2f}  (goal <= 2)")
    print(
        f"unlock (Argon2id interactive): median {statistics.median(unlocks):.3f} s "
        f"(goal 0.3-1 s); create {create_s:.3f} s"
    )


if __name__ == "__main__":
    main()
