"""Voiding a visit of today from the counter screen, by keys only (issue 13): Ctrl+B from
the filter, a reason picked with the arrow keys, Enter; the row says "Dibatalkan", the
figures no longer count it, the number is gone from the row's actions, and the keys are
back on the filter. Esc keeps the visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from .conftest import open_store, save_visit, settle, unlock

CTRL = Qt.KeyboardModifier.ControlModifier


def _top(name: str) -> QWidget | None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == name and w.isVisible():
            return w
    return None


def test_void_by_keys(qtbot, window, store_dir) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    flow, today = window.screen.flow, window.screen.today
    save_visit(qtbot, window, "0812-0000-8101")
    save_visit(qtbot, window, "0812-0000-8102")
    settle(qtbot, window)
    assert today.figures.text().startswith("Kunjungan: 2 ")
    assert "Ctrl+B" in today.void_button.text()
    wrong = today.table.item(0, 4).text()  # the newest: typed wrong

    # Esc keeps it
    today.table.selectRow(0)
    qtbot.keyClick(flow.filter, Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(lambda: _top("void_visit") is not None, timeout=5000)
    dialog = _top("void_visit")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _top("void_visit") is None, timeout=5000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)
    settle(qtbot, window)
    assert today.table.item(0, 2).text() == "Setuju"

    # Ctrl+B again: "Salah mengetik nomor" by arrow keys, Enter voids
    today.table.selectRow(0)
    qtbot.keyClick(flow.filter, Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(lambda: _top("void_visit") is not None, timeout=5000)
    dialog = _top("void_visit")
    labels = " ".join(
        w.text()
        for w in dialog.findChildren(QWidget)
        if hasattr(w, "text") and isinstance(w.text(), str)
    )
    assert wrong in labels and "08xx-xxxx-8102" in labels and "0812" not in labels
    reason = dialog.findChild(QWidget, "void_reason")
    qtbot.waitUntil(reason.hasFocus, timeout=3000)
    qtbot.keyClick(reason, Qt.Key.Key_Down)
    qtbot.keyClick(reason, Qt.Key.Key_Down)
    assert reason.currentData() == "wrong_number" and reason.currentText() == "Salah mengetik nomor"
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.table.item(0, 2).text() == "Dibatalkan", timeout=10000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)
    settle(qtbot, window)
    assert today.figures.text().startswith("Kunjungan: 1 ")
    today.table.selectRow(0)
    assert not today.void_button.isEnabled() and not today.reprint_button.isEnabled()
    assert not today.withdraw_button.isEnabled()
    # Delete on the older row opens the dialog too
    today.focus_list()
    today.table.selectRow(1)
    qtbot.keyClick(today.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _top("void_visit") is not None, timeout=5000)
    qtbot.keyClick(_top("void_visit"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _top("void_visit") is None, timeout=5000)
    window.lock()

    store = open_store(store_dir)
    try:
        rows = {r.receipt: r for r in store.today()}
        assert rows[wrong].voided_at is not None
        assert sum(r.voided_at is not None for r in rows.values()) == 1
        reason_sent = store.con.execute("SELECT reason FROM voids").fetchall()
        assert reason_sent == [("wrong_number",)]
    finally:
        store.close()
