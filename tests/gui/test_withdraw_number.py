"""Withdraw by number when the slip is lost: validated as typed, confirmed by the masked form
only, queued for the central, audited without the number, and gone from every widget."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from .conftest import PASSPHRASE, settle, unlock

NUMBER = "0812-0000-7715"
DIGITS = "081200007715"


def _dialog(qtbot, win):  # type: ignore[no-untyped-def]
    from mpp_counter.gui.withdraw_number import WithdrawByNumberDialog

    today = win.screen.today
    today.by_number_button.click()
    dialogs = [d for d in today.findChildren(WithdrawByNumberDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _all_texts(win) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [win.statusBar().currentMessage()]
    for top in QApplication.topLevelWidgets():
        for w in [top, *top.findChildren(QWidget)]:
            texts += [w.toolTip(), w.windowTitle()]
            if isinstance(w, QLabel | QLineEdit | QAbstractButton):
                texts.append(w.text())
    return texts


def _pending(qtbot, win) -> int:  # type: ignore[no-untyped-def]
    settle(qtbot, win)
    text = win.status.pending.text()  # "Belum terkirim: N"
    return int(text.rsplit(" ", 1)[1])


def test_withdraw_by_number_is_queued_and_leaves_no_number(qtbot, window, cli) -> None:
    unlock(qtbot, window)
    before = _pending(qtbot, window)
    dlg = _dialog(qtbot, window)
    assert not dlg.ok.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dlg.phone, "0812-00")
    assert "terlalu pendek" in dlg.state.text()  # says why, in Indonesian
    assert not dlg.ok.isEnabled()
    qtbot.keyClicks(dlg.phone, "a")
    assert "huruf" in dlg.state.text()  # letters: refused with that reason
    dlg.phone.clear()
    qtbot.keyClicks(dlg.phone, "0215550123")
    assert "telepon rumah" in dlg.state.text()  # a landline: refused, why
    dlg.phone.clear()
    qtbot.keyClicks(dlg.phone, NUMBER)
    assert dlg.state.text() == "✓ 08xx-xxxx-7715" and dlg.ok.isEnabled()

    qtbot.keyClick(dlg.phone, Qt.Key.Key_Return)
    boxes = [b for b in dlg.findChildren(QMessageBox, "confirm_withdraw_number")
             if b.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert "08xx-xxxx-7715" in box.text() and DIGITS[-8:] not in box.text().replace("-", "")
    next(b for b in box.buttons() if b.text() == "Tarik").click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=10000)  # closed, deleted
    today = window.screen.today
    qtbot.waitUntil(lambda: "08xx-xxxx-7715" in today.note.text(), timeout=10000)
    assert _pending(qtbot, window) == before + 1  # the withdrawal waits for the central
    qtbot.waitUntil(lambda: not any(
        isinstance(w, QWidget) and w.objectName() == "withdraw_number"
        for w in QApplication.topLevelWidgets() + today.findChildren(QWidget)), timeout=5000)
    for t in _all_texts(window):
        flat = "".join(c for c in t if c.isdigit())
        assert DIGITS not in flat and DIGITS[1:] not in flat, t
    window.close()

    shown = cli("--data-dir", str(window.data_dir), "audit", "show",
                env={"MPP_COUNTER_PASSPHRASE": PASSPHRASE})
    assert shown.returncode == 0, shown.stderr
    rows = [line.split("\t") for line in shown.stdout.splitlines()]
    withdraws = [r for r in rows if r[2] == "withdraw"]
    assert len(withdraws) == 1 and withdraws[0][1] == "Sari" and "by number" in withdraws[0][3]
    # Column 0 is the row's timestamp, whose digits may contain any sequence (e.g. 7715):
    # only what the rows say is searched.
    said = ["\t".join(r[1:]) for r in rows]
    for line in said:
        flat = "".join(c for c in line if c.isdigit())
        assert DIGITS not in flat and DIGITS[1:] not in flat and "7715" not in line, line


def test_esc_withdraws_nothing_and_empties_the_field(qtbot, window) -> None:
    unlock(qtbot, window)
    before = _pending(qtbot, window)
    dlg = _dialog(qtbot, window)
    qtbot.keyClicks(dlg.phone, NUMBER)
    qtbot.keyClick(dlg.phone, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and dlg.phone.text() == ""
    window.refresh_status()
    assert _pending(qtbot, window) == before
    assert window.screen.today.note.text() == ""
    window.close()
