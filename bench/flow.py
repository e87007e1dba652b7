"""Clerk seconds for a consented, a declined and a not-asked visit: keys, script, waiting.

Drives the real window by keys, the very sequence it needs today (as tests/gui/test_visit.py
does): service filter "ktp" + Enter, then 1 + the 12 digits + Enter (consented), 2
(declined), or 3 + a reason number + Enter (not asked). Every key sent is counted, and
the visit must appear in today's list with the right outcome, so the count is real. The
waiting is measured: from the last key until the row is listed and the filter is ready.

Clerk seconds = keys / KEYS_PER_SECOND + words read aloud / 2.5 + measured waiting.
KEYS_PER_SECOND = 3 (180 keys a minute: a 36-words-a-minute typist, or the low end of
data-entry norms of 10 000 keys an hour; digits are dictated by the citizen). The script
is read to every citizen who is asked (consented and declined), never to the not-asked.
The baseline is the same visits with the old 93-word notice read in full.

    python bench/flow.py [N] [--offscreen]       # N visits of each kind (default 5)

Goals (issue 13): consented <= 10 s, declined <= 5 s, not asked <= 3 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

N = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
from _window import CLERK, PASS, PIN, make_store, unlocked_window, wait  # noqa: E402, F401  (first: sets Qt up)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

WORDS_PER_SECOND = 2.5
KEYS_PER_SECOND = 3.0
OLD_NOTICE_WORDS = 93  # the notice read aloud before issue 13 (SPI-2026-v1)
GOALS = {"consented": 10.0, "declined": 5.0, "not asked": 3.0}
OUTCOMES = {
    "consented": Outcome.AGREED,
    "declined": Outcome.DECLINED,
    "not asked": Outcome.NOT_ASKED,
}


class Keys:
    """Sends keys to real widgets and counts every one."""

    def __init__(self) -> None:
        self.n = 0

    def text(self, widget: QWidget, text: str) -> None:
        QTest.keyClicks(widget, text)
        self.n += len(text)

    def key(self, widget: QWidget, key: Qt.Key) -> None:
        QTest.keyClick(widget, key)
        self.n += 1


def run_visits(data: Path) -> dict[str, list[tuple[int, float]]]:
    """{kind: [(keys sent, seconds waited after the last key), ...]}."""
    app, win = unlocked_window(data)
    flow, table = win.screen.flow, win.screen.today.table
    wait(app, lambda: bool(flow.services))
    out: dict[str, list[tuple[int, float]]] = {k: [] for k in GOALS}
    for i in range(N + 1):  # the first round warms up (slip renderer, fonts)
        for kind in GOALS:
            keys, rows = Keys(), table.rowCount()
            keys.text(flow.filter, "ktp")
            keys.key(flow.filter, Qt.Key.Key_Return)
            if kind == "consented":
                keys.key(flow.consent_page, Qt.Key.Key_1)
                keys.text(flow.phone, f"08120000{i:04d}")
                last = (flow.phone, Qt.Key.Key_Return)
            elif kind == "declined":  # 2 chooses, Enter saves (a slip of the finger is undone)
                keys.key(flow.consent_page, Qt.Key.Key_2)
                last = (flow.consent_page, Qt.Key.Key_Return)
            else:
                keys.key(flow.consent_page, Qt.Key.Key_3)
                keys.key(flow.reasons, Qt.Key.Key_2)
                last = (flow.reasons, Qt.Key.Key_Return)
            t = time.perf_counter()
            keys.key(*last)
            wait(
                app,
                lambda r=rows: (
                    table.rowCount() == r + 1
                    and flow.filter.hasFocus()
                    and flow.steps.currentIndex() == 0
                ),
            )
            waited = time.perf_counter() - t
            win.background.wait(10000)  # the slip PDF, on its thread: not the clerk's time
            wait(app, lambda: win.worker.busy == 0)
            if i:
                out[kind].append((keys.n, waited))
    win.close()
    return out


def check_saved(data: Path) -> None:
    s = CounterStore.open_clerk(data, CLERK, PIN)
    try:
        got = [r.outcome for r in s.today()]
    finally:
        s.close()
    want = [OUTCOMES[k] for _ in range(N + 1) for k in GOALS]
    if sorted(got) != sorted(want):
        raise SystemExit(f"the visits saved are not the ones sent: {got}")


def main() -> int:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        data = Path(d) / "store"
        campaign = make_store(data)
        visits = run_visits(data)
        check_saved(data)
    words = campaign.script_words
    print(
        f"platform {os.environ['QT_QPA_PLATFORM']}, {N} visits of each kind; "
        f"{KEYS_PER_SECOND:g} keys/s, {WORDS_PER_SECOND:g} words/s"
    )
    print(
        f"script ({campaign.notice_version}, {words} words, "
        f"{words / WORDS_PER_SECOND:.1f} s): {campaign.script}"
    )
    print(
        f"full notice, printed (slip, poster, receipt page): "
        f"{len(campaign.notice_id.split())} words, not read aloud"
    )
    print(
        f"{'visit':<10} {'keys':>4} {'typing':>7} {'script':>7} {'wait':>6} "
        f"{'clerk s':>8} {'goal':>5}  {'old notice':>10}"
    )
    ok = True
    for kind, goal in GOALS.items():
        keys = statistics.median(k for k, _w in visits[kind])
        waited = statistics.median(w for _k, w in visits[kind])
        read = 0 if kind == "not asked" else words
        typing, script = keys / KEYS_PER_SECOND, read / WORDS_PER_SECOND
        total = typing + script + waited
        old = typing + (0 if kind == "not asked" else OLD_NOTICE_WORDS) / WORDS_PER_SECOND + waited
        met = total <= goal
        ok &= met
        print(
            f"{kind:<10} {keys:>4.0f} {typing:>6.1f}s {script:>6.1f}s {waited:>5.2f}s "
            f"{total:>7.1f}s {goal:>4.0f}s  {old:>9.1f}s  {'ok' if met else 'OVER'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip PySide's teardown at interpreter exit (it can crash in GC)
