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
    if key == Qt.Key.Key_2:
        qtbot.keyClick(flow.consent_page, Qt.Key.Key_Return)  # 2 chooses, Enter saves
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
    assert today.figures.text() == (
        "Kunjungan: 2 · ditanyakan: 2 (100%) · setuju: 1 (50% dari yang ditanyakan)"
    )
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


MARK = Qt.ItemDataRole.UserRole + 7


def test_a_save_adds_one_row_and_rebuilds_nothing(qtbot, window) -> None:
    """The rows already listed are the same items after a save (marked here): the list
    grows by one row at the top, and its figures agree with a full read of the day."""
    unlock(qtbot, window)
    today = window.screen.today
    _visit(qtbot, window, "ktp", Qt.Key.Key_1, "0812-0000-6611")
    flow = window.screen.flow
    qtbot.keyClicks(flow.filter, "skck")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_3)
    qtbot.keyClick(window.screen.flow.reasons, Qt.Key.Key_2)
    qtbot.keyClick(window.screen.flow.reasons, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.table.rowCount() == 2, timeout=10000)
    settle(qtbot, window)
    for row in range(2):
        today.table.item(row, 0).setData(MARK, f"row {row}")
    _visit(qtbot, window, "ktp", Qt.Key.Key_2)
    assert [today.table.item(r, 0).data(MARK) for r in range(3)] == [None, "row 0", "row 1"]
    assert [today.table.item(r, 2).text() for r in range(3)] == [
        "Menolak",
        "Tidak ditanyakan",
        "Setuju",
    ]
    incremental = today.figures.text()
    assert incremental.startswith("Kunjungan: 3 · ditanyakan: 2 (67%) · setuju: 1")
    today.refresh()  # the whole day read again: the same figures and rows
    qtbot.waitUntil(lambda: today.table.item(1, 0).data(MARK) is None, timeout=10000)
    assert today.figures.text() == incremental and today.table.rowCount() == 3
    window.close()


def test_a_row_from_another_day_reloads_the_list(qtbot, window) -> None:
    """Past midnight the list is today's again, not yesterday's plus one row."""
    from dataclasses import replace
    from datetime import timedelta

    unlock(qtbot, window)
    today = window.screen.today
    _visit(qtbot, window, "ktp", Qt.Key.Key_2)
    _visit(qtbot, window, "ktp", Qt.Key.Key_2)
    today.table.item(0, 0).setData(MARK, "old list")
    tomorrow = replace(
        today.table.rows[-1],
        visit_id="from-tomorrow",
        at=today.table.rows[-1].at + timedelta(days=1),
    )
    today.add_row(tomorrow)  # as the first save after midnight would come back
    qtbot.waitUntil(lambda: today.table.item(0, 0).data(MARK) is None, timeout=10000)
    settle(qtbot, window)
    assert today.table.rowCount() == 2  # read from the store: the day that is listed
    window.close()
