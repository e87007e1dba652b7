"""Once enrolled, the counter's MPP code and name are the central's: every record carries
them and the central refuses a record from another place. The settings page shows them
read-only with the reason, and the store refuses a change made any other way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mpp_counter.domain.errors import BadInput
from mpp_counter.store.counter import CounterStore

from .conftest import PASSPHRASE, settle, start_window, unlock


def _settings_page(qtbot, win):  # type: ignore[no-untyped-def]
    unlock(qtbot, win, "admin", PASSPHRASE)
    page = win.screen.settings
    win.screen.tabs.setCurrentWidget(page)
    settle(qtbot, win)
    return page


def test_enrolled_counter_shows_its_identity_read_only(qtbot, enrolled_dir) -> None:  # type: ignore[no-untyped-def]
    _central, data = enrolled_dir
    win = start_window(qtbot, data)
    page = _settings_page(qtbot, win)
    assert page.mpp_code.isReadOnly() and page.counter.isReadOnly()
    assert page.fixed_note.isVisible()
    assert "tidak dapat diubah" in page.fixed_note.text()
    before = page.mpp_code.text()
    page.mpp_code.setFocus()
    qtbot.keyClicks(page.mpp_code, "XYZ")
    assert page.mpp_code.text() == before
    page.mpp_name.setFocus()
    page.mpp_name.selectAll()
    qtbot.keyClicks(page.mpp_name, "MPP Kota Uji Baru")  # the display name may change
    page.save_button.click()
    qtbot.waitUntil(lambda: page.note.text().startswith("Pengaturan tersimpan"), timeout=10000)
    win.close()
    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        assert s.setting("mpp_code") == before
        assert s.setting("mpp_name") == "MPP Kota Uji Baru"
    finally:
        s.close()


def test_not_enrolled_counter_can_still_be_renamed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _settings_page(qtbot, window)
    assert not page.mpp_code.isReadOnly() and not page.fixed_note.isVisible()
    page.counter.setFocus()
    page.counter.selectAll()
    qtbot.keyClicks(page.counter, "Loket 7")
    qtbot.keyClick(page.counter, Qt.Key.Key_Tab)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.note.text().startswith("Pengaturan tersimpan"), timeout=10000)


@pytest.mark.parametrize("key", ["mpp_code", "counter"])
def test_store_refuses_moving_an_enrolled_counter(enrolled_dir, key: str) -> None:  # type: ignore[no-untyped-def]
    _central, data = enrolled_dir
    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        old = s.setting(key)
        with pytest.raises(BadInput, match="enrolled at the central as MPP-TEST"):
            s.set_settings({"mpp_name": "Lain", key: old + "-2"})
        assert s.setting(key) == old and s.setting("mpp_name") != "Lain"  # nothing saved
        s.set_settings({key: old, "mpp_name": "Lain"})  # the same value is no change
        assert s.setting("mpp_name") == "Lain"
    finally:
        s.close()
