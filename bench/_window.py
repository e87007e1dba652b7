"""What the window benchmarks share: Qt offscreen unless a display is wanted, the tests'
cheap KDF (unlocking is not what they measure), a store with one clerk, and a window
unlocked by keys. Import it before anything imports PySide6."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = (
    "offscreen"
    if "--offscreen" in sys.argv or not os.environ.get("DISPLAY")
    else os.environ.get("QT_QPA_PLATFORM", "xcb")
)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
__import__("fast_kdf").install()  # the tests' cheap KDF, in this process only

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from mpp_counter.gui.app import build  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

PASS, CLERK, PIN = "bench passphrase 2026", "Bench", "8024613579"


def wait(app: Any, cond: Callable[[], bool], limit: float = 10.0) -> None:
    end = time.perf_counter() + limit
    while not cond():
        app.processEvents()
        if time.perf_counter() > end:
            raise SystemExit("timed out")
        time.sleep(0.0005)


def make_store(data: Path) -> Any:
    """A store with the bench's clerk; returns its campaign."""
    s = CounterStore.create(
        data, mpp_code="B", mpp_name="Bench", counter="L1", zone="WIB", passphrase=PASS
    )
    s.add_clerk(CLERK, PIN)
    campaign = s.campaign()
    s.close()
    return campaign


def unlocked_window(data: Path) -> tuple[Any, Any]:
    """The real window on ``data``, unlocked by the clerk's keys, services loaded."""
    app, win = build(data)
    win.show()
    scr = win.screen
    wait(app, lambda: scr.user.count() > 0)
    scr.user.setCurrentIndex(scr.user.findData(CLERK))
    QTest.keyClicks(scr.secret, PIN)
    QTest.keyClick(scr.secret, Qt.Key.Key_Return)
    wait(app, lambda: win.screen_name == "counter" and win.worker.busy == 0)
    wait(app, lambda: bool(win.screen.flow.services))
    return app, win
