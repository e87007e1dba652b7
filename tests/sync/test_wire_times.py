"""The wire forms of a stored time, sliced from its text (sync/wiretimes.py), against the
datetime path they replace: iso(at) and at.astimezone(zone).isoformat()."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.protocol.fields import iso
from mpp_counter.sync.wiretimes import wire_times

ZONES = [
    ZoneInfo(k)
    for k in (
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
        "Asia/Kolkata",  # half-hour offset: not sliced
        "Europe/Berlin",  # summer time: the hours around a change are not sliced
        "America/St_Johns",
        "UTC",
    )
]


def _reference(text: str, zone: ZoneInfo) -> tuple[str, str, bool]:
    at = datetime.fromisoformat(text)
    return iso(at), at.astimezone(zone).isoformat(), 2000 <= at.astimezone(UTC).year <= 2200


@settings(max_examples=400, deadline=None)
@given(
    at=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2300, 1, 1), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(ZONES),
    whole_second=st.booleans(),
)
def test_sliced_times_equal_the_datetime_path(
    at: datetime, zone: ZoneInfo, whole_second: bool
) -> None:
    if whole_second:
        at = at.replace(microsecond=0)
    text = at.isoformat()  # as the store writes it
    assert wire_times(text, zone) == _reference(text, zone)
    assert wire_times(text, None) == (_reference(text, zone)[0], None, _reference(text, zone)[2])


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-29T00:59:59.999999+00:00",  # Berlin's change to summer time at 01:00 UTC
        "2026-03-29T01:00:00.000001+00:00",
        "2026-10-25T00:30:00.500000+00:00",
        "2026-11-29T10:09:21.000000+00:00",  # a whole second: isoformat has no fraction
        "2026-11-29T10:09:21+00:00",
        "2026-11-29T17:09:21.602123+07:00",  # not stored as UTC: the datetime path
        "2026-11-29 10:09:21.602123+00:00",
        "1999-12-31T23:59:59.999999+00:00",
        "2200-12-31T23:59:59.999999+00:00",
        "2201-01-01T00:00:00.000001+00:00",
    ],
)
@pytest.mark.parametrize("zone", ZONES)
def test_edges(text: str, zone: ZoneInfo) -> None:
    assert wire_times(text, zone) == _reference(text, zone)


def test_a_fixed_offset_zone_and_garbage() -> None:
    fixed = timezone(timedelta(hours=8))
    text = "2026-11-29T10:09:21.602123+00:00"
    assert wire_times(text, fixed)[1] == datetime.fromisoformat(text).astimezone(fixed).isoformat()  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        wire_times("2026-13-29T10:09:21.602123+00:00", None)
