"""A clerk (PIN only, so the database key) rewrites the campaign key in the store to one
of her own, to read the numbers collected next. The counter seals only to the key the
central names on every catalog answer: a rewritten key stops sealing at the next
sync (or at once, when the central's answer is already kept), a declined visit still
saves, status says so; what was sealed meanwhile reaches the central unreadable, and the
export counts it for that device."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from nacl.public import PrivateKey, SealedBox

from central._support import Central
from mpp_counter.domain.errors import SealingStopped
from mpp_counter.domain.records import Outcome
from mpp_counter.store import key_pin
from mpp_counter.store.counter import CounterStore
from mpp_counter.store.db import transaction
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol

from ._client_support import enrol_code, fake, new_store, running_central
from support import PASSPHRASE

PIN = "135790"


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def enrolled_clerk(central: Central, data_dir: Path) -> CounterStore:
    admin = new_store(data_dir)
    try:
        enrol(admin, central.url, enrol_code(central))
        assert sync_once(admin).ok  # the central's key fingerprint is now kept
        admin.add_clerk("Siti", PIN)
    finally:
        admin.close()
    return CounterStore.open_clerk(data_dir, "Siti", PIN)


def clerk_rewrites_key(data_dir: Path, *, also_pin: bool) -> tuple[CounterStore, PrivateKey]:
    """What a clerk can do with her PIN: open the database and rewrite any row."""
    own = PrivateKey.generate()
    store = CounterStore.open_clerk(data_dir, "Siti", PIN)
    doc = json.loads(store.con.execute("SELECT json FROM campaigns WHERE active = 1").fetchone()[0])
    doc["public_key"] = base64.b64encode(bytes(own.public_key)).decode()
    with transaction(store.con):
        store.con.execute("UPDATE campaigns SET json = ? WHERE active = 1", (json.dumps(doc),))
        if also_pin:
            store.con.execute("DELETE FROM settings WHERE key = ?", (key_pin.CENTRAL_KEY,))
    store.close()
    return CounterStore.open_clerk(data_dir, "Siti", PIN), own


def test_a_rewritten_key_is_refused_at_once_when_the_centrals_is_known(
    central: Central, tmp_path: Path
) -> None:
    clerk = enrolled_clerk(central, tmp_path / "c")
    clerk.close()
    clerk, _own = clerk_rewrites_key(tmp_path / "c", also_pin=False)
    try:
        with pytest.raises(SealingStopped) as exc:
            clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(1))
        assert "Call the administrator" in exc.value.message
        assert clerk.con.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
        assert clerk.record("DUK-KTP", Outcome.DECLINED).receipt is None  # visits still save
        with pytest.raises(SealingStopped):
            clerk.withdraw_number(fake(2))
    finally:
        clerk.close()


@pytest.mark.parametrize("answer", ["full catalog", "304"])
def test_a_rewritten_key_and_pin_stop_sealing_at_the_next_sync(
    central: Central, tmp_path: Path, answer: str
) -> None:
    clerk = enrolled_clerk(central, tmp_path / "c")
    clerk.close()
    clerk, own = clerk_rewrites_key(tmp_path / "c", also_pin=True)
    try:
        if answer == "full catalog":
            with transaction(clerk.con):
                clerk.con.execute("DELETE FROM settings WHERE key = 'catalog_etag'")
            clerk.forget_cached()
        # until the next sync the clerk's key is used: that number is hers to read ...
        receipt = clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(3)).receipt
        blob = clerk.con.execute(
            "SELECT phone_sealed FROM consents WHERE receipt = ?", (receipt,)
        ).fetchone()[0]
        assert SealedBox(own).decrypt(bytes(blob)) == b"+6281200000003"
        report = sync_once(clerk)
        assert report.ok
        assert not report.catalog_updated if answer == "304" else report.catalog_updated
        # ... and no more after it
        with pytest.raises(SealingStopped):
            clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(4))
        assert clerk.record("DUK-KTP", Outcome.NOT_ASKED, not_asked_reason="no_phone")
        status = clerk.status()
        assert status.sealing_stopped
        actions = [r[0] for r in clerk.con.execute("SELECT action FROM audit")]
        assert "campaign-key-mismatch" in actions
    finally:
        clerk.close()

    # the central cannot open what was sealed to her key, and says so for this device
    out = central.cli(
        "export",
        "--campaign",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "campaign-key.json"),
        "-o",
        str(tmp_path / "x.csv"),
    )
    assert "1 unreadable" in out.stderr
    assert "UNREADABLE BKL01 / Loket 1: 1 numbers this export cannot open" in out.stderr
    stats = json.loads(central.cli("stats", "--json").stdout)
    assert stats["consents_sealed_to_another_key"] == 1
    assert "sent 1 numbers sealed to a key that is not their campaign's" in central.log_text()


def test_the_central_answer_that_matches_keeps_sealing(central: Central, tmp_path: Path) -> None:
    clerk = enrolled_clerk(central, tmp_path / "c")
    try:
        assert clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(5)).receipt
        assert sync_once(clerk).ok
        assert clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(6)).receipt
        assert clerk.status().sealing_stopped is None
    finally:
        clerk.close()


def test_the_key_is_pinned_at_enrolment_and_enrolling_again_restores_sealing(
    central: Central, tmp_path: Path
) -> None:
    admin = new_store(tmp_path / "c")
    try:
        enrol(admin, central.url, enrol_code(central))
        admin.add_clerk("Siti", PIN)
    finally:
        admin.close()
    clerk, _own = clerk_rewrites_key(tmp_path / "c", also_pin=False)  # no sync yet
    try:
        with pytest.raises(SealingStopped):
            clerk.record("DUK-KTP", Outcome.AGREED, phone=fake(7))
    finally:
        clerk.close()
    admin = CounterStore.open_admin(tmp_path / "c", PASSPHRASE)
    try:
        assert sync_once(admin).ok
        assert admin.status().sealing_stopped
        enrol(admin, central.url, enrol_code(central))  # the administrator's remedy
        assert admin.status().sealing_stopped is None
        assert admin.record("DUK-KTP", Outcome.AGREED, phone=fake(8)).receipt
    finally:
        admin.close()
