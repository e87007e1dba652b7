"""The About box: F1 on every screen shows the installed version, the counter and the data
folder, in the window's language."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import PASSPHRASE, settle, start_window, unlock


def _about(qtbot, win):  # type: ignore[no-untyped-def]
    from mpp_counter.gui.about import AboutDialog

    win.activateWindow()  # as under a clerk's hands: a shortcut needs an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    focus = QApplication.focusWidget() or win
    qtbot.keyClick(focus, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(AboutDialog)), timeout=5000)
    box = next(d for d in win.findChildren(AboutDialog) if d.isVisible())
    return box


def _close(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_f1_shows_the_installed_version_on_every_screen(qtbot, window) -> None:
    installed = version("mpp-counter")
    assert installed and installed != "0.0.0+unknown"
    box = _about(qtbot, window)  # the unlock screen: the counter's names are still sealed
    assert box.version.text() == installed
    assert box.folder.text() == str(window.data_dir)
    assert box.windowTitle() == "Tentang Loket MPP"  # the window title's name for the program
    assert box.counter.text() == "Ditampilkan setelah dibuka."
    _close(qtbot, box)

    unlock(qtbot, window)  # the clerk's screen, with the focus in the service filter
    box = _about(qtbot, window)
    assert box.version.text() == installed
    assert box.counter.text() == "MPP Kota Uji (MPP-TEST), loket Loket 1"
    _close(qtbot, box)

    window.lock()
    settle(qtbot, window)
    unlock(qtbot, window, "admin", PASSPHRASE)
    window.switch_language("en")
    settle(qtbot, window)
    box = _about(qtbot, window)
    assert box.windowTitle() == "About MPP Counter"
    assert box.counter.text() == "MPP Kota Uji (MPP-TEST), counter Loket 1"
    assert box.version.text() == installed
    _close(qtbot, box)
    window.close()


def test_f1_in_the_first_run_wizard(qtbot, data_dir: Path) -> None:
    win = start_window(qtbot, data_dir)
    assert win.screen_name == "wizard"
    box = _about(qtbot, win)
    assert box.version.text() == version("mpp-counter")
    assert box.folder.text() == str(data_dir)
    _close(qtbot, box)
    win.close()
