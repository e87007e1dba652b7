"""Does a save cost more late in the day? Enter → row in today's list, by rows listed.

Drives the real window by keys (service, Enter, 1, the number, Enter) for a whole day of
consented visits and times each save from the last Enter until its row is in today's
list, and the list's own part of it (today.TodayPanel's update, wrapped here: works on
the version that rebuilt the whole list too). Prints medians for the saves made while
3 to 3+PER rows were listed (the baseline: the same save with an almost empty list) and
from 10, 200 and 400 rows on (or the marks given), with the ratio to the baseline; goal:
the list update does not grow (ratio ≤ 1.5). The whole save is dominated by the store's
fsync and is noisy on a shared machine. Slips go to PDF on the background thread,
awaited between saves and not timed, as in bench/visit.py.

    python bench/day.py [--rows 10,200,400] [--per 15] [--offscreen]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


MARKS = [int(x) for x in _arg("--rows", "10,200,400").split(",")]
PER = int(_arg("--per", "15"))  # saves timed at each mark
from _window import CLERK, PASS, PIN, make_store, unlocked_window, wait  # noqa: E402, F401  (first: sets Qt up)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from mpp_counter.gui import today  # noqa: E402

LIST: dict[int, float] = {}  # rows listed before -> seconds the list's own update took


def _timed(update):  # type: ignore[no-untyped-def]
    """The list's part of a save, whichever way this version of the panel does it (one
    row added, or the whole day shown again)."""

    def run(self, *args):  # type: ignore[no-untyped-def]
        n, t = self.table.rowCount(), time.perf_counter()
        update(self, *args)
        LIST[n] = time.perf_counter() - t

    return run


if hasattr(today.TodayPanel, "add_row"):
    today.TodayPanel.add_row = _timed(today.TodayPanel.add_row)
else:  # before: every save read and redrew the whole day
    today.TodayPanel.show_rows = _timed(today.TodayPanel.show_rows)


def day(data: Path) -> dict[int, list[float]]:
    """Seconds per save, keyed by how many rows were listed when Enter was pressed."""
    app, win = unlocked_window(data)
    flow, table = win.screen.flow, win.screen.today.table
    wait(app, lambda: bool(flow.services))
    out: dict[int, list[float]] = {}
    for i in range(max(MARKS) + PER):
        QTest.keyClicks(flow.filter, "ktp")
        QTest.keyClick(flow.filter, Qt.Key.Key_Return)
        QTest.keyClick(flow.consent_page, Qt.Key.Key_1)
        QTest.keyClicks(flow.phone, f"0812-0000-{i % 10000:04d}")
        rows = table.rowCount()
        t = time.perf_counter()
        QTest.keyClick(flow.phone, Qt.Key.Key_Return)
        wait(app, lambda r=rows: table.rowCount() == r + 1)
        out[rows] = [time.perf_counter() - t]
        win.background.wait(10000)  # this visit's slip PDF: not timed, not overlapping
        wait(app, lambda: win.worker.busy == 0)
    win.close()
    return out


def main() -> int:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        data = Path(d) / "store"
        make_store(data)
        times = day(data)

    def median_at(lo: int, of: dict[int, float]) -> float:
        return statistics.median(t for n, t in of.items() if lo <= n < lo + PER)

    saves = {n: ts[0] for n, ts in times.items()}
    base, lbase = median_at(3, saves), median_at(3, LIST)  # the first saves warm up
    print(f"platform {os.environ['QT_QPA_PLATFORM']}, {PER} saves timed per mark")
    print(
        f"rows listed  3-{3 + PER - 1:<4} Enter->row median {base * 1000:6.1f} ms, "
        f"list update {lbase * 1000:5.2f} ms (baseline)"
    )
    worst = 1.0
    for m in MARKS:
        t, lt = median_at(m, saves), median_at(m, LIST)
        worst = max(worst, lt / lbase)
        print(
            f"rows listed {m:4}+    Enter->row median {t * 1000:6.1f} ms (x{t / base:.2f}), "
            f"list update {lt * 1000:5.2f} ms (x{lt / lbase:.2f})"
        )
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip PySide's teardown at interpreter exit (it can crash in GC)
