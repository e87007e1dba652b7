"""The counter's own services (favourites, agency, today's recent ones), "already given
today" without a copy of the number, and "not yet sent" counted by visit."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from mpp_counter.domain.errors import UnknownRecord, WrongSecret
from mpp_counter.domain.records import Outcome
from mpp_counter.store.seen import SeenNumbers

NUMBER = "0812-0000-5511"
E164 = "+6281200005511"


def test_favourites_and_agency_checked_and_kept(store) -> None:  # type: ignore[no-untyped-def]
    store.set_favourites(["pol-skck", "DUK-KK", "POL-SKCK"], agency="dukcapil")
    assert store.favourites() == ("POL-SKCK", "DUK-KK")  # canonical codes, once each
    assert store.counter_agency() == "DUKCAPIL"
    with pytest.raises(UnknownRecord):
        store.set_favourites(["DUK-KTP", "NOPE'; DROP TABLE visits;--"])
    with pytest.raises(UnknownRecord):
        store.set_favourites([], agency="NO-SUCH")
    assert store.favourites() == ("POL-SKCK", "DUK-KK")  # a refusal changes nothing
    store.set_favourites([])
    assert store.favourites() == () and store.counter_agency() == "DUKCAPIL"


def test_only_the_administrator_sets_favourites(store, data_dir) -> None:  # type: ignore[no-untyped-def]
    from mpp_counter.store.counter import CounterStore

    store.add_clerk("Sari", "246810")
    store.close()
    clerk = CounterStore.open_clerk(data_dir, "Sari", "246810")
    try:
        with pytest.raises(WrongSecret):
            clerk.set_favourites(["DUK-KTP"])
    finally:
        clerk.close()


def test_recent_services_newest_first_and_distinct(store) -> None:  # type: ignore[no-untyped-def]
    for code in ("DUK-KTP", "POL-SKCK", "DUK-KTP", "DUK-AKL"):
        store.record(code, Outcome.DECLINED)
    assert store.recent_services(5) == ["DUK-AKL", "DUK-KTP", "POL-SKCK"]
    assert store.recent_services(2) == ["DUK-AKL", "DUK-KTP"]


def test_pending_counts_visits_not_records(store) -> None:  # type: ignore[no-untyped-def]
    r = store.record("DUK-KTP", Outcome.AGREED, phone=NUMBER)
    st = store.status()
    assert (st.pending, st.pending_visits) == (2, 1)  # a visit and its consent: one visit
    store.record("DUK-KTP", Outcome.NOT_ASKED, not_asked_reason="minor")
    store.withdraw(r.receipt)
    st = store.status()
    assert (st.pending, st.pending_visits) == (4, 3)  # two visits and one withdrawal


def test_seen_today_by_keyed_tag(store) -> None:  # type: ignore[no-untyped-def]
    assert not store.seen_today(NUMBER)
    store.record("DUK-KTP", Outcome.AGREED, phone=NUMBER)
    assert store.seen_today("+62 812 0000 5511") and store.seen_today("081200005511")
    assert not store.seen_today("0812-0000-5512")
    store.record("DUK-KTP", Outcome.DECLINED)  # no number: nothing added
    assert len(store.seen) == 1


def test_seen_keeps_no_copy_and_forgets_at_day_end() -> None:
    seen = SeenNumbers()
    day = date(2026, 11, 29)
    seen.add(day, E164)
    held = b"".join(seen._tags) + bytes(seen._key)  # everything it holds
    for plain in (E164.encode(), E164[1:].encode(), b"081200005511", b"5511"):
        assert plain not in held
    for unkeyed in (
        hashlib.sha256(E164.encode()).digest(),
        hashlib.sha256(b"081200005511").digest(),
    ):
        assert unkeyed not in seen._tags  # an unkeyed hash could be reversed by trying
    # a second counter (another key) cannot match this one's tags
    other = SeenNumbers()
    other.add(day, E164)
    assert not (other._tags & seen._tags)
    # the tag is BLAKE2b keyed with the day's key (the keyed state is copied per tag)
    assert seen._tags == {hashlib.blake2b(E164.encode(), key=seen._key, digest_size=32).digest()}
    key = seen._key
    assert seen.seen(day, E164)
    assert not seen.seen(date(2026, 11, 30), E164)  # a new day, a new key, nothing seen
    assert key == bytearray(32)  # the old key was overwritten, not just dropped
    seen.forget()
    assert len(seen) == 0 and seen._mac is None


def test_place_in_prefs_is_checked() -> None:
    from mpp_counter.domain.errors import ConfigInvalid
    from mpp_counter.store import prefs

    assert (
        prefs.parse(b'{"place": "MPP Kota Uji \\u00b7 Loket 1"}').place == "MPP Kota Uji · Loket 1"
    )
    for bad in (b'{"place": 5}', b'{"place": "' + b"x" * 201 + b'"}'):
        with pytest.raises(ConfigInvalid):
            prefs.parse(bad)
