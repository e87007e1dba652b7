"""Enter on a valid visit → saved and shown in today's list: what the clerk waits for.

Drives the real window by keys (service filter, Enter, 1, the number) and times from the
last Enter until the new row is in today's list, N times; goal: median ≤ 50 ms. The
baseline, in the same script, is the same visit recorded straight through the store
(no window, no worker thread), so the ratio shows what the window adds. The store is a
real SQLCipher file (WAL, synchronous=FULL); slips go to PDF on the background thread, as
on a counter with no printer.

    python bench/visit.py [N] [--offscreen]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

N = int(next((a for a in sys.argv[1:] if a.isdigit()), "40"))
from _window import CLERK, PASS, PIN, make_store, unlocked_window, wait  # noqa: E402, F401  (first: sets Qt up)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402


def window_visits(data: Path) -> list[float]:
    app, win = unlocked_window(data)
    flow, table = win.screen.flow, win.screen.today.table
    wait(app, lambda: bool(flow.services))
    out = []
    for i in range(N + 3):
        QTest.keyClicks(flow.filter, "ktp")
        QTest.keyClick(flow.filter, Qt.Key.Key_Return)
        QTest.keyClick(flow.consent_page, Qt.Key.Key_1)
        QTest.keyClicks(flow.phone, f"0812-0000-{i % 10000:04d}")
        rows = table.rowCount()
        t = time.perf_counter()
        QTest.keyClick(flow.phone, Qt.Key.Key_Return)
        wait(app, lambda r=rows: table.rowCount() == r + 1)
        out.append(time.perf_counter() - t)
        win.background.wait(10000)  # the slip PDF of this visit: not timed, not overlapping
        wait(app, lambda: win.worker.busy == 0)
    win.close()
    return out[3:]  # the first saves warm up the slip renderer


def store_visits(data: Path) -> list[float]:
    s = CounterStore.open_clerk(data, CLERK, PIN)
    out = []
    try:
        for i in range(N):
            t = time.perf_counter()
            s.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i % 10000:04d}")
            s.today()
            out.append(time.perf_counter() - t)
    finally:
        s.close()
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        data = Path(d) / "store"
        make_store(data)
        gui = window_visits(data)
        base = store_visits(data)
    g, b = statistics.median(gui), statistics.median(base)
    print(f"platform {os.environ['QT_QPA_PLATFORM']}, {N} visits each")
    print(f"store.record + today() median {b * 1000:6.1f} ms (baseline)")
    print(
        f"Enter -> row in today's list  median {g * 1000:6.1f} ms, "
        f"p90 {sorted(gui)[int(len(gui) * 0.9)] * 1000:.1f} ms (goal <= 50 ms)"
    )
    print(f"ratio {g / b:.2f}")
    return 0 if g <= 0.050 else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip PySide's teardown at interpreter exit (it can crash in GC)
