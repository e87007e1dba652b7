"""Durable save: one consented record through the store vs. the same row in plain SQLCipher
and in plain sqlite3.

All three pay an fsync per transaction (WAL, synchronous=FULL); plain SQLCipher also gets
the store's other pragmas (raw key, foreign_keys, secure_delete), so the first ratio shows
what sealing, the outbox state, the sequence and the audit row add, the second what
encryption adds on top. The store's save is timed as the window makes it after Enter (the
number checked and the sealing's key agreement made while the clerk typed) and as the CLI
makes it (both inside the save). Also prints the statements and write-ahead-log frames
one save costs (4 KiB pages), and times the unlock (Argon2id with the real profile).
Goals (issue 14): <= 1.5x plain SQLCipher and <= 2x plain sqlite3, from the same run.

Timed in the steady state: each database first takes WARMUP_FRAMES of untimed saves, so
that its write-ahead log has wrapped (been checkpointed and reused from its start) before
the clock runs. While a log file still grows, each fsync also commits the file's new
size, which costs more; a save that writes 2 frames grows its log five times longer
than one that writes 10, so timing from a fresh file favoured the store (1.4-1.6x at 300
saves, 2.1x once both logs had wrapped).

Run: python bench/save.py [N]   (BENCH_DIR=/dev/shm: the same without the disk, the CPU's
share alone; PYTHONPATH pointing at an older checkout measures that version, as the CLI)
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

try:  # the version before issue 14 has neither: the bench still runs on it, as the CLI
    from mpp_counter.domain.phone import parse
except ImportError:
    parse = None
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
    """Statements run per save (all of them) and write-ahead-log frames per save, counted
    (``counting``) on a few extra saves after the timed ones, each after the log was
    emptied: the statement trace calls back into Python for each statement, so it stays
    out of the timed saves."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.counting = False
        self.frames: list[int] = []
        self.statements: list[int] = []

    def around(self, fn: Callable[[], object]) -> float:
        if not self.counting:
            t = time.perf_counter()
            fn()
            return time.perf_counter() - t
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seen: list[str] = []
        self.con.set_trace_callback(seen.append)
        fn()
        self.con.set_trace_callback(None)
        self.statements.append(len(seen))
        self.frames.append(int(self.con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]))
        return 0.0


def plain_one(con: Any, i: int) -> None:
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO visits VALUES (?, ?, 'DUK-KTP', 'agreed', ?, ?)",
        (str(uuid.uuid4()), time.time(), f"R{i}", "+6281200001234"),
    )
    con.execute("COMMIT")


def ours(store: CounterStore, wal: Wal, n: int, window: bool) -> list[float]:
    """``window``: as the window saves after Enter: the number was checked as it was typed
    and the sealing's key agreement made meanwhile (not timed). Else as the CLI saves:
    the typed text, checked and sealed inside the save."""
    out = []
    for i in range(n):
        phone: Any = f"0812-0000-{i % 10000:04d}"
        if window and parse is not None:
            phone = parse(phone)
            store.prepare_seal()
        out.append(wal.around(lambda p=phone: store.record("DUK-KTP", Outcome.AGREED, phone=p)))
    return out


WARMUP_FRAMES = 1500  # past SQLite's autocheckpoint (1,000 frames) in every log


def _warm_up(store: CounterStore, wal: Wal, con_sq: Any, con_sc: Any) -> None:
    """Untimed saves until every log has wrapped at least once (see the docstring)."""
    for i in range(WARMUP_FRAMES // 2):
        plain_one(con_sq, -1 - i)
        plain_one(con_sc, -1 - i)
    for _ in range(WARMUP_FRAMES):  # a save writes one frame or more
        ours(store, wal, 1, window=True)


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
        w_win, w_cli = Wal(store.con), Wal(store.con)
        con_sq, con_sc = _sqlite(Path(d) / "plain.db"), _sqlcipher(Path(d) / "cipher.db")
        w_sq, w_sc = Wal(con_sq), Wal(con_sc)
        win: list[float] = []
        cli: list[float] = []
        b: list[float] = []
        c: list[float] = []
        con_sq.execute(ROW)
        con_sc.execute(ROW)
        _warm_up(store, w_win, con_sq, con_sc)
        # one save of each kind in turn, so that a busy disk (other programs' fsyncs) hits
        # all of them alike: the ratios hold where the absolute times do not
        for i in range(n):
            b.append(w_sq.around(lambda i=i: plain_one(con_sq, i)))
            win += ours(store, w_win, 1, window=True)
            c.append(w_sc.around(lambda i=i: plain_one(con_sc, i)))
            if i % 2:
                cli += ours(store, w_cli, 1, window=False)
        for w in (w_sq, w_sc, w_win, w_cli):
            w.counting = True
        for i in range(20):
            w_sq.around(lambda i=i: plain_one(con_sq, i))
            w_sc.around(lambda i=i: plain_one(con_sc, i))
            ours(store, w_win, 1, window=True)
            ours(store, w_cli, 1, window=False)
        store.close()
        con_sq.close()
        con_sc.close()
    mw, mc, mb = statistics.median(win), statistics.median(c), statistics.median(b)
    print(
        f"records: {len(win)} each ({len(cli)} as the CLI); load average {os.getloadavg()[0]:.2f}"
    )
    print(_line("store.record as the window saves (consent, sealed, audit)", win, w_win))
    print(_line("store.record as the CLI saves (parses and seals inside) ", cli, w_cli))
    print(_line("plain SQLCipher insert, the store's pragmas               ", c, w_sc))
    print(_line("plain sqlite3 insert, WAL + synchronous=FULL              ", b, w_sq))
    mcli = statistics.median(cli)
    print(f"ratio to plain SQLCipher: {mw / mc:.2f}  (goal <= 1.5); as the CLI {mcli / mc:.2f}")
    print(f"ratio to plain sqlite3:   {mw / mb:.2f}  (goal <= 2); as the CLI {mcli / mb:.2f}")
    print(
        f"unlock (Argon2id interactive): median {statistics.median(unlocks):.3f} s "
        f"(goal 0.3-1 s); create {create_s:.3f} s"
    )


if __name__ == "__main__":
    main()
