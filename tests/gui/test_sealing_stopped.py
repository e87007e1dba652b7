"""The campaign key in use is not the one the central names (a clerk rewrote it): a
consent typed at the counter is refused with a message to call the administrator, in
Indonesian; a declined visit still saves by keys."""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mpp_counter.domain.key_fingerprint import fingerprint
from mpp_counter.protocol.sealed import new_keypair
from mpp_counter.store import key_pin
from mpp_counter.store.catalog_repo import put_campaign
from mpp_counter.store.db import transaction

from .conftest import make_store, open_store, settle, start_window, to_phone_step, unlock

NUMBER = "0812-0000-7799"


def _key_not_the_centrals(data_dir: Path) -> None:
    """The store seals to one key while the central's last answer named another."""
    store = open_store(data_dir)
    try:
        in_use = base64.b64encode(new_keypair()[1]).decode()
        centrals = base64.b64encode(new_keypair()[1]).decode()
        campaign = replace(store.campaign(), public_key=in_use)
        with transaction(store.con):
            put_campaign(store.con, campaign)
            assert not key_pin.record_central_key(
                store.con, "admin", campaign, fingerprint(centrals)
            )
    finally:
        store.close()


def test_a_consent_is_refused_and_a_declined_visit_saves(qtbot, data_dir: Path) -> None:
    make_store(data_dir)
    _key_not_the_centrals(data_dir)
    win = start_window(qtbot, data_dir)
    settle(qtbot, win)
    unlock(qtbot, win)
    qtbot.waitUntil(lambda: "kunci survei" in win.status.store.text(), timeout=10000)
    assert win.status.store.text() == "Nomor tidak disimpan: kunci survei berbeda dari pusat"
    assert "mendaftarkan ulang" in win.status.store.toolTip()
    flow = win.screen.flow
    to_phone_step(qtbot, win, NUMBER, "skck")
    qtbot.keyClick(flow.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "save_error") is not None, timeout=10000)
    box = win.findChild(QMessageBox, "save_error")
    assert box.isVisible()
    assert "Hubungi administrator" in box.text() and "kunci survei" in box.text()
    assert "7799" not in box.text()
    box.accept()
    assert win.screen.today.table.rowCount() == 0

    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    qtbot.keyClicks(flow.filter, "skck")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_2)  # declined: no number, no key needed
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Return)  # Enter confirms the choice
    qtbot.waitUntil(lambda: win.screen.today.table.rowCount() == 1, timeout=10000)
    settle(qtbot, win)
    win.close()
    store = open_store(data_dir)
    try:
        assert store.con.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
        assert store.status().sealing_stopped
    finally:
        store.close()
