"""A consent withdrawn elsewhere (here: on the QR page at the central) shows as withdrawn
in the open window's list after the next background sync, without a relock or a restart."""

from __future__ import annotations

from central._support import withdraw_on_page
from mpp_counter.store.counter import CounterStore

from .conftest import PASSPHRASE, save_visit, settle, start_window, unlock


def _secret(data, receipt: str) -> str:  # type: ignore[no-untyped-def]
    """What the printed slip's QR carries (the central here is plain http: no QR printed)."""
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        return str(
            store.con.execute(
                "SELECT receipt_secret FROM consents WHERE receipt = ?", (receipt,)
            ).fetchone()[0]
        )
    finally:
        store.close()


def test_qr_page_withdrawal_reaches_the_open_list(qtbot, enrolled_dir) -> None:
    central, data = enrolled_dir
    win = start_window(qtbot, data)
    settle(qtbot, win)
    unlock(qtbot, win)
    today = win.screen.today
    save_visit(qtbot, win, "0812-0000-5531")
    save_visit(qtbot, win, "0812-0000-5532")
    qtbot.waitUntil(lambda: win.status.pending.text() == "Belum terkirim: 0", timeout=20000)
    qtbot.waitUntil(
        lambda: (
            today.table.rowCount() == 2
            and today.table.item(0, 5).text() == today.table.item(1, 5).text()
            and "(ditarik)" not in today.table.item(1, 2).text()
        ),
        timeout=10000,
    )
    first = today.table.item(1, 4).text()  # newest on top: the first consent is below
    assert withdraw_on_page(central, first, _secret(data, first)).status_code == 303

    win.sync.nudge()  # the next pass (the save would also nudge it; no 60 s wait)
    qtbot.waitUntil(lambda: "(ditarik)" in today.table.item(1, 2).text(), timeout=20000)
    assert "(ditarik)" not in today.table.item(0, 2).text()  # only the citizen's own
    win.close()
