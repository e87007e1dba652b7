"""The open window picks up an enrolment made by ``mpp-counter enrol`` in another process,
and the catalog and campaign a later sync brings, without a relock: the clerk's service
list, the notice on screen and the next slip are the new ones."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import update

from mpp_counter.central import db as central_db
from mpp_counter.store.counter import CounterStore, default_text
from sync._client_support import CAMPAIGN, enrol_code, start_central, stats

from .conftest import CLERK, PASSPHRASE, PIN, save_visit, settle, start_window, unlock

NEW_SERVICE = "POL-SKCK"  # in the central's catalog, not in the one the counter started with


def _small_catalog() -> str:
    full = json.loads(default_text("catalog.json"))
    return json.dumps(
        {**full, "agencies": [a for a in full["agencies"] if a["code"] == "DUKCAPIL"]}
    )


def _codes(flow) -> set[str]:  # type: ignore[no-untyped-def]
    return {s.code for s in flow.services}


def _rename_campaign_at_central(central) -> None:  # type: ignore[no-untyped-def]
    """What the central office does when it corrects the campaign's texts (same key)."""
    engine = central_db.make_engine(central.db_url)
    try:
        with engine.begin() as conn:
            row = conn.execute(
                central_db.campaigns.select().where(central_db.campaigns.c.id == CAMPAIGN)
            ).one()
            body = json.loads(row.body)
            body.update(name="Survei SPI 2026 (revisi)", official_sender_name="KPK RI (SPI)")
            conn.execute(
                update(central_db.campaigns)
                .where(central_db.campaigns.c.id == CAMPAIGN)
                .values(body=json.dumps(body), name=body["name"])
            )
    finally:
        engine.dispose()


def _saved_slip(qtbot, win, number: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.screen.flow.saved, timeout=10000) as saved:
        save_visit(qtbot, win, number)
    return saved.args[0].slip


def test_enrolment_catalog_and_campaign_reach_the_open_window(qtbot, cli, tmp_path: Path) -> None:
    central = start_central(tmp_path)
    try:
        data = tmp_path / "counter"
        store = CounterStore.create(
            data,
            mpp_code="MPP-TEST",
            mpp_name="MPP Kota Uji",
            counter="Loket 1",
            zone="WIB",
            passphrase=PASSPHRASE,
            catalog_text=_small_catalog(),
        )
        store.add_clerk(CLERK, PIN)
        store.close()
        win = start_window(qtbot, data)
        settle(qtbot, win)
        unlock(qtbot, win)
        scr, flow = win.screen, win.screen.flow
        qtbot.waitUntil(
            lambda: win.status.sync.text() == "Belum terdaftar di server pusat", timeout=10000
        )
        assert NEW_SERVICE not in _codes(flow) and "DUK-KTP" in _codes(flow)
        before = _saved_slip(qtbot, win, "0812-0000-5701")
        assert before.campaign_name != "Survei SPI 2026"

        # The administrator enrols from a terminal while the clerk keeps working.
        p = cli(
            "--data-dir",
            str(data),
            "enrol",
            central.url,
            enrol_code(central, "MPP-TEST"),
            env={"MPP_COUNTER_PASSPHRASE": PASSPHRASE},
        )
        assert p.returncode == 0, p.stderr
        # The very next save sees it (its number sealed to the campaign key, not to the
        # escrow key the enrolment destroyed) and wakes the sync, which fetches the catalog.
        slip = _saved_slip(qtbot, win, "0812-0000-5702")
        assert slip.campaign_name == "Survei SPI 2026"
        # A plain-http central on loopback is no page a phone opens: the QR, if any, is the
        # campaign's own https address.
        assert slip.qr_text is None or slip.qr_text.startswith("https://")
        assert central.url not in (slip.qr_text or "")
        qtbot.waitUntil(lambda: win.status.pending.text() == "Belum terkirim: 0", timeout=20000)
        qtbot.waitUntil(lambda: win.status.sync.text() == "Daring", timeout=10000)
        qtbot.waitUntil(lambda: NEW_SERVICE in _codes(flow), timeout=10000)
        qtbot.keyClicks(flow.filter, "skck")
        assert flow.list.count() == 1 and NEW_SERVICE in flow.list.item(0).text()
        flow.cancel()

        _rename_campaign_at_central(central)
        save_visit(qtbot, win, "0812-0000-5703")  # wakes the next sync
        qtbot.waitUntil(
            lambda: flow.campaign is not None and flow.campaign.name == "Survei SPI 2026 (revisi)",
            timeout=20000,
        )
        slip = _saved_slip(qtbot, win, "0812-0000-5704")
        assert slip.campaign_name == "Survei SPI 2026 (revisi)"
        assert slip.official_sender_name == "KPK RI (SPI)"
        assert win.screen is scr  # all of it without a relock
        qtbot.waitUntil(lambda: win.status.pending.text() == "Belum terkirim: 0", timeout=20000)
        win.close()
        counts = stats(central)
        assert counts["visits"] == 4 and counts["consents"] == 4
        store = CounterStore.open_admin(data, PASSPHRASE)
        try:  # none sealed to the escrow key that the enrolment destroyed
            sealed = dict(store.con.execute("SELECT receipt, sealed_to FROM consents"))
        finally:
            store.close()
        assert set(sealed.values()) == {CAMPAIGN} and len(sealed) == 4
    finally:
        central.stop()
