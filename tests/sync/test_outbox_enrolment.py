"""The outbox's batch rules and the enrolment's escrow hand-over, on a real store."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpp_counter.domain import catalog
from mpp_counter.domain.errors import StoreWriteFailed
from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.sealed import new_keypair, unseal
from mpp_counter.store import enrolment as store_enrolment
from mpp_counter.store import keys, outbox, outbox_counts
from mpp_counter.store.counter import CounterStore

from ._client_support import SERVICE, fake, new_store, record_day
from support import PASSPHRASE


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CounterStore]:
    s = new_store(tmp_path / "counter")
    yield s
    s.close()


def test_unanswered_batch_is_resent_verbatim_then_a_new_one(store: CounterStore) -> None:
    record_day(store, 3, 3)  # 6 visits, 3 consents, 1 withdrawal
    a = outbox.claim_batch(store.con, 4)
    assert a is not None and not a.resent and len(a.entries) == 4
    again = outbox.claim_batch(store.con, 4)  # no answer came: the same batch
    assert again is not None and again.resent
    assert (again.batch_id, again.entries) == (a.batch_id, a.entries)
    outbox.settle(store.con, a, a.ids, {})
    b = outbox.claim_batch(store.con, 4)
    assert b is not None and b.batch_id != a.batch_id and not (b.ids & a.ids)
    assert [e.seq for e in b.entries] == sorted(e.seq for e in b.entries)
    outbox.settle(store.con, b, b.ids, {})
    c = outbox.claim_batch(store.con, 4)
    assert c is not None and len(c.entries) == 2
    outbox.settle(store.con, c, c.ids, {})
    assert outbox.claim_batch(store.con, 4) is None
    assert outbox_counts.counts(store.con)["acked"] == 10


def test_settle_ignores_ids_not_in_the_batch(store: CounterStore) -> None:
    record_day(store, 1, 1)
    a = outbox.claim_batch(store.con, 2)
    assert a is not None
    others = [
        r[0] for r in store.con.execute("SELECT record_id FROM outbox WHERE state = 'pending'")
    ]
    outbox.settle(store.con, a, set(others), {others[0]: "no"})
    assert outbox_counts.counts(store.con) == {
        "pending": 4,
        "in_flight": 0,
        "acked": 0,
        "rejected": 0,
    }


def _campaign_with_key(store: CounterStore) -> tuple[catalog.Campaign, bytes]:
    sk, pk = new_keypair()
    doc = json.loads(catalog.campaign_to_json(store.campaign()))
    doc["public_key"] = base64.b64encode(pk).decode()
    return store_enrolment.campaign_from_answer(doc), sk


def _sealed(store: CounterStore) -> list[tuple[str, bytes, str]]:
    return [
        (r[0], bytes(r[1]), r[2])
        for r in store.con.execute(
            "SELECT 'c', phone_sealed, sealed_to FROM consents UNION ALL "
            "SELECT 'w', phone_sealed, sealed_to FROM withdrawals WHERE phone_sealed IS NOT NULL"
        )
    ]


def test_enrolment_reseals_and_destroys_the_escrow(store: CounterStore, tmp_path: Path) -> None:
    record_day(store, 2, 1)
    store.withdraw_number(fake(4321))
    campaign, sk = _campaign_with_key(store)
    n = store_enrolment.save_enrolment(
        store,
        device_id="6f1b7c2e-1111-4222-8333-944455556666",
        token="t" * 43,
        central_url="http://127.0.0.1:1",
        campaign=campaign,
    )
    assert n == 3
    sealed = _sealed(store)
    assert {s[2] for s in sealed} == {campaign.id}
    assert sorted(unseal(sk, s[1]) for s in sealed) == sorted(
        "+62" + fake(i)[1:] for i in (1000, 1001, 4321)
    )
    assert store._unlocked.escrow_private is None  # noqa: SLF001
    for name in ("keys.json", "keys.json.prev"):
        assert "sealed_escrow" not in (tmp_path / "counter" / name).read_text()
    # a record saved after enrolment goes straight to the campaign key
    store.record(SERVICE, Outcome.AGREED, phone=fake(7))
    assert len(_sealed(store)) == 4 and {s[2] for s in _sealed(store)} == {campaign.id}
    store.add_clerk("Siti", "135790")  # the session still holds the store's signing key
    # the passphrase still opens the store; the slot just has no escrow any more
    store.close()
    again = CounterStore.open_admin(tmp_path / "counter", PASSPHRASE)
    assert again._unlocked.escrow_private is None  # noqa: SLF001
    assert again.status().enrolled
    again.close()


def test_crash_between_database_and_key_file(
    store: CounterStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fails when keys.json is rewritten: the re-seal is committed, the escrow
    key still in the file opens nothing, and the next admin command finishes the job."""
    record_day(store, 2, 0)
    campaign, sk = _campaign_with_key(store)

    def disk_full(*_a: object, **_k: object) -> None:
        raise StoreWriteFailed(
            "Could not write {name}: {reason}", name="keys.json", reason="No space left on device"
        )

    monkeypatch.setattr(keys, "write", disk_full)
    with pytest.raises(StoreWriteFailed):
        store_enrolment.save_enrolment(
            store,
            device_id="6f1b7c2e-1111-4222-8333-944455556666",
            token="t" * 43,
            central_url="http://127.0.0.1:1",
            campaign=campaign,
        )
    monkeypatch.undo()
    store.close()
    data = tmp_path / "counter"
    assert "sealed_escrow" in (data / "keys.json").read_text()
    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        assert s.status().enrolled
        assert {x[2] for x in _sealed(s)} == {campaign.id}
        assert all(unseal(sk, x[1]).startswith("+62812") for x in _sealed(s))
        assert store_enrolment.finish_escrow_removal(s)
        assert not store_enrolment.finish_escrow_removal(s)  # done once, then nothing to do
    finally:
        s.close()
    assert "sealed_escrow" not in (data / "keys.json").read_text()


def test_not_enrolled_keeps_the_escrow(store: CounterStore, tmp_path: Path) -> None:
    record_day(store, 1, 0)
    assert not store_enrolment.finish_escrow_removal(store)
    assert "sealed_escrow" in (tmp_path / "counter" / "keys.json").read_text()


def test_reenrolment_releases_a_batch_in_flight(store: CounterStore) -> None:
    record_day(store, 1, 1)
    assert outbox.claim_batch(store.con, 500) is not None
    campaign, _sk = _campaign_with_key(store)
    store_enrolment.save_enrolment(
        store,
        device_id="6f1b7c2e-1111-4222-8333-944455556666",
        token="t" * 43,
        central_url="http://127.0.0.1:1",
        campaign=campaign,
    )
    assert outbox_counts.counts(store.con)["pending"] == 4
    assert (
        store.con.execute("SELECT count(*) FROM outbox WHERE batch_id IS NOT NULL").fetchone()[0]
        == 0
    )
