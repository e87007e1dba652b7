"""A printer that fails never stops the queue: the visit is saved, a banner (not a box)
says why in the printer's own words, the slip's QR is on screen for the citizen's camera,
Retry works, and the next citizen does not see the previous slip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from mpp_counter.store.counter import CounterStore

from .conftest import PASSPHRASE, make_store, save_visit, settle, start_window, unlock
from .cups_queues import QUEUE_OFF, queue_reason


def test_disabled_queue_banner_with_its_reason_qr_and_retry(qtbot, data_dir) -> None:
    said = queue_reason()
    if said is None:
        pytest.skip("needs the CUPS queue mppslip-off (.ci/cups-setup.sh)")
    import zxingcpp

    make_store(data_dir, printer=QUEUE_OFF, paper_mm=58)
    admin = CounterStore.open_admin(data_dir, PASSPHRASE)
    admin.set_settings({"central_url": "https://pusat.example.go.id"})  # the QR's page
    admin.close()
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    save_visit(qtbot, win, "0812-0000-9101")
    settle(qtbot, win)
    banner, flow = win.screen.banner, win.screen.flow
    qtbot.waitUntil(banner.isVisible, timeout=15000)
    assert QUEUE_OFF in banner.reason.text() and said in banner.reason.text()
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert win.screen.today.table.rowCount() == 1 and flow.filter.hasFocus()
    receipt = win.screen.today.table.item(0, 4).text()
    image = banner.slip.pixmap().toImage()
    codes = [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert len(codes) == 1 and receipt in codes[0]  # the citizen can photograph it
    assert codes[0].startswith("https://pusat.example.go.id/r/")
    assert banner.code.text().splitlines() == [receipt, "08xx-xxxx-9101"]
    # Retry: fails again, the same single banner
    banner.retry_button.click()
    qtbot.wait(50)
    settle(qtbot, win)
    win.background.wait(15000)
    qtbot.wait(50)
    assert banner.isVisible() and banner.content is not None
    assert len([w for w in win.findChildren(type(banner)) if w.isVisible()]) == 1
    # the next citizen: the previous slip leaves the screen at the first key
    qtbot.keyClicks(flow.filter, "k")
    assert banner.slip.pixmap().isNull() and banner.code.text() == ""
    flow.filter.setText("")
    # the printer is fixed (here: the working CUPS queue): Retry prints and the banner goes
    win.set_prefs(win.prefs.with_(printer="mppslip"))
    banner.retry_button.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=15000)
    assert not (data_dir / "slips").exists()  # printed, not kept on disk
    win.close()


def test_banner_buttons_never_take_the_keys(qtbot, data_dir) -> None:
    make_store(data_dir, printer="no-such-queue", paper_mm=58)
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    save_visit(qtbot, win, "0812-0000-9102")
    settle(qtbot, win)
    banner = win.screen.banner
    qtbot.waitUntil(banner.isVisible, timeout=15000)
    for b in (banner.retry_button, banner.pdf_button):
        assert b.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert win.screen.flow.filter.hasFocus()
    win.close()
