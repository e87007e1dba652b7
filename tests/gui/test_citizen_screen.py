"""The screen facing the citizen (issue 13): the campaign's full notice while idle, the
masked number (never the full one) while the clerk types a valid number, the notice again
when the field empties; the rule that picks the second screen; the setting that turns it
off. Offscreen Qt has one screen, so the widget is driven on its own with a real field."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from mpp_counter.domain.errors import ConfigInvalid
from mpp_counter.domain.notice import build_notice
from mpp_counter.gui.citizen_screen import CitizenScreen, pick_screen
from mpp_counter.store import prefs as prefs_file
from mpp_counter.store.prefs import Prefs

from .conftest import PASSPHRASE, settle, unlock


def _shown_text(w: QWidget) -> str:
    return " ".join(lb.text() for lb in w.findChildren(QLabel) if lb.isVisible())


def test_pick_screen_rule() -> None:
    a, b, c = object(), object(), object()
    assert pick_screen([a], a) is None  # one screen: nothing faces the citizen
    assert pick_screen([a, b], a) is b
    assert pick_screen([b, a, c], a) is b  # the first that is not the primary
    assert pick_screen([a, b], a, enabled=False) is None  # the setting turns it off
    assert pick_screen([], None) is None


def test_notice_then_masked_number_only(qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    from support import new_store

    store = new_store(data_dir)
    campaign = store.campaign()
    store.close()
    field = QLineEdit()
    qtbot.addWidget(field)
    screen = CitizenScreen()
    qtbot.addWidget(screen)
    screen.set_campaign(campaign)
    screen.follow(field)
    screen.show()
    notice = build_notice(campaign)
    idle = _shown_text(screen)
    for section in notice.sections:
        assert section.heading in idle
    assert notice.official_sender_number in idle and notice.version in idle

    field.setFocus()
    qtbot.keyClicks(field, "0812-00")  # not a number yet: still the notice
    assert not screen.number.isVisible() and screen.notice.isVisible()
    qtbot.keyClicks(field, "00-8123")
    assert screen.number.isVisible() and not screen.notice.isVisible()
    assert screen.number.text() == "08xx-xxxx-8123"
    shown = _shown_text(screen)
    for leak in ("0812", "081200008123", "0812-0000-8123", "0000"):
        assert leak not in shown
    field.clear()  # saved or Esc: the field empties
    assert not screen.number.isVisible() and screen.number.text() == ""
    assert screen.notice.isVisible()


def test_setting_is_saved_and_read(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert Prefs().citizen_screen is True
    unlock(qtbot, window, "admin", PASSPHRASE)
    page = window.screen.settings
    window.screen.tabs.setCurrentWidget(page)
    settle(qtbot, window)
    assert page.citizen.isChecked()
    page.citizen.setChecked(False)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.note.text().startswith("Pengaturan tersimpan"), timeout=10000)
    saved = json.loads((window.data_dir / prefs_file.PREFS_FILE).read_text("utf-8"))
    assert saved["citizen_screen"] is False


def test_garbage_setting_is_refused() -> None:
    with pytest.raises(ConfigInvalid):
        prefs_file.parse(json.dumps({"citizen_screen": "yes"}).encode())
    assert prefs_file.parse(b'{"citizen_screen": false}').citizen_screen is False
