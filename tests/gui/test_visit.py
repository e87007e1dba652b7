"""A whole visit by keys only, Esc, no sticky choice, phone validation, no full number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableWidget, QWidget

from mpp_counter.domain.records import Outcome

from .conftest import open_store, save_visit, settle, to_phone_step, unlock

NUMBER = "0812-0000-4321"


def _flow(win):  # type: ignore[no-untyped-def]
    return win.screen.flow


def test_whole_visit_by_keys(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = _flow(window)
    assert flow.filter.hasFocus() or flow.steps.currentIndex() == 0
    qtbot.keyClicks(flow.filter, "ktp")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    assert flow.steps.currentIndex() == 1
    assert "KPK" in flow.notice.text()
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)
    assert flow.steps.currentIndex() == 2
    qtbot.keyClicks(flow.phone, NUMBER)
    assert "08xx-xxxx-4321" in flow.phone_state.text()
    qtbot.keyClick(flow.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.screen.today.table.rowCount() == 1, timeout=10000)
    settle(qtbot, window)
    # back to the filter, empty: nothing sticky for the next citizen
    assert flow.steps.currentIndex() == 0 and flow.filter.text() == "" and flow.service is None
    assert flow.phone.text() == ""
    table = window.screen.today.table
    assert table.item(0, 1).text() == "DUK-KTP"
    assert table.item(0, 3).text() == "08xx-xxxx-4321"
    window.close()
    store = open_store(window.data_dir)
    try:
        rows = store.today()
        assert [(r.service_code, r.outcome, r.phone_masked) for r in rows] == [
            ("DUK-KTP", Outcome.AGREED, "08xx-xxxx-4321")
        ]
        assert rows[0].receipt
    finally:
        store.close()


def test_no_full_number_on_any_widget(qtbot, window) -> None:
    unlock(qtbot, window)
    save_visit(qtbot, window, NUMBER, "skck")
    settle(qtbot, window)
    digits = "".join(c for c in NUMBER if c.isdigit())
    texts = []
    for w in window.findChildren(QWidget):
        for getter in ("text", "toolTip", "placeholderText", "windowTitle"):
            fn = getattr(w, getter, None)
            if (
                callable(fn)
                and isinstance(w, QLabel | QLineEdit | QAbstractButton)
                or getter in ("toolTip", "windowTitle")
            ):
                try:
                    texts.append(str(fn()))
                except TypeError:
                    pass
        if isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    item = w.item(r, c)
                    if item:
                        texts += [item.text(), item.toolTip()]
    texts.append(window.statusBar().currentMessage())
    for t in texts:
        flat = "".join(c for c in t if c.isdigit())
        assert digits not in flat and digits[1:] not in flat, t


def test_esc_cancels_without_saving(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = _flow(window)
    to_phone_step(qtbot, window, NUMBER)
    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    assert flow.steps.currentIndex() == 0 and flow.phone.text() == ""
    # Esc on the consent step and on the reason step too
    qtbot.keyClicks(flow.filter, "kk")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Escape)
    assert flow.steps.currentIndex() == 0
    qtbot.keyClicks(flow.filter, "kk")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_3)
    qtbot.keyClick(flow.reasons, Qt.Key.Key_Escape)
    assert flow.steps.currentIndex() == 0
    settle(qtbot, window)
    window.screen.today.refresh()
    settle(qtbot, window)
    assert window.screen.today.table.rowCount() == 0


def test_declined_and_not_asked_and_choice_not_sticky(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = _flow(window)
    qtbot.keyClicks(flow.filter, "skck")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_2)
    assert flow.steps.currentIndex() == 1 and flow.outcome is Outcome.DECLINED  # not saved yet
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.screen.today.table.rowCount() == 1, timeout=10000)
    # next citizen: the filter is empty and Enter alone picks nothing
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    assert flow.steps.currentIndex() == 0
    qtbot.keyClicks(flow.filter, "akta lahir")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    assert flow.service is not None and flow.service.code == "DUK-AKL"
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_3)
    assert flow.reasons.selectedItems() == []  # no reason pre-selected
    qtbot.keyClick(flow.reasons, Qt.Key.Key_Return)  # nothing chosen: nothing saved
    assert flow.steps.currentIndex() == 3
    qtbot.keyClick(flow.reasons, Qt.Key.Key_2)
    qtbot.keyClick(flow.reasons, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.screen.today.table.rowCount() == 2, timeout=10000)
    settle(qtbot, window)
    window.close()
    store = open_store(window.data_dir)
    try:
        got = [(r.service_code, r.outcome, r.not_asked_reason) for r in store.today()]
    finally:
        store.close()
    assert got == [("POL-SKCK", Outcome.DECLINED, None), ("DUK-AKL", Outcome.NOT_ASKED, "minor")]


def test_phone_validates_as_you_type(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = _flow(window)
    to_phone_step(qtbot, window, "0812")
    too_short = flow.phone_state.text()
    assert too_short and "08xx" not in too_short
    flow.phone.clear()
    qtbot.keyClicks(flow.phone, "021-0000-1234")  # a Jakarta landline
    landline = flow.phone_state.text()
    assert landline != too_short
    qtbot.keyClick(flow.phone, Qt.Key.Key_Return)  # refused: nothing saved, still here
    assert flow.steps.currentIndex() == 2
    flow.phone.clear()
    qtbot.keyClicks(flow.phone, "+1 650 000 1234")
    assert flow.phone_state.text() not in (too_short, landline)
    flow.phone.clear()
    qtbot.keyClicks(flow.phone, "0812-0000-9876")
    assert flow.phone_state.text().endswith("08xx-xxxx-9876")
