"""A save that fails shows a dialog in the clerk's language; the visit stays to retry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from mpp_counter.domain.errors import DiskFull, StoreWriteFailed
from mpp_counter.domain.records import Outcome

from .conftest import make_store, open_store, settle, start_window, to_phone_step, unlock
from support import fill_disk

NUMBER = "0812-0000-7788"


def _error_box(qtbot, win) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "save_error") is not None, timeout=10000)
    box = win.findChild(QMessageBox, "save_error")
    assert box.isVisible()
    return box


def _still_on_screen(win) -> None:  # type: ignore[no-untyped-def]
    flow = win.screen.flow
    assert flow.steps.currentIndex() == 2 and flow.phone.text() == NUMBER
    assert flow.service is not None and flow.service.code == "POL-SKCK"
    assert flow.steps.isEnabled() and not flow.saving


def test_store_closed_under_the_save(qtbot, window) -> None:
    unlock(qtbot, window)
    to_phone_step(qtbot, window, NUMBER, "skck")
    window.worker.lock()  # the store goes away between the answer and the Enter
    settle(qtbot, window)
    qtbot.keyClick(window.screen.flow.phone, Qt.Key.Key_Return)
    box = _error_box(qtbot, window)
    assert box.text() == "Loket terkunci: buka kuncinya terlebih dahulu."
    assert box.windowTitle() == "Kunjungan tidak tersimpan"
    assert [b.text() for b in box.buttons()] == ["OK"]
    assert "4321" not in box.text() and "7788" not in box.text()
    _still_on_screen(window)


def test_full_disk_then_retry_saves_the_same_visit(qtbot, tiny_disk: Path) -> None:
    data = tiny_disk / "data"
    make_store(data)
    win = start_window(qtbot, data)
    unlock(qtbot, win)
    to_phone_step(qtbot, win, NUMBER, "skck")
    filler = fill_disk(tiny_disk)

    def use_up_the_wal(s) -> int:  # type: ignore[no-untyped-def]
        for n in range(500):  # the WAL may hold a few more pages: record until refused
            try:
                s.record("DUK-KTP", Outcome.DECLINED)
            except StoreWriteFailed:
                return n
        return -1

    done: list[int] = []
    win.worker.op(None, use_up_the_wal).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert done[0] >= 0
    qtbot.keyClick(win.screen.flow.phone, Qt.Key.Key_Return)
    box = _error_box(qtbot, win)
    template = QCoreApplication.translate("errors", DiskFull.msgid)  # the disk, by name
    assert template.startswith("Disk penuh")
    assert box.text() == template
    assert "7788" not in box.text()
    _still_on_screen(win)
    assert "coba lagi" in win.screen.flow.feedback.text()

    box.accept()
    filler.unlink()
    qtbot.keyClick(win.screen.flow.phone, Qt.Key.Key_Return)  # the clerk retries
    qtbot.waitUntil(lambda: win.screen.flow.steps.currentIndex() == 0, timeout=10000)
    settle(qtbot, win)
    win.close()
    store = open_store(data)
    try:
        agreed = [r for r in store.today() if r.outcome is Outcome.AGREED]
        assert [(r.service_code, r.phone_masked) for r in agreed] == [
            ("POL-SKCK", "08xx-xxxx-7788")
        ]
    finally:
        store.close()
