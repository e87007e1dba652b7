"""A background operation that fails and has no failure handler of its own still tells the
user: in the window's status bar, else in a small box that does not block."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from .conftest import settle, unlock

LOCKED_ID = "Loket terkunci: buka kuncinya terlebih dahulu."


def test_a_failed_refresh_is_said_in_the_status_bar(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    assert window.statusBar().currentMessage() == ""
    window.worker.lock()  # the store goes away under the list's refresh
    window.screen.today.refresh()  # .success(...) only: no failure handler of its own
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == LOCKED_ID, timeout=5000)
    assert window.findChild(QMessageBox) is None  # said, without a box in the clerk's way


def test_outside_the_main_window_a_small_box_says_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    window.worker.lock()
    window.worker.op(dialog, lambda s: s.today()).success(lambda _r: None).run()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "op_error") is not None, timeout=5000)
    box = dialog.findChild(QMessageBox, "op_error")
    assert box.isVisible() and box.text() == LOCKED_ID
    assert box.windowTitle() == "Tidak dapat dilakukan"
    assert [b.text() for b in box.buttons()] == ["OK"]
    assert window.worker.busy == 0  # the box did not hold anything up
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "op_error") is None, timeout=5000)


def test_an_explicit_handler_still_takes_precedence(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    window.worker.lock()
    got: list[BaseException] = []
    window.worker.op(window, lambda s: s.today()).failure(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert window.statusBar().currentMessage() == ""


def test_an_answer_arriving_after_the_worker_stopped_schedules_nothing(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """A window closing while the store still answers (a status refresh whose answer asks
    for more) must not raise: an operation run after the worker stopped is dropped."""
    from mpp_counter.gui.worker import StoreWorker

    worker = StoreWorker()
    worker.shutdown()
    worker.op(None, lambda s: s.status()).success(lambda _r: None).run()
    assert worker.busy == 0
