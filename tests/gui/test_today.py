"""Today's list: the rates on top, and withdrawing a consent at the citizen's request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .conftest import open_store, settle, unlock


def _visit(qtbot, win, search: str, key, number: str | None = None) -> None:  # type: ignore[no-untyped-def]
    flow, table = win.screen.flow, win.screen.today.table
    rows = table.rowCount()
    qtbot.keyClicks(flow.filter, search)
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, key)
    if number:
        qtbot.keyClicks(flow.phone, number)
        qtbot.keyClick(flow.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == rows + 1, timeout=10000)
    settle(qtbot, win)


def _box(win, name: str) -> QMessageBox:  # type: ignore[no-untyped-def]
    boxes = [b for b in win.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


def _click(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


def test_rates_and_withdraw_with_confirmation(qtbot, window) -> None:
    unlock(qtbot, window)
    _visit(qtbot, window, "ktp", Qt.Key.Key_1, "0812-0000-6601")
    _visit(qtbot, window, "skck", Qt.Key.Key_2)
    today = window.screen.today
    assert today.figures.text() == ("Kunjungan: 2 · ditanyakan: 2 (100%) · setuju: 1 "
                                    "(50% dari yang ditanyakan)")
    assert not today.withdraw_button.isEnabled()  # nothing chosen yet
    today.table.selectRow(0)  # newest first: the declined visit has no consent
    assert not today.withdraw_button.isEnabled() and not today.reprint_button.isEnabled()
    today.table.selectRow(1)
    assert today.withdraw_button.isEnabled()
    receipt = today.table.item(1, 4).text()

    today.withdraw_button.click()
    box = _box(window, "confirm_withdraw")
    assert receipt in box.text() and "08xx-xxxx-6601" in box.text()
    _click(box, "Batal")  # "Keep": nothing changes
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirm_withdraw") is None)
    assert today.table.item(1, 2).text() == "Setuju"

    today.table.selectRow(1)
    today.withdraw_button.click()
    _click(_box(window, "confirm_withdraw"), "Tarik")
    qtbot.waitUntil(lambda: today.table.item(1, 2).text() == "Setuju (ditarik)", timeout=10000)
    settle(qtbot, window)
    today.table.selectRow(1)
    assert not today.withdraw_button.isEnabled() and not today.reprint_button.isEnabled()
    window.close()
    store = open_store(window.data_dir)
    try:
        withdrawn = [r for r in store.today() if r.withdrawn_at is not None]
        assert [r.receipt for r in withdrawn] == [receipt]
    finally:
        store.close()
