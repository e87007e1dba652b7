"""A clerk's whole day in one process, by key presses in the real window.

    python tests/gui/day_driver.py DATA_DIR [VISITS]

DATA_DIR holds a store made by ``conftest.make_store`` (no printer: each slip is shown on
screen, and counted here), or
one whose clerk Sari has the PIN in $DAY_PIN.
Every ten visits: four consents, three declined, three not asked (each reason in turn),
a reprint and a withdrawal by receipt; every fifty, Ctrl+L and the PIN; now and then a
visit dropped with Esc. It prints one JSON line with what it did, then leaves the way a
closed window does: a normal interpreter exit, so a crash at teardown shows in the exit
code. ``test_day.py`` runs it in a subprocess and checks the store against that line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from mpp_counter.gui.app import build  # noqa: E402

# conftest.make_store's clerk; without the test Secret Service a PIN needs 10 digits.
CLERK, PIN = "Sari", os.environ.get("DAY_PIN", "246810")
CTRL = Qt.KeyboardModifier.ControlModifier
SERVICES = ("ktp", "skck", "paspor", "kk")
_done: Counter[str] = Counter()  # what the day did so far
PLAN = (
    "agreed",
    "declined",
    "not_asked",
    "agreed",
    "declined",
    "not_asked",
    "agreed",
    "declined",
    "not_asked",
    "agreed",
)


def wait(app: QApplication, cond, what: str, limit: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while not cond():
        app.processEvents()
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what} after {dict(_done)}")
        time.sleep(0.001)


class Day:
    def __init__(self, data: Path) -> None:
        self.app, self.win = build(data)
        self.win.show()  # type: ignore[attr-defined]
        self.done = _done
        self.shown: set[str] = set()  # receipts whose slip the window showed (no printer)
        show = self.win.slips.show_slip  # type: ignore[attr-defined]

        def counted(content: object) -> None:
            self.shown.add(str(getattr(content, "receipt", "")))
            show(content)

        self.win.slips.show_slip = counted  # type: ignore[attr-defined]

    def idle(self) -> None:
        wait(self.app, lambda: self.win.worker.busy == 0, "the store worker")

    def unlock(self) -> None:
        win = self.win
        wait(
            self.app,
            lambda: win.screen_name == "unlock" and win.screen.user.count() > 0,
            "the unlock screen",
        )
        scr = win.screen
        scr.user.setCurrentIndex(scr.user.findData(CLERK))
        QTest.keyClicks(scr.secret, PIN)
        QTest.keyClick(scr.secret, Qt.Key.Key_Return)
        wait(self.app, lambda: win.screen_name == "counter", "the counter screen")
        wait(self.app, lambda: bool(win.screen.flow.services), "the catalog")
        self.idle()

    def visit(self, i: int, kind: str) -> None:
        flow, table = self.win.screen.flow, self.win.screen.today.table
        rows = table.rowCount()
        QTest.keyClicks(flow.filter, SERVICES[i % len(SERVICES)])
        QTest.keyClick(flow.filter, Qt.Key.Key_Return)
        if i % 37 == 5:  # the citizen walks away: Esc, nothing saved, then the real visit
            QTest.keyClick(flow.consent_page, Qt.Key.Key_Escape)
            self.done["cancelled"] += 1
            QTest.keyClicks(flow.filter, SERVICES[i % len(SERVICES)])
            QTest.keyClick(flow.filter, Qt.Key.Key_Return)
        if kind == "agreed":
            QTest.keyClick(flow.consent_page, Qt.Key.Key_1)
            QTest.keyClicks(flow.phone, f"0812-0000-{i % 10000:04d}")
            QTest.keyClick(flow.phone, Qt.Key.Key_Return)
        elif kind == "declined":
            QTest.keyClick(flow.consent_page, Qt.Key.Key_2)
            QTest.keyClick(flow.consent_page, Qt.Key.Key_Return)  # 2 chooses, Enter saves
        else:
            QTest.keyClick(flow.consent_page, Qt.Key.Key_3)
            QTest.keyClick(flow.reasons, Qt.Key(Qt.Key.Key_1 + self.done[kind] % 5))
            QTest.keyClick(flow.reasons, Qt.Key.Key_Return)
        wait(self.app, lambda: table.rowCount() == rows + 1, f"visit {i} in the list")
        self.done[kind] += 1

    def _pick_consent(self) -> None:
        """By keys in today's list: from the top, down to the newest open consent."""
        today = self.win.screen.today
        table = today.table
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Home, CTRL)
        for _ in range(table.rowCount()):
            r = today.selected()
            if r is not None and r.receipt and r.withdrawn_at is None:
                return
            QTest.keyClick(table, Qt.Key.Key_Down)
        raise SystemExit("no open consent in the list")

    def reprint(self) -> None:
        today = self.win.screen.today
        self._pick_consent()
        QTest.keyClick(today.reprint_button, Qt.Key.Key_Space)
        wait(self.app, lambda: _top("slip_preview") is not None, "the slip preview")
        preview = _top("slip_preview")
        QTest.keyClick(preview.print_button, Qt.Key.Key_Space)  # type: ignore[attr-defined]
        wait(self.app, lambda: _top("slip_preview") is None, "the preview to close")
        self.done["reprints"] += 1

    def withdraw(self) -> None:
        today = self.win.screen.today
        self._pick_consent()
        row = today.table.currentRow()
        QTest.keyClick(today.withdraw_button, Qt.Key.Key_Space)
        wait(self.app, lambda: _top("confirm_withdraw") is not None, "the confirmation")
        box = _top("confirm_withdraw")
        assert isinstance(box, QMessageBox)
        yes = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        )
        QTest.keyClick(yes, Qt.Key.Key_Space)
        wait(
            self.app,
            lambda: today.table.item(row, 2).text().endswith("(ditarik)"),
            "the withdrawal in the list",
        )
        self.done["withdrawn"] += 1

    def lock_and_unlock(self) -> None:
        self.win.activateWindow()  # type: ignore[attr-defined]  # the clerk's window has the keys
        wait(self.app, lambda: QApplication.activeWindow() is self.win, "the window active")
        QTest.keyClick(self.win.screen, Qt.Key.Key_L, CTRL)
        self.unlock()
        self.done["locks"] += 1

    def run(self, visits: int) -> list[float]:
        """Returns the seconds each hundred visits took (with their extras)."""
        self.unlock()
        laps, t = [], time.monotonic()
        for i in range(visits):
            if i and i % 100 == 0:
                laps.append(round(time.monotonic() - t, 1))
                t = time.monotonic()
            self.visit(i, PLAN[i % len(PLAN)])
            if i % 10 == 4:
                self.reprint()
            if i % 10 == 7:
                self.withdraw()
            if i % 50 == 49:
                self.idle()
                self.lock_and_unlock()
        self.idle()
        shown = self.win.screen.today.table.rowCount()
        if shown != visits:
            raise SystemExit(f"today's list shows {shown} visits, {visits} were saved")
        return laps


def _top(name: str) -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()),
        None,
    )


def main() -> int:
    data = Path(sys.argv[1])
    visits = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    t = time.monotonic()
    day = Day(data)
    laps = day.run(visits)
    day.win.close()  # type: ignore[attr-defined]
    day.app.processEvents()
    print(
        json.dumps(
            {
                **day.done,
                "shown": sorted(day.shown),
                "seconds": round(time.monotonic() - t, 1),
                "per_100": laps,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
