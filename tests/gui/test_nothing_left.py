"""No earlier citizen's number can be brought back from the window: not by undo or redo in
any field, not from the clipboard, not from a label, a list or a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
)

from mpp_counter.gui.fields import NumberField, wipe

from .conftest import PIN, settle, to_phone_step, unlock

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
# Three citizens, each number typed the way a clerk might.
TYPED = ("0812-0000-7001", "+62 812 0000 7002", "6281200007003")
NATIONAL = ("81200007001", "81200007002", "81200007003")  # in every form of each number


def test_clear_is_undoable_wipe_is_not(qtbot) -> None:
    """Why wipe exists: after clear(), Ctrl+Z brings the number back; after wipe, nothing
    does, not even Ctrl+Y after undoing down to an empty field."""
    attacked = QLineEdit()
    qtbot.addWidget(attacked)
    qtbot.keyClicks(attacked, TYPED[0])
    attacked.clear()
    qtbot.keyClick(attacked, Qt.Key.Key_Z, CTRL)
    assert attacked.text() == TYPED[0]  # the attack works on clear()

    field = QLineEdit()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, TYPED[0])
    wipe(field)
    assert not field.isUndoAvailable() and not field.isRedoAvailable()
    for key in (Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_Z):
        qtbot.keyClick(field, key, CTRL)
        assert field.text() == ""
    qtbot.keyClicks(field, TYPED[1])
    while field.isUndoAvailable():
        qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)  # undone down to empty: all in redo now
    assert field.text() == "" and field.isRedoAvailable()
    wipe(field)
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert field.text() == "" and not field.isRedoAvailable()


def test_number_field_refuses_copy_and_cut(qtbot) -> None:
    board = QGuiApplication.clipboard()
    board.setText("sentinel")
    assert board.text() == "sentinel"  # the clipboard works here: the test can fail
    field = NumberField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, TYPED[0])
    for key, mod in (
        (Qt.Key.Key_C, CTRL),
        (Qt.Key.Key_X, CTRL),
        (Qt.Key.Key_Insert, CTRL),
        (Qt.Key.Key_Delete, SHIFT),
    ):
        qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
        qtbot.keyClick(field, key, mod)
        assert board.text() == "sentinel" and field.text() == TYPED[0]
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert field.completer() is None and not field.dragEnabled()
    plain = QLineEdit()  # the same keys on a plain field do copy: the check above bites
    qtbot.addWidget(plain)
    qtbot.keyClicks(plain, TYPED[0])
    qtbot.keyClick(plain, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(plain, Qt.Key.Key_C, CTRL)
    assert board.text() == TYPED[0]
    board.clear()


def _texts() -> list[str]:
    """Every text any widget of the application holds or shows, and the clipboard."""
    out: list[str] = []
    for w in QApplication.allWidgets():
        out += [w.toolTip(), w.windowTitle(), w.statusTip(), w.accessibleName()]
        if isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText(), w.displayText()]
        elif isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())] + [w.currentText()]
        elif isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    item = w.item(r, c)
                    if item is not None:
                        out += [item.text(), item.toolTip()]
    board = QGuiApplication.clipboard()
    out.append(board.text())
    if board.supportsSelection():
        out.append(board.text(board.Mode.Selection))
    return out


def _assert_no_number(where: str) -> None:
    for text in _texts():
        digits = "".join(c for c in text if c.isdigit())
        for n in NATIONAL:
            assert n not in digits, f"{where}: {text!r}"


def _attack(qtbot, field: QWidget, where: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    for _ in range(4):
        qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
        _assert_no_number(f"{where} after Ctrl+Z")
    for _ in range(4):
        qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
        _assert_no_number(f"{where} after Ctrl+Y")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    _assert_no_number(f"{where} after Ctrl+V")


def _inputs() -> list[QWidget]:
    return [
        w
        for w in QApplication.allWidgets()
        if isinstance(w, QLineEdit | QComboBox | QListWidget) and w.isEnabled()
    ]


def test_no_earlier_number_anywhere(qtbot, window) -> None:
    QGuiApplication.clipboard().clear()
    unlock(qtbot, window)
    for i, number in enumerate(TYPED):
        flow = window.screen.flow
        rows = window.screen.today.table.rowCount()
        to_phone_step(qtbot, window, number, ("ktp", "skck", "paspor")[i])
        for key, mod in (
            (Qt.Key.Key_A, CTRL),
            (Qt.Key.Key_C, CTRL),
            (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
        ):
            qtbot.keyClick(flow.phone, key, mod)  # a clerk copying the number: refused
        # read back large while typing (so the scan below would see it if it stayed) ...
        assert NATIONAL[i] in "".join(c for c in flow.readback.text() if c.isdigit())
        assert flow.readback.text().count(" ") >= 2
        qtbot.keyClick(flow.phone, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda r=rows: window.screen.today.table.rowCount() == r + 1, timeout=10000)
        settle(qtbot, window)
    _assert_no_number("after three consents")
    assert flow.readback.text() == "" and flow.phone_seen.text() == ""  # ... wiped after
    flow = window.screen.flow
    for field in _inputs():  # every input of the counter screen, on the page it sits on
        _attack(qtbot, field, field.objectName() or type(field).__name__)
    # The next citizen: the same keys in the empty phone field and on the reason page.
    qtbot.keyClicks(flow.filter, "ktp")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)
    assert flow.phone.hasFocus() or flow.steps.currentIndex() == 2
    _attack(qtbot, flow.phone, "phone of the next visit")
    assert flow.phone.text() == ""
    qtbot.keyClicks(flow.phone, NATIONAL[0])  # typed, then a step back: nothing stays
    qtbot.keyClick(flow.phone, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)
    assert flow.steps.currentIndex() == 1
    _assert_no_number("after a step back from the phone")
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)
    _attack(qtbot, flow.phone, "phone after a step back")
    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    qtbot.keyClicks(flow.filter, "ktp")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_3)
    _attack(qtbot, flow.reasons, "not-asked reason")
    qtbot.keyClick(flow.reasons, Qt.Key.Key_Escape)
    # Locked: the unlock screen's fields, after a wrong PIN was typed there. (Qt itself lets
    # undo only empty a password field; they are wiped like the others all the same.)
    qtbot.keyClick(window.screen, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: window.screen_name == "unlock", timeout=10000)
    settle(qtbot, window)
    scr = window.screen
    qtbot.keyClicks(scr.secret, "999999")
    qtbot.keyClick(scr.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: scr.message.text() not in ("", "Memeriksa…"), timeout=10000)
    settle(qtbot, window)
    for field in _inputs():
        _attack(qtbot, field, "unlock " + (field.objectName() or type(field).__name__))
        if isinstance(field, QLineEdit):
            assert field.text() == "" and "999999" not in field.text()
    # And back at the counter: still nothing.
    qtbot.waitUntil(lambda: scr.secret.isEnabled(), timeout=20000)
    unlock(qtbot, window, secret=PIN)
    _assert_no_number("after unlocking again")
    window.close()


def test_clerk_pin_dialog_keeps_no_pin(qtbot) -> None:
    from mpp_counter.gui.admin.clerks import PinDialog

    for close in ("take", "reject"):
        dlg = PinDialog("Tambah petugas", None, True)
        qtbot.addWidget(dlg)
        qtbot.keyClicks(dlg.name, "Dewi")
        qtbot.keyClicks(dlg.pin1, "97531246")
        qtbot.keyClicks(dlg.pin2, "97531246")
        if close == "take":
            assert dlg.take_pin() == "97531246"
        else:
            dlg.reject()
        for field in (dlg.pin1, dlg.pin2):
            assert field.text() == "" and not field.isUndoAvailable(), close
