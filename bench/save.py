"""Durable save: one consented record through the store vs. the same row in plain SQLCipher
and in plain sqlite3.

All three pay an fsync per transaction (WAL, synchronous=FULL); plain SQLCipher also gets
the store's other pragmas (raw key, foreign_keys, secure_delete), so the first ratio shows
what sealing, the outbox state, the sequence and the audit row add, the second what
encryption adds on top. Also prints the statements and write-ahead-log frames one save
costs (4 KiB pages), and times the unlock (Argon2id with the real profile).
Goals (issue 14): <= 1.5x plain SQLCipher and <= 2x plain sqlite3, from the same run.

Run: python bench/save.py [N]
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

PASS = "bench passphrase 2026"
ROW = (
    "CREATE TABLE visits(id TEXT PRIMARY KEY, at TEXT, service TEXT, outcome TEXT,"
    " receipt TEXT, phone TEXT)"
)
PAGE = 4096  # the WAL frame is a page plus a 24-byte header


def _sqlite(path: Path) -> Any:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


def _sqlcipher(path: Path) -> Any:
    con = sqlcipher3.connect(str(path), isolation_level=None)
    con.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA secure_delete=ON")
    return con


class Wal:
    """Frames appended to a database's write-ahead log, and statements run, per save."""

    def __init__(self, db: Path, con: Any) -> None:
        self.path = db.with_name(db.name + "-wal")
        self.frames: list[int] = []
        self.statements: list[int] = []
        self._seen: list[str] = []
        con.set_trace_callback(self._seen.append)

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def around(self, fn: Callable[[], object]) -> float:
        self._seen.clear()
        before = self.size()
        t = time.perf_counter()
        fn()
        took = time.perf_counter() - t
        grown = self.size() - before
        if grown > 0 and before > 0:  # not across a checkpoint that restarted the log
            self.frames.append(grown // (PAGE + 24))
        self.statements.append(len(self._seen))
        return took


def plain(con: Any, wal: Wal, n: int) -> list[float]:
    con.execute(ROW)
    out = []
    for i in range(n):

        def one(i: int = i) -> None:
            con.execute("BEGIN IMMEDIATE")
            con.execute(
                "INSERT INTO visits VALUES (?, ?, 'DUK-KTP', 'agreed', ?, ?)",
                (str(uuid.uuid4()), time.time(), f"R{i}", "+6281200001234"),
            )
            con.execute("COMMIT")

        out.append(wal.around(one))
    return out


def ours(store: CounterStore, wal: Wal, n: int) -> list[float]:
    out = []
    for i in range(n):
        phone = f"0812-0000-{i % 10000:04d}"
        out.append(wal.around(lambda p=phone: store.record("DUK-KTP", Outcome.AGREED, phone=p)))
    return out


def _line(name: str, times: list[float], wal: Wal) -> str:
    return (
        f"{name}: median {statistics.median(times) * 1e3:.3f} ms, "
        f"{statistics.median(wal.statements):.0f} statements, "
        f"{statistics.median(wal.frames or [0]):.0f} WAL frames per save"
    )


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
        db = Path(d) / "s" / store.keyfile.db_file
        w_ours = Wal(db, store.con)
        sq, sc = Path(d) / "plain.db", Path(d) / "cipher.db"
        con_sq, con_sc = _sqlite(sq), _sqlcipher(sc)
        w_sq, w_sc = Wal(sq, con_sq), Wal(sc, con_sc)
        a: list[float] = []
        b: list[float] = []
        c: list[float] = []
        for k in range(3):  # alternate, so the disk's state drifts equally for all three
            if k:
                con_sq.execute("DROP TABLE visits")
                con_sc.execute("DROP TABLE visits")
            b += plain(con_sq, w_sq, n // 3)
            c += plain(con_sc, w_sc, n // 3)
            a += ours(store, w_ours, n // 3)
        store.close()
        con_sq.close()
        con_sc.close()
    ma, mb, mc = statistics.median(a), statistics.median(b), statistics.median(c)
    print(f"records: {len(a)} each; load average {os.getloadavg()[0]:.2f}")
    print(_line("store.record (consent, sealed, outbox state, audit)", a, w_ours))
    print(_line("plain SQLCipher insert, the store's pragmas      ", c, w_sc))
    print(_line("plain sqlite3 insert, WAL + synchronous=FULL     ", b, w_sq))
    print(f"ratio to plain SQLCipher: {ma / mc:.2f}  (goal <= 1.5)")
    print(f"ratio to plain sqlite3:   {ma / mb:.2f}  (goal <= 2)")
    print(
        f"unlock (Argon2id interactive): median {statistics.median(unlocks):.3f} s "
        f"(goal 0.3-1 s); create {create_s:.3f} s"
    )


if __name__ == "__main__":
    main()
