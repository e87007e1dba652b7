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

from .conftest import PASSPHRASE, save_visit, settle, unlock

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
    boxes = [b for b in dlg.findChildren(QMessageBox, "confirm_withdraw_number") if b.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert "08xx-xxxx-7715" in box.text() and DIGITS[-8:] not in box.text().replace("-", "")
    next(b for b in box.buttons() if b.text() == "Tarik").click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=10000)  # closed, deleted
    today = window.screen.today
    qtbot.waitUntil(lambda: "08xx-xxxx-7715" in today.note.text(), timeout=10000)
    assert _pending(qtbot, window) == before + 1  # the withdrawal waits for the central
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, QWidget) and w.objectName() == "withdraw_number"
                for w in QApplication.topLevelWidgets() + today.findChildren(QWidget)
            )
        ),
        timeout=5000,
    )
    for t in _all_texts(window):
        flat = "".join(c for c in t if c.isdigit())
        assert DIGITS not in flat and DIGITS[1:] not in flat, t
    window.close()

    shown = cli(
        "--data-dir",
        str(window.data_dir),
        "audit",
        "show",
        env={"MPP_COUNTER_PASSPHRASE": PASSPHRASE},
    )
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


# --- by receipt code (and the last four digits), at any counter -------------------------

OTHER_CODE = "ABCD-EFGH-Q"  # well-formed, never given at this counter


def _code_mode(qtbot, dlg) -> None:  # type: ignore[no-untyped-def]
    dlg.by_code.setFocus()
    qtbot.keyClick(dlg.by_code, Qt.Key.Key_Space)  # the radio button, by keys
    assert dlg.by_code.isChecked() and dlg.code.isVisible() and not dlg.phone.isVisible()


def _confirm(qtbot, dlg, field, words: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    boxes = [b for b in dlg.findChildren(QMessageBox, "confirm_withdraw_number") if b.isVisible()]
    assert len(boxes) == 1
    assert all(w in boxes[0].text() for w in words), boxes[0].text()
    next(b for b in boxes[0].buttons() if b.text() == "Tarik").click()


def test_code_of_another_counter_is_queued_by_keys(qtbot, window) -> None:
    from mpp_counter.gui.withdraw_number import GREEN, GREY, RED

    unlock(qtbot, window)
    before = _pending(qtbot, window)
    dlg = _dialog(qtbot, window)
    _code_mode(qtbot, dlg)
    assert not dlg.ok.isEnabled()
    for garbage, words in (
        ("ABCD", "9 karakter"),
        ("ABCD-EFGH-1", "salah ketik"),
        ("@@@@-####-!", "bukan kode struk"),
        ("☃" * 9, "bukan kode struk"),
    ):
        dlg.code.setText("")
        if garbage.isascii():
            qtbot.keyClicks(dlg.code, garbage)
        else:  # QTest types ASCII only: a paste, then
            dlg.code.insert(garbage)
        assert words in dlg.state.text() and dlg.state.styleSheet() == RED, garbage
        assert not dlg.ok.isEnabled()
    dlg.code.setText("")
    qtbot.keyClicks(dlg.code, OTHER_CODE.lower().replace("-", ""))  # as a citizen reads it
    assert "empat angka terakhir" in dlg.state.text() and dlg.state.styleSheet() == GREY
    assert not dlg.ok.isEnabled()  # the digits are needed: codes repeat across counters
    qtbot.keyClick(dlg.code, Qt.Key.Key_Tab)
    for garbage in ("12a", "ab", "1 2"):
        dlg.last4.setText("")
        qtbot.keyClicks(dlg.last4, garbage)
        assert dlg.state.styleSheet() == RED and not dlg.ok.isEnabled(), garbage
    dlg.last4.setText("")
    qtbot.keyClicks(dlg.last4, "7715")
    assert dlg.state.text() == f"✓ {OTHER_CODE}, nomor berakhiran 7715"
    assert dlg.state.styleSheet() == GREEN and dlg.ok.isEnabled()
    _confirm(qtbot, dlg, dlg.last4, (OTHER_CODE, "7715"))
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=10000)
    today = window.screen.today
    qtbot.waitUntil(lambda: OTHER_CODE in today.note.text(), timeout=10000)
    assert "server pusat" in today.note.text()  # it goes to the central
    assert _pending(qtbot, window) == before + 1
    # asked again: said, not queued twice
    dlg = _dialog(qtbot, window)
    _code_mode(qtbot, dlg)
    qtbot.keyClicks(dlg.code, OTHER_CODE)
    qtbot.keyClicks(dlg.last4, "7715")
    _confirm(qtbot, dlg, dlg.last4, (OTHER_CODE,))
    qtbot.waitUntil(lambda: "sudah dicatat" in dlg.state.text(), timeout=10000)
    assert (dlg.code.text(), dlg.last4.text()) == ("", "")
    assert _pending(qtbot, window) == before + 1
    qtbot.keyClick(dlg.code, Qt.Key.Key_Escape)
    window.close()


def _ask(qtbot, window, fn):  # type: ignore[no-untyped-def]
    """``fn(store)`` on the store's thread, as the window does it; its result."""
    got: list[object] = []
    window.worker.op(window, fn).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    return got[0]


def test_code_of_this_counter_checks_the_digits(qtbot, window) -> None:
    unlock(qtbot, window)
    save_visit(qtbot, window, "081200007716")
    receipt = next(r.receipt for r in _ask(qtbot, window, lambda s: s.today()) if r.receipt)
    dlg = _dialog(qtbot, window)
    _code_mode(qtbot, dlg)
    qtbot.keyClicks(dlg.code, receipt)
    qtbot.keyClicks(dlg.last4, "7717")  # one digit off
    _confirm(qtbot, dlg, dlg.last4, (receipt, "7717"))
    qtbot.waitUntil(lambda: "tidak cocok" in dlg.state.text(), timeout=10000)
    assert _ask(qtbot, window, lambda s: s.status().withdrawn) == 0
    dlg.last4.setText("")
    qtbot.keyClicks(dlg.last4, "7716")
    _confirm(qtbot, dlg, dlg.last4, (receipt, "7716"))
    qtbot.waitUntil(lambda: not shiboken6.isValid(dlg), timeout=10000)
    assert _ask(qtbot, window, lambda s: s.status().withdrawn) == 1  # here, at once
    dlg = _dialog(qtbot, window)
    _code_mode(qtbot, dlg)
    qtbot.keyClicks(dlg.code, receipt)
    qtbot.keyClicks(dlg.last4, "7716")
    _confirm(qtbot, dlg, dlg.last4, (receipt,))
    qtbot.waitUntil(lambda: "sudah ditarik" in dlg.state.text(), timeout=10000)
    qtbot.keyClick(dlg.code, Qt.Key.Key_Escape)
    window.close()


def test_esc_empties_every_field_with_no_undo(qtbot, window) -> None:
    unlock(qtbot, window)
    dlg = _dialog(qtbot, window)
    qtbot.keyClicks(dlg.phone, NUMBER)
    _code_mode(qtbot, dlg)
    qtbot.keyClicks(dlg.code, OTHER_CODE)
    qtbot.keyClicks(dlg.last4, "7715")
    qtbot.keyClick(dlg.last4, Qt.Key.Key_Escape)
    for field in (dlg.phone, dlg.code, dlg.last4):
        assert field.text() == "" and not field.isUndoAvailable()
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert field.text() == ""
    window.close()
