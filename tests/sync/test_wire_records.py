"""Property: whatever the outbox holds, what the client would send parses with the
central's own rules (protocol.records.parse_record) and survives the round trip; what
cannot be sent is flagged, never crashes the pass and never silently disappears."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpp_counter.domain.records import NOT_ASKED_REASONS, Outcome
from mpp_counter.protocol.records import parse_record, record_to_json
from mpp_counter.store import outbox
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync import records

from support import new_store

SERVICES = ("DUK-KTP", "POL-SKCK", "BPJK-DAF", "IMI-PSP")
ZONES = ("WIB", "WITA", "WIT")

action = st.one_of(
    st.tuples(st.just("agreed"), st.sampled_from(SERVICES), st.integers(0, 9999)),
    st.tuples(st.just("declined"), st.sampled_from(SERVICES), st.none()),
    st.tuples(st.just("not_asked"), st.sampled_from(SERVICES), st.sampled_from(NOT_ASKED_REASONS)),
    st.tuples(st.just("withdraw"), st.integers(0, 50), st.none()),
    st.tuples(st.just("withdraw_number"), st.integers(0, 9999), st.none()),
)
clerk_names = st.text(min_size=1, max_size=80)


def _store(zone: str) -> tuple[CounterStore, tempfile.TemporaryDirectory[str]]:
    tmp = tempfile.TemporaryDirectory(prefix="mpp-wire-")
    s = new_store(Path(tmp.name) / "d", mpp_name="MPP", zone=zone)
    return s, tmp


def _apply(
    store: CounterStore, actions: list[tuple[str, Any, Any]], clerk: str | None
) -> dict[str, str]:
    """Run the actions; returns receipt -> E.164 number of each consent."""
    numbers: dict[str, str] = {}
    for kind, a, b in actions:
        if kind == "agreed":
            r = store.record(a, Outcome.AGREED, phone=f"08120000{b:04d}", clerk=clerk)
            assert r.receipt
            numbers[r.receipt] = f"+6281200000{b:04d}"
        elif kind == "declined":
            store.record(a, Outcome.DECLINED, clerk=clerk)
        elif kind == "not_asked":
            store.record(a, Outcome.NOT_ASKED, not_asked_reason=b, clerk=clerk)
        elif kind == "withdraw" and numbers:
            store.withdraw(sorted(numbers)[a % len(numbers)])
        elif kind == "withdraw_number":
            store.withdraw_number(f"08120000{a:04d}")
    return numbers


def _all_entries(store: CounterStore) -> tuple[outbox.OutboxEntry, ...]:
    return tuple(
        outbox.OutboxEntry(r[0], r[1], r[2])
        for r in store.con.execute(
            "SELECT record_id, kind, seq FROM outbox ORDER BY seq, record_id"
        )
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(action, min_size=1, max_size=12), zone=st.sampled_from(ZONES))
def test_everything_recorded_is_sendable(actions: list[tuple[str, Any, Any]], zone: str) -> None:
    store, tmp = _store(zone)
    try:
        numbers = _apply(store, actions, None)
        entries = _all_entries(store)
        built = records.build(store.outbox.rows(entries), entries, store.zone)
        assert built.invalid == ()
        assert [r["id"] for r in built.records] == [e.record_id for e in entries]
        for wire, entry in zip(built.records, entries, strict=True):
            text = json.dumps(wire)  # plain JSON, nothing exotic
            rec = parse_record(json.loads(text))
            assert (rec.id, rec.kind, rec.seq) == (entry.record_id, entry.kind, entry.seq)
            assert record_to_json(rec) == wire  # parse(build(x)) is a fixed point
            if rec.kind == "consent":
                assert rec.phone_last4 == numbers[rec.receipt][-4:]
                assert rec.sealed_to == "escrow"  # not enrolled: never the number itself
                assert numbers[rec.receipt].encode() not in text.encode()
            if rec.kind == "visit":
                offset = {"WIB": 7, "WITA": 8, "WIT": 9}[zone]
                assert rec.device_time.utcoffset().total_seconds() == offset * 3600
        # visits and consents are written straight into their wire form: the same fields,
        # in the same order, as the record objects' wire form
        rows, tz = store.outbox.rows(entries), ZoneInfo(store.zone)
        for e in entries:
            row = rows[e.record_id]
            if e.kind == "visit":
                direct, _ = records.visit_wire(row, e.seq, tz)
                via = record_to_json(records.visit(row, e.seq, tz))
            elif e.kind == "consent":
                direct, _ = records.consent_wire(row, e.seq)
                via = record_to_json(records.consent(row, e.seq))
            else:
                continue
            assert list(direct.items()) == list(via.items())
        # deterministic: a resend is byte for byte the same
        assert records.build(store.outbox.rows(entries), entries, store.zone) == built
    finally:
        store.close()
        tmp.cleanup()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clerk=clerk_names, n=st.integers(1, 3))
def test_unsendable_records_are_flagged_not_lost(clerk: str, n: int) -> None:
    """Any clerk name the store accepts either goes out valid or is flagged with a reason."""
    store, tmp = _store("WIB")
    try:
        _apply(store, [("agreed", "DUK-KTP", i) for i in range(n)], clerk)
        entries = _all_entries(store)
        built = records.build(store.outbox.rows(entries), entries, store.zone)
        sent = {r["id"] for r in built.records}
        flagged = {rid for rid, _ in built.invalid}
        assert sent | flagged == {e.record_id for e in entries} and not sent & flagged
        for wire in built.records:
            parse_record(wire)
        assert all(reason for _, reason in built.invalid)
    finally:
        store.close()
        tmp.cleanup()
