"""The catalog from the central, cached offline by ETag, never a campaign without a key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central
from mpp_counter.domain.errors import SyncError
from mpp_counter.domain.records import Outcome
from mpp_counter.sync.catalog import refresh_catalog
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol
from mpp_counter.sync.transport import Transport

from ._client_support import enrol_code, fake, fake_enrolment, running_central, serve
from support import new_store

ONE_SERVICE = json.dumps(
    {
        "agencies": [
            {
                "code": "DUKCAPIL",
                "name": "Dukcapil",
                "services": [{"code": "DUK-KTP", "name": "KTP-el"}],
            }
        ]
    }
)


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def test_catalog_refreshed_after_sync_then_304(central: Central, tmp_path: Path) -> None:
    store = new_store(tmp_path / "c", catalog_text=ONE_SERVICE)
    try:
        assert [s.code for s in store.services()] == ["DUK-KTP"]
        enrol(store, central.url, enrol_code(central))
        key = store.campaign().public_key
        first = sync_once(store)
        assert first.ok and first.catalog_updated
        codes = {s.code for s in store.services()}
        assert {"DUK-KTP", "POL-SKCK", "BPJK-DAF"} <= codes and len(codes) > 10
        assert store.campaign().public_key == key  # still sealing to the campaign key
        assert store.setting("catalog_etag").startswith('"')
        second = sync_once(store)
        assert second.ok and not second.catalog_updated  # 304: nothing re-read
        r = store.record("POL-SKCK", Outcome.AGREED, phone=fake(55))  # a new service works
        assert r.receipt
        assert store.con.execute("SELECT sealed_to FROM consents").fetchone()[0] == "SPI-2026"
    finally:
        store.close()


def _catalog_server(campaign_change: dict) -> tuple:  # type: ignore[type-arg]
    doc = {
        "version": "1",
        "agencies": json.loads(ONE_SERVICE)["agencies"],
        "campaign": {
            **json.loads(
                Path(__file__)
                .parents[2]
                .joinpath("src/mpp_counter/resources/campaign.json")
                .read_text()
            ),
            **campaign_change,
        },
    }
    return serve([], get=lambda path: (200, {"ETag": '"x1"'}, json.dumps(doc).encode()))


@pytest.mark.parametrize(
    "change", [{"public_key": None}, {"retention_days": "soon"}, {"public_key": "not base64!"}]
)
def test_unusable_catalog_keeps_the_cached_one(change: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    store = new_store(tmp_path / "c")
    server, stop = _catalog_server(change)
    try:
        fake_enrolment(store, server.url)
        before = (store.services(), store.campaign())
        with Transport(server.url) as http, pytest.raises(SyncError) as exc:
            refresh_catalog(lambda fn: fn(store), http)
        assert "cached one is kept" in exc.value.message
        store.forget_cached()  # read again from the file
        assert (store.services(), store.campaign()) == before
        assert not store.setting("catalog_etag")
    finally:
        stop()
        store.close()


def test_catalog_never_switches_the_campaign_key(tmp_path: Path) -> None:
    import base64

    from mpp_counter.store.sealing import new_keypair

    store = new_store(tmp_path / "c")
    attacker_key = base64.b64encode(new_keypair()[1]).decode()
    server, stop = _catalog_server({"public_key": attacker_key, "name": "Other"})
    try:
        fake_enrolment(store, server.url)
        before = store.campaign()
        with Transport(server.url) as http:
            assert refresh_catalog(lambda fn: fn(store), http)
        assert [s.code for s in store.services()] == ["DUK-KTP"]  # services are taken
        assert store.campaign() == before  # the campaign and its key are not
    finally:
        stop()
        store.close()
