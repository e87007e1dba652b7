"""Background sync in the window, against a real central on loopback: the status bar shows
what waits and when it last went out; the HTTP never runs on the GUI thread."""

from __future__ import annotations

import threading

from mpp_counter.sync import transport
from sync._client_support import stats

from .conftest import save_visit, settle, start_window, unlock


def test_not_enrolled_says_so(qtbot, window) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.status.sync.text() == "Belum terdaftar di server pusat", timeout=10000
    )
    save_visit(qtbot, window, "0812-0000-5501")
    settle(qtbot, window)
    # one visit (and its consent): the clerk counts visits, not the records they are made of
    assert window.status.pending.text() == "Belum terkirim: 1"
    window.close()


def test_saved_visit_goes_out_in_the_background(qtbot, enrolled_dir, monkeypatch) -> None:
    central, data = enrolled_dir
    http_threads: set[str] = set()
    real_request = transport.Transport.request

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        http_threads.add(threading.current_thread().name)
        return real_request(self, *args, **kwargs)

    monkeypatch.setattr(transport.Transport, "request", spy)

    win = start_window(qtbot, data)
    settle(qtbot, win)
    unlock(qtbot, win)
    qtbot.waitUntil(
        lambda: win.status.last_sync.text() not in ("", "Sinkron terakhir: belum pernah"),
        timeout=20000,
    )
    save_visit(qtbot, win, "0812-0000-5502")  # the save nudges the sync: no 60 s wait
    qtbot.waitUntil(lambda: win.status.pending.text() == "Belum terkirim: 0", timeout=20000)
    table = win.screen.today.table
    qtbot.waitUntil(lambda: table.item(0, 5).text() == "Terkirim", timeout=10000)
    assert win.status.sync.text() == "Daring"
    assert "Basis data normal" == win.status.store.text()
    win.close()
    counts = stats(central)
    assert counts["visits"] == 1 and counts["consents"] == 1
    assert http_threads and threading.main_thread().name not in http_threads


def test_offline_reason_in_the_clerks_language(qtbot, enrolled_dir) -> None:
    central, data = enrolled_dir
    central.stop()  # enrolled, but the central is unreachable now
    win = start_window(qtbot, data)
    settle(qtbot, win)
    unlock(qtbot, win)
    sync = win.status.sync
    qtbot.waitUntil(lambda: sync.text() == "Luring: akan dicoba lagi", timeout=20000)
    tip = sync.toolTip()
    assert "tidak dapat dihubungi" in tip and "tidak ada koneksi" in tip, tip
    assert "cannot be reached" not in tip and "no connection" not in tip
    win.switch_language("en")  # the next probe's reason comes in English
    qtbot.waitUntil(lambda: sync.text() == "Offline: will retry", timeout=20000)
    qtbot.waitUntil(lambda: "cannot be reached (no connection)" in sync.toolTip(), timeout=20000)
    win.close()
