"""The sync client's own share of a pass, without the network: claim a batch, read its
rows, build and check its wire records, settle the answer (every record acknowledged),
batch after batch until the outbox is empty, for backlogs of growing size.

Prints microseconds per record for each step, and the Python heap's peak during the same
pass over a copy of the backlog (tracemalloc, not timed), which should not grow with the
backlog (one batch at a time). The central's
side and the network are bench/sync.py's. Runs on whichever code is on PYTHONPATH, so the
same command measures the version before a change:

    PYTHONPATH=src python bench/sync_client.py [VISITS ...]     (default 1000 4000 16000)
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.messages import MAX_RECORDS
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync import records

PASS = "bench passphrase 2026"


def fill(store: CounterStore, visits: int) -> None:
    """A backlog: 40 % consents (fake numbers), saved without an fsync each (not timed)."""
    rnd = random.Random(14)
    store.con.execute("PRAGMA synchronous = OFF")
    for i in range(visits):
        if rnd.random() < 0.4:
            store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i % 10000:04d}")
        else:
            store.record("DUK-KK", Outcome.DECLINED)
    store.con.execute("PRAGMA synchronous = FULL")


def one_pass(store: CounterStore, trace: bool) -> tuple[int, dict[str, float], int]:
    took = {"claim": 0.0, "rows": 0.0, "build": 0.0, "settle": 0.0}
    n = 0
    if trace:
        tracemalloc.start()
    while True:
        t = time.perf_counter()
        batch = store.outbox.claim(MAX_RECORDS)
        took["claim"] += time.perf_counter() - t
        if batch is None:
            break
        t = time.perf_counter()
        rows = store.outbox.rows(batch.entries)
        took["rows"] += time.perf_counter() - t
        t = time.perf_counter()
        built = records.build(rows, batch.entries, store.zone)
        took["build"] += time.perf_counter() - t
        assert not built.invalid
        t = time.perf_counter()
        store.outbox.settle(batch, [r["id"] for r in built.records], {})
        took["settle"] += time.perf_counter() - t
        n += len(built.records)
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    return n, took, peak


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 4000, 16000]
    print(f"load average {os.getloadavg()[0]:.2f}")
    for visits in sizes:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
            store = CounterStore.create(
                Path(d) / "s", mpp_code="B", mpp_name="B", counter="L", zone="WIB", passphrase=PASS
            )
            fill(store, visits)
            store.close()
            shutil.copytree(Path(d) / "s", Path(d) / "traced")
            store = CounterStore.open_admin(Path(d) / "s", PASS)
            n, took, _ = one_pass(store, trace=False)  # timed without tracemalloc's cost
            assert store.outbox.counts()["acked"] == n
            store.close()
            store = CounterStore.open_admin(Path(d) / "traced", PASS)  # the same backlog
            _, _, peak = one_pass(store, trace=True)
            store.close()
        total = sum(took.values())
        steps = ", ".join(f"{k} {v / n * 1e6:.1f}" for k, v in took.items())
        print(
            f"{n:6d} records ({visits} visits): {total / n * 1e6:5.1f} us/record "
            f"({n / total:,.0f} rec/s; {steps}); Python heap peak {peak / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
