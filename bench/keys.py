"""Keystrokes and clerk seconds for a consented, a declined and a not-asked visit.

Drives the real window by keys (offscreen) and counts every key the clerk presses, for
two ways of choosing the service: typing a few letters ("ktp" + Enter) and the counter's
own list (Down + Enter on the first favourite or recent service). Clerk seconds are
estimated, not timed: KEY_S per key (a clerk's steady pace) plus the read-aloud script at
2.5 words per second, for the asked visits only (consented and declined). The script is
the campaign's ``script`` when it has one, else its full notice (as read today).

    python bench/keys.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
__import__("fast_kdf").install()  # the tests' cheap KDF, in this process only

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from mpp_counter.gui.app import build  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

PASS, CLERK, PIN = "bench passphrase 2026", "Bench", "8024613579"
KEY_S = 0.3  # seconds per key press, a clerk's pace on a numeric pad and Enter
WORDS_PER_S = 2.5
GOALS = {"consented": 10.0, "declined": 5.0, "not asked": 3.0}


class Keys:
    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app, self.n = app, 0

    def click(self, w, key, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClick(w, key, mod)
        self.n += 1

    def type(self, w, text: str) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClicks(w, text)
        self.n += len(text)

    def wait(self, cond) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + 10
        while not cond():
            self.app.processEvents()
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            time.sleep(0.001)


def visit(k: Keys, win, kind: str, by_list: bool, i: int) -> int:  # type: ignore[no-untyped-def]
    flow, table = win.screen.flow, win.screen.today.table
    rows, k.n = table.rowCount(), 0
    if by_list:
        k.click(flow.filter, Qt.Key.Key_Down)
    else:
        k.type(flow.filter, "ktp")
    k.click(flow.filter, Qt.Key.Key_Return)
    if kind == "consented":
        k.click(flow.consent_page, Qt.Key.Key_1)
        k.type(flow.phone, f"08120000{i:04d}")
        k.click(flow.phone, Qt.Key.Key_Return)
    elif kind == "declined":
        k.click(flow.consent_page, Qt.Key.Key_2)
        k.click(flow.consent_page, Qt.Key.Key_Return)
    else:
        k.click(flow.consent_page, Qt.Key.Key_3)
        k.click(flow.reasons, Qt.Key.Key_1)
        k.click(flow.reasons, Qt.Key.Key_Return)
    k.wait(lambda: table.rowCount() == rows + 1 and win.worker.busy == 0)
    win.background.wait(10000)
    return k.n


def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        data = Path(d) / "store"
        s = CounterStore.create(
            data, mpp_code="B", mpp_name="Bench", counter="L1", zone="WIB", passphrase=PASS
        )
        s.add_clerk(CLERK, PIN)
        s.set_favourites(["DUK-KTP"], agency="DUKCAPIL")
        campaign = s.campaign()
        s.close()
        script = getattr(campaign, "script", "") or campaign.notice_id
        words = len(script.split())
        app, win = build(data)
        win.show()
        k = Keys(app)
        scr = win.screen
        k.wait(lambda: scr.user.count() > 0)
        scr.user.setCurrentIndex(scr.user.findData(CLERK))
        QTest.keyClicks(scr.secret, PIN)
        QTest.keyClick(scr.secret, Qt.Key.Key_Return)
        k.wait(
            lambda: (
                win.screen_name == "counter"
                and win.worker.busy == 0
                and bool(win.screen.flow.services)
            )
        )
        print(
            f"script: {words} words = {words / WORDS_PER_S:.1f} s at {WORDS_PER_S} words/s "
            f"({'campaign script' if getattr(campaign, 'script', '') else 'full notice'})"
        )
        print(f"{'visit':10} {'keys typed':>10} {'keys list':>9} {'clerk s (list)':>15} goal")
        ok, i = True, 0
        for kind in ("consented", "declined", "not asked"):
            i += 1
            typed = visit(k, win, kind, False, i)
            i += 1
            listed = visit(k, win, kind, True, i)
            secs = listed * KEY_S + (words / WORDS_PER_S if kind != "not asked" else 0)
            keys_only = listed * KEY_S
            print(
                f"{kind:10} {typed:>10} {listed:>9} {secs:>8.1f} (keys {keys_only:.1f})"
                f" {GOALS[kind]:>5.0f}"
            )
            ok = ok and keys_only <= GOALS[kind]
        win.close()
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip PySide's teardown at interpreter exit (it can crash in GC)
