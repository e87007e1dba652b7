"""Property: the client's check of a record before it leaves (sync.records.Checked: the
central's parser once per repeated part, the record's own fields every time) accepts
exactly what the central's parser (protocol.messages.parse_record) accepts, whatever is
changed in a record that passed: a value of its own, a repeated one, or a null."""

from __future__ import annotations

import base64
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.fields import RecordInvalid
from mpp_counter.protocol.messages import parse_record
from mpp_counter.sync import records

from support import new_store


def _wires() -> list[dict[str, Any]]:
    """Real records as the client builds them: an agreed visit and its consent, a declined
    and a not-asked visit, a withdrawal."""
    with tempfile.TemporaryDirectory(prefix="mpp-checks-") as tmp:
        store = new_store(Path(tmp) / "d", mpp_name="MPP", zone="WITA")
        try:
            r = store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-0042")
            store.record("POL-SKCK", Outcome.DECLINED)
            store.record("DUK-KTP", Outcome.NOT_ASKED, not_asked_reason="minor")
            assert r.receipt
            store.withdraw(r.receipt)
            batch = store.outbox.claim(50)
            assert batch is not None
            built = records.build(store.outbox.rows(batch.entries), batch.entries, store.zone)
        finally:
            store.close()
    assert built.invalid == () and len(built.records) == 5
    return [dict(w) for w in built.records]


WIRES = _wires()
FIELDS = sorted({k for w in WIRES for k in w})

odd_text = st.one_of(
    st.text(max_size=70),
    st.sampled_from(["", " ", "a\x00b", "\ud800", "x" * 65, "x" * 201, "x" * 2001]),
)
times = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda t: t.isoformat()),
    st.sampled_from(["2026-11-01T03:00:00", "1999-12-31T23:00:00Z", "2026-13-01T00:00:00Z"]),
)
uuids = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.uuids().map(lambda u: "{" + u.hex + "}"),
    st.uuids().map(lambda u: u.hex + "----"),
)
blobs = st.binary(max_size=100).map(lambda b: base64.b64encode(b).decode())
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2**54),
    odd_text,
    times,
    uuids,
    blobs,
    st.sampled_from(
        ["0042", "42", "12345", "ABCD-EFGH-K", "0000-0000-0", "f" * 64, "F" * 64, "agreed"]
    ),
    st.sampled_from(["declined", "not_asked", "minor", "WhatsApp", "ID", "visit"]),
)
change = st.tuples(st.sampled_from(FIELDS), values)


def _verdict(fn: Any, wire: dict[str, Any]) -> str | None:
    try:
        fn(wire)
    except RecordInvalid as exc:
        return exc.message
    return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(range(len(WIRES))),
    changes=st.lists(change, min_size=1, max_size=3),
    drop=st.lists(st.sampled_from(FIELDS), max_size=1),
)
def test_the_shortcut_accepts_exactly_what_the_parser_accepts(
    base: int, changes: list[tuple[str, Any]], drop: list[str]
) -> None:
    checked = records.Checked()
    for w in WIRES:  # every repeated part seen once, as after the first records of a pass
        checked.check(w)
    wire = dict(WIRES[base])
    for key, value in changes:
        wire[key] = value
    for key in drop:
        wire.pop(key, None)
    by_parser = _verdict(parse_record, wire)
    by_client = _verdict(checked.check, wire)
    assert (by_client is None) == (by_parser is None), (by_client, by_parser, wire)


@pytest.mark.parametrize("field", ["id", "seq", "at", "receipt", "phone_sealed", "phone_last4"])
def test_a_bad_own_field_is_caught_after_its_repeated_part_passed(field: str) -> None:
    consent = next(w for w in WIRES if w["kind"] == "consent")
    checked = records.Checked()
    checked.check(consent)
    bad = {**consent, field: "not it"}
    with pytest.raises(RecordInvalid):
        parse_record(bad)
    with pytest.raises(RecordInvalid):
        checked.check(bad)
    checked.check({**consent, "id": str(uuid.uuid4())})  # a good one still passes
