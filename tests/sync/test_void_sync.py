"""A visit voided at the counter reaches a real central on loopback as a correction
(issue 13): the central stops counting it, withdraws the consent and deletes its sealed
number; the counter erases its own copy at the same sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from central._support import Central
from mpp_counter.central import db
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol

from ._client_support import SERVICE, enrol_code, fake, outbox_states, running_central, stats
from support import PASSPHRASE


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def central_consent(central: Central, receipt: str) -> tuple[bool, bool]:
    """(withdrawn, sealed number held) of the consent at the central."""
    engine = create_engine(db.normalize_url(central.db_url))
    try:
        with engine.connect() as conn:
            row = conn.execute(
                select(db.consents.c.withdrawn_at, db.consents.c.phone_sealed).where(
                    db.consents.c.receipt == receipt
                )
            ).one()
    finally:
        engine.dispose()
    return row.withdrawn_at is not None, row.phone_sealed is not None


def test_voided_consent_is_erased_on_both_sides(central: Central, tmp_path: Path) -> None:
    store = CounterStore.create(
        tmp_path / "c",
        mpp_code="BKL01",
        mpp_name="MPP BKL01",
        counter="Loket 1",
        zone="WIB",
        passphrase=PASSPHRASE,
    )
    try:
        enrol(store, central.url, enrol_code(central))
        kept = store.record(SERVICE, Outcome.AGREED, phone=fake(31)).receipt
        wrong = store.record(SERVICE, Outcome.AGREED, phone=fake(32)).receipt
        store.record(SERVICE, Outcome.DECLINED)
        assert sync_once(store).ok
        assert central_consent(central, wrong or "") == (False, True)
        assert stats(central)["visits"] == 3

        store.void(wrong or "", "wrong_number")
        report = sync_once(store)
        assert report.ok
        assert set(outbox_states(store).values()) == {"acked"}
        assert central_consent(central, wrong or "") == (True, False)
        assert central_consent(central, kept or "") == (False, True)
        s = stats(central)
        assert (s["visits"], s["voided"], s["consents"]) == (2, 1, 2)
        local = dict(
            store.con.execute("SELECT receipt, phone_sealed IS NOT NULL FROM consents").fetchall()
        )
        assert local == {kept: 1, wrong: 0}
        assert sync_once(store).ok  # nothing more to send, nothing changes
        assert stats(central)["visits"] == 2
    finally:
        store.close()
