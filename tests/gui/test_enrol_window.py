"""Enrolment from the window, against a real central on loopback, by keys: the wizard's
last page, the administrator's Enrolment tab, a revoked device enrolled again, and each
kind of bad input refused in Indonesian with nothing saved changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from central._support import free_port
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.enrolment import enrol
from sync._client_support import enrol_code, start_central, stats

from .conftest import PASSPHRASE, make_store, save_visit, settle, start_window, unlock
from .test_setup_unlock import _fill_wizard

NOT_ENROLLED = "Belum terdaftar di server pusat"
FINISH = QWizard.WizardButton.FinishButton
WIZARD_COUNTER = ("MPP-UJI", "Loket 3")  # what _fill_wizard types


def _admin_settings(data: Path) -> dict[str, str]:
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        return {
            k: store.setting(k)
            for k in ("device_id", "device_token", "central_url", "escrow_public_key")
        }
    finally:
        store.close()


def _enrol_by_keys(qtbot, page, code: str, url: str | None = None) -> None:  # type: ignore[no-untyped-def]
    if url is not None:
        page.address.selectAll()
        qtbot.keyClicks(page.address, url)
    page.code.selectAll()
    qtbot.keyClicks(page.code, code)
    qtbot.keyClick(page.code, Qt.Key.Key_Return)


@pytest.fixture
def central(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = start_central(tmp_path, MPP_CENTRAL_ENROL_RATE="2")  # the third try a minute: 429
    yield c
    c.stop()


def test_wizard_enrols_at_the_central(qtbot, central, tmp_path: Path) -> None:
    data = tmp_path / "counter"
    win = start_window(qtbot, data)
    wiz = win.screen
    _fill_wizard(qtbot, wiz, later=False)
    page = wiz.central_page
    qtbot.keyClicks(page.address, "pusat.example.go.id")  # no https://: refused on the page
    qtbot.keyClicks(page.code, enrol_code(central, *WIZARD_COUNTER))
    wiz.button(FINISH).click()
    assert page.error.text() == "Alamat server pusat harus diawali https:// dan menyebut nama host."
    assert not CounterStore.exists(data)  # nothing made yet
    page.address.selectAll()
    qtbot.keyClicks(page.address, central.url + "/")
    wiz.button(FINISH).click()
    qtbot.waitUntil(lambda: win.screen_name == "unlock", timeout=20000)
    settle(qtbot, win)
    assert win.status.currentMessage() == "Terdaftar di server pusat."
    win.close()
    s = _admin_settings(data)
    assert s["device_id"] and s["central_url"] == central.url and not s["escrow_public_key"]
    admin_slot = next(
        x for x in json.loads((data / "keys.json").read_text())["slots"] if x["role"] == "admin"
    )
    assert not admin_slot.get("sealed_escrow")  # enrolment retired the escrow key
    assert stats(central)["devices"] == 1


def test_wizard_with_a_used_code_still_makes_the_store(qtbot, central, tmp_path: Path) -> None:
    code = enrol_code(central, "MPP-TEST")  # the first counter's: MPP-TEST / Loket 1
    first = tmp_path / "first"
    make_store(first)
    store = CounterStore.open_admin(first, PASSPHRASE)
    try:
        enrol(store, central.url, code)  # another counter spent it: used beats "not yours"
    finally:
        store.close()
    data = tmp_path / "counter"
    win = start_window(qtbot, data)
    wiz = win.screen
    _fill_wizard(qtbot, wiz, later=False)
    qtbot.keyClicks(wiz.central_page.address, central.url)
    qtbot.keyClicks(wiz.central_page.code, code)
    wiz.button(FINISH).click()
    qtbot.waitUntil(lambda: wiz.findChild(QMessageBox, "enrol_failed") is not None, timeout=20000)
    box = wiz.findChild(QMessageBox, "enrol_failed")
    assert box.text() == (
        "Loket sudah disiapkan tetapi belum terdaftar di server pusat: Server pusat tidak "
        "menerima kode pendaftaran ini: kodenya tidak dikenal, sudah dipakai, atau "
        "kedaluwarsa. Mintalah kode baru ke kantor pusat. Administrator dapat "
        "mendaftarkannya nanti di layar administrator."
    )
    assert wiz.central_page.code.text() == ""
    box.buttons()[0].click()
    qtbot.waitUntil(lambda: win.screen_name == "unlock", timeout=10000)
    settle(qtbot, win)
    win.close()
    assert CounterStore.clerk_names(data) == ["Dewi"]
    s = _admin_settings(data)
    assert not s["device_id"] and s["escrow_public_key"]  # made, not enrolled
    assert stats(central)["devices"] == 1  # only the first counter


def test_later_then_admin_enrols_without_relock(qtbot, central, tmp_path: Path) -> None:
    data = tmp_path / "counter"
    win = start_window(qtbot, data)
    wiz = win.screen
    _fill_wizard(qtbot, wiz)  # Later
    wiz.button(FINISH).click()
    qtbot.waitUntil(lambda: win.screen_name == "unlock", timeout=20000)
    unlock(qtbot, win, "Dewi", "802461")
    qtbot.waitUntil(lambda: win.status.sync.text() == NOT_ENROLLED, timeout=10000)
    save_visit(qtbot, win, "0812-0000-5601")  # sealed to the escrow key until enrolment
    win.lock()
    unlock(qtbot, win, "admin", PASSPHRASE)
    qtbot.waitUntil(lambda: win.status.sync.text() == NOT_ENROLLED, timeout=10000)
    adm = win.screen
    page = adm.enrolment
    adm.tabs.setCurrentWidget(page)
    qtbot.waitUntil(
        lambda: page.state.text().startswith("Loket ini belum terdaftar"), timeout=10000
    )
    assert page.device.text() == "—" and page.button.text() == "&Daftarkan"
    _enrol_by_keys(qtbot, page, enrol_code(central, *WIZARD_COUNTER), central.url)
    qtbot.waitUntil(lambda: page.note.text().startswith("Terdaftar: perangkat"), timeout=20000)
    qtbot.waitUntil(lambda: win.status.pending.text() == "Belum terkirim: 0", timeout=20000)
    qtbot.waitUntil(lambda: win.status.sync.text() == "Daring", timeout=10000)
    assert win.screen is adm  # no relock
    assert page.state.text() == "Loket ini terdaftar di server pusat."
    assert page.central.text() == central.url and page.code.text() == ""
    qtbot.waitUntil(lambda: page.last_sync.text() != "belum pernah", timeout=10000)
    win.close()
    counts = stats(central)
    assert counts["visits"] == 1 and counts["consents"] == 1 and counts["devices"] == 1
    assert _admin_settings(data)["device_id"] == page.device.text()


@pytest.fixture
def enrolled(central, tmp_path: Path):  # type: ignore[no-untyped-def]
    data = tmp_path / "counter"
    make_store(data)
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        device = enrol(store, central.url, enrol_code(central, "MPP-TEST")).device_id
    finally:
        store.close()
    return data, device


def _admin_page(qtbot, data: Path):  # type: ignore[no-untyped-def]
    win = start_window(qtbot, data)
    settle(qtbot, win)
    unlock(qtbot, win, "admin", PASSPHRASE)
    page = win.screen.enrolment
    win.screen.tabs.setCurrentWidget(page)
    return win, page


def test_revoked_device_shows_and_enrols_again(qtbot, central, enrolled) -> None:
    data, device = enrolled
    win, page = _admin_page(qtbot, data)
    qtbot.waitUntil(lambda: page.device.text() == device, timeout=10000)
    qtbot.waitUntil(lambda: win.status.sync.text() == "Daring", timeout=20000)
    central.cli("revoke", device)
    win.sync.nudge()  # the next pass, as after a save
    qtbot.waitUntil(
        lambda: win.status.sync.text() == "Ditolak server pusat: daftarkan lagi", timeout=20000
    )
    assert page.state.text().startswith("Server pusat telah mencabut pendaftaran loket ini")
    assert page.button.text() == "Daftarkan &ulang"
    _enrol_by_keys(qtbot, page, enrol_code(central, "MPP-TEST"))  # the address is kept
    qtbot.waitUntil(lambda: page.note.text().startswith("Terdaftar: perangkat"), timeout=20000)
    qtbot.waitUntil(lambda: page.device.text() not in (device, ""), timeout=10000)
    qtbot.waitUntil(lambda: win.status.sync.text() == "Daring", timeout=20000)
    assert page.state.text() == "Loket ini terdaftar di server pusat."
    new_device = page.device.text()
    win.close()
    assert _admin_settings(data)["device_id"] == new_device
    counts = stats(central)
    assert counts["devices"] == 1 and counts["devices_revoked"] == 1


def test_bad_input_is_refused_and_changes_nothing(qtbot, central, enrolled) -> None:
    data, device = enrolled
    before = _admin_settings(data)
    keys_before = (data / "keys.json").read_bytes()
    win, page = _admin_page(qtbot, data)
    qtbot.waitUntil(lambda: page.device.text() == device, timeout=10000)
    dead = f"http://127.0.0.1:{free_port()}"
    cases = [  # (address, code, what the administrator reads)
        (
            "ftp://pusat.example.go.id",
            "ABCD-EFGH-JKMN",
            "Alamat server pusat harus diawali https:// dan menyebut nama host.",
        ),
        (
            "http://pusat.example.go.id",
            "ABCD-EFGH-JKMN",
            "Menolak http:// biasa ke pusat.example.go.id: server pusat harus memakai https:// "
            "(http hanya boleh ke komputer ini sendiri).",
        ),
        (
            central.url,
            "bukan kode!",
            "Kode pendaftaran tidak sah: bentuknya seperti ABCD-EFGH-JKMN.",
        ),
        (
            dead,
            "ABCD-EFGH-JKMN",
            "Belum terdaftar: Server pusat di 127.0.0.1 tidak dapat dihubungi (tidak ada koneksi)",
        ),
        (
            central.url,
            "ABCD-EFGH-JKMN",
            "Belum terdaftar: Server pusat tidak menerima kode pendaftaran ini",
        ),
        (
            central.url,
            "ABCD-EFGH-JKMP",
            "Belum terdaftar: Server pusat di 127.0.0.1 sedang sibuk: coba lagi dalam 60 detik.",
        ),  # 3rd try: 429
    ]
    for url, code, said in cases:
        page.note.clear()
        _enrol_by_keys(qtbot, page, code, url)
        qtbot.waitUntil(lambda: bool(page.note.text()) and page.button.isEnabled(), timeout=30000)
        qtbot.waitUntil(lambda s=said: page.note.text().startswith(s), timeout=30000)
        assert page.code.text() == code  # kept to correct a typing mistake
    assert page.device.text() == device and page.central.text() == central.url
    assert page.state.text() == "Loket ini terdaftar di server pusat."
    win.close()
    assert _admin_settings(data) == before
    assert (data / "keys.json").read_bytes() == keys_before
    assert stats(central)["devices"] == 1


def test_admin_page_refuses_a_code_for_another_counter(qtbot, central, tmp_path: Path) -> None:
    data = tmp_path / "counter"
    make_store(data)  # MPP-TEST / Loket 1
    win, page = _admin_page(qtbot, data)
    qtbot.waitUntil(
        lambda: page.state.text().startswith("Loket ini belum terdaftar"), timeout=10000
    )
    wrong = enrol_code(central, "mpp-test", "Loket 3")
    _enrol_by_keys(qtbot, page, wrong, central.url)
    qtbot.waitUntil(lambda: bool(page.note.text()) and page.button.isEnabled(), timeout=30000)
    assert page.note.text() == (
        "Belum terdaftar: Kode pendaftaran ini untuk MPP mpp-test / Loket 3, sedangkan loket "
        "ini disiapkan sebagai MPP-TEST / Loket 1. Mintalah kode untuk loket ini ke kantor "
        "pusat."
    )
    assert page.device.text() == "—" and page.code.text() == wrong
    assert stats(central)["devices"] == 0
    page.note.clear()
    _enrol_by_keys(qtbot, page, enrol_code(central, " mpp-test ", "LOKET 1"))  # case aside
    qtbot.waitUntil(lambda: page.note.text().startswith("Terdaftar: perangkat"), timeout=20000)
    qtbot.waitUntil(lambda: page.device.text() != "—", timeout=10000)  # the page re-reads
    win.close()
    assert _admin_settings(data)["device_id"] == page.device.text()
    assert stats(central)["devices"] == 1
