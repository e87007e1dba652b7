"""Property: the client's check of a record before it leaves (sync.records.Checked: the
central's parser once per repeated part, the record's own fields every time) accepts
exactly what the central's parser (protocol.records.parse_record) accepts, whatever is
changed in a record that passed: a value of its own, a repeated one, or a null."""

from __future__ import annotations

import base64
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.fields import RecordInvalid
from mpp_counter.protocol.records import parse_record
from mpp_counter.sync import records

from support import new_store


def _wires() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], tuple[Any, ...]]:
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
            rows = store.outbox.rows(batch.entries)
            built = records.build(rows, batch.entries, store.zone)
        finally:
            store.close()
    assert built.invalid == () and len(built.records) == 5
    return [dict(w) for w in built.records], rows, batch.entries


WIRES, ROWS, ENTRIES = _wires()
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
    # as the builder calls it: the times untouched (it wrote them), the rest at a glance
    if not {"at", "device_time"} & ({k for k, _ in changes} | set(drop)):
        built = _verdict(lambda w: checked.check(w, times_built=True), wire)
        assert (built is None) == (by_parser is None), (built, by_parser, wire)


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


@pytest.mark.parametrize(
    "at",
    [
        "1999-12-31T23:59:59.999999+00:00",
        "2000-01-01T06:59:59+07:00",  # 1999 in UTC
        "2000-01-01T00:00:00+00:00",
        "2200-12-31T23:59:59.999999+00:00",
        "2201-01-01T00:00:00+00:00",
        "2201-01-01T08:00:00+09:00",  # 2200 in UTC
    ],
)
def test_times_written_by_the_builder_get_the_parsers_verdict(at: str) -> None:
    """The builder skips parsing the times it wrote itself only inside the parser's years:
    a stored time outside them is flagged with the parser's own reason."""
    rows = {rid: {**row, "at": at} for rid, row in ROWS.items()}
    checked = records.Checked()
    for w in WIRES:  # the repeated parts already passed: only the own fields are looked at
        checked.check(w)
    built = records.build(rows, ENTRIES, "Asia/Makassar", checked)
    fresh = records.build(rows, ENTRIES, "Asia/Makassar")  # new parts: the parser on all
    assert built == fresh  # same records, same flags, same reasons
    flagged = dict(built.invalid)
    for w in built.records:
        assert _verdict(parse_record, w) is None
    for reason in flagged.values():
        assert "'at'" in reason or "'device_time'" in reason, reason
    year = datetime.fromisoformat(at).astimezone(UTC).year
    kinds = {e.kind for e in ENTRIES if e.record_id in flagged}
    if 2000 <= year <= 2200:
        assert not flagged
    else:
        assert {"visit", "consent"} <= kinds
