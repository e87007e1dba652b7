"""Retention on the admin's settings screen: it shows the store's period, saving a shorter one
sets it and deletes at once the sealed numbers the central acknowledged long enough ago."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from .conftest import CLERK, PASSPHRASE, PIN, open_store, settle, unlock


def _acked_consent(data_dir, days_ago: float) -> str:  # type: ignore[no-untyped-def]
    """A consent whose sealed number the central acknowledged ``days_ago`` days ago."""
    s = CounterStore.open_clerk(data_dir, CLERK, PIN)
    try:
        receipt = s.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-8801").receipt
        at = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
        with s.con:
            s.con.execute(
                "UPDATE outbox SET state = 'acked', acked_at = ? WHERE kind = 'consent'", (at,)
            )
    finally:
        s.close()
    assert receipt
    return receipt


def _sealed(data_dir) -> list[bool]:  # type: ignore[no-untyped-def]
    s = open_store(data_dir)
    try:
        return [r[0] is not None for r in s.con.execute("SELECT phone_sealed FROM consents")]
    finally:
        s.close()


def test_shorter_retention_is_saved_and_purges_at_once(qtbot, window) -> None:
    _acked_consent(window.data_dir, days_ago=3)
    unlock(qtbot, window, "admin", PASSPHRASE)  # the unlock's purge keeps it: 3 < 7 days
    assert _sealed_via_worker(qtbot, window) == [True]
    page = window.screen.settings
    window.screen.tabs.setCurrentWidget(page)
    settle(qtbot, window)
    assert page.retention.value() == 7 and page.retention.suffix() == " hari"
    page.retention.setFocus()
    page.retention.selectAll()
    qtbot.keyClicks(page.retention, "2")
    qtbot.keyClick(page.retention, Qt.Key.Key_Tab)
    assert page.retention.value() == 2
    page.save_button.click()
    qtbot.waitUntil(
        lambda: page.note.text().startswith("Pengaturan tersimpan. 1 nomor"), timeout=10000
    )
    settle(qtbot, window)
    window.close()
    s = open_store(window.data_dir)
    try:
        assert s.setting("retention_days") == "2"
    finally:
        s.close()
    assert _sealed(window.data_dir) == [False]  # gone, the receipt and the rest kept


def test_longer_retention_keeps_the_number(qtbot, window) -> None:
    _acked_consent(window.data_dir, days_ago=3)
    unlock(qtbot, window, "admin", PASSPHRASE)
    page = window.screen.settings
    settle(qtbot, window)
    page.retention.setValue(30)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.note.text() == "Pengaturan tersimpan.", timeout=10000)
    settle(qtbot, window)
    window.close()
    s = open_store(window.data_dir)
    try:
        assert s.setting("retention_days") == "30"
    finally:
        s.close()
    assert _sealed(window.data_dir) == [True]


def _sealed_via_worker(qtbot, win) -> list[bool]:  # type: ignore[no-untyped-def]
    got: list[list[bool]] = []
    win.worker.op(
        None,
        lambda s: [r[0] is not None for r in s.con.execute("SELECT phone_sealed FROM consents")],
    ).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    return got[0]
