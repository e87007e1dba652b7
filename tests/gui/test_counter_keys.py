"""The counter screen by keys: reprint and withdraw without the mouse, the keys back on the
visit after every dialog, the counter's own services first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .conftest import PASSPHRASE, make_store, open_store, save_visit, settle, start_window, unlock


def _top(name: str) -> QWidget | None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == name and w.isVisible():
            return w
    return None


def _box(win, name: str) -> QMessageBox | None:  # type: ignore[no-untyped-def]
    boxes = [b for b in win.findChildren(QMessageBox, name) if b.isVisible()]
    return boxes[0] if boxes else None


def test_reprint_and_withdraw_by_keys_then_back_to_the_filter(qtbot, window) -> None:
    unlock(qtbot, window)
    scr = window.screen
    flow, today = scr.flow, scr.today
    save_visit(qtbot, window, "0812-0000-8001")
    save_visit(qtbot, window, "0812-0000-8002")
    settle(qtbot, window)
    newest = today.table.item(0, 4).text()
    assert "Ctrl+P" in today.reprint_button.text() and "Ctrl+T" in today.withdraw_button.text()
    # one shortcut: the last slip, from the filter where the keys are
    qtbot.keyClick(
        flow.filter,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _top("slip_preview") is not None, timeout=10000)
    preview = _top("slip_preview")
    assert newest in preview.windowTitle()
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _top("slip_preview") is None, timeout=5000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)  # the window is activated again
    # F6 into the list, down to the older row, Enter: its slip
    qtbot.keyClick(flow.filter, Qt.Key.Key_F6)
    assert today.table.hasFocus()
    qtbot.keyClick(today.table, Qt.Key.Key_Down)
    older = today.table.item(1, 4).text()
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _top("slip_preview") is not None, timeout=10000)
    assert older in _top("slip_preview").windowTitle()
    qtbot.keyClick(_top("slip_preview"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _top("slip_preview") is None, timeout=5000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)  # the window is activated again
    # withdraw the older one by keys: Ctrl+T asks, "Keep" by Esc, back to the filter
    qtbot.keyClick(flow.filter, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _box(window, "confirm_withdraw") is not None, timeout=5000)
    box = _box(window, "confirm_withdraw")
    assert older in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _box(window, "confirm_withdraw") is None, timeout=5000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)  # the window is activated again
    settle(qtbot, window)
    assert today.selected() is not None and today.selected().withdrawn_at is None
    # the by-number dialog too: closed by Esc, the keys are back on the filter
    qtbot.keyClick(
        flow.filter,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _top("withdraw_number") is not None, timeout=5000)
    dialog = _top("withdraw_number")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(flow.filter.hasFocus, timeout=3000)  # the window is activated again


def test_counter_services_first(qtbot, data_dir) -> None:
    make_store(data_dir)
    store = open_store(data_dir)
    try:
        store.set_favourites(["POL-SKCK", "DUK-KK"], agency="DUKCAPIL")
    finally:
        store.close()
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    flow = win.screen.flow
    codes = [flow.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(flow.list.count())]
    assert codes[:2] == ["POL-SKCK", "DUK-KK"]  # the administrator's favourites, in order
    assert flow.list.item(0).text().startswith("★ ")
    agencies = [next(s for s in flow.services if s.code == c).agency_code for c in codes[2:]]
    n_duk = agencies.count("DUKCAPIL")
    assert agencies[:n_duk] == ["DUKCAPIL"] * n_duk  # then the counter's agency
    save_visit(qtbot, win, "0812-0000-8003", "akta lahir")
    settle(qtbot, win)
    codes = [flow.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(flow.list.count())]
    assert codes[:3] == ["POL-SKCK", "DUK-KK", "DUK-AKL"]  # used today, after the favourites
    assert flow.list.item(2).text().startswith("↻ ")
    # Down and Enter: the first favourite, two keys
    qtbot.keyClick(flow.filter, Qt.Key.Key_Down)
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    assert flow.service is not None and flow.service.code == "POL-SKCK"
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Escape)
    # while filtering, the same order: "akta" finds the recent one first
    qtbot.keyClicks(flow.filter, "akta")
    assert flow.list.currentItem().data(Qt.ItemDataRole.UserRole) == "DUK-AKL"
    win.close()
    # after a restart, today's recent services come from the store
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    flow = win.screen.flow
    assert flow.list.item(2).data(Qt.ItemDataRole.UserRole) == "DUK-AKL"
    win.close()
    assert PASSPHRASE  # the store stays the administrator's to change
