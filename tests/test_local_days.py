"""The counter's local date of a moment, with the day's bounds kept between asks
(domain.timezones.LocalDays): always the date a time zone conversion gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.domain.timezones import ZONES, LocalDays

# Indonesia's three zones, and zones with summer time (one whose clocks jumped at
# midnight, so that a day began at 01:00) to show the kept bounds never mislead
ALL_ZONES = (*ZONES, "Europe/Berlin", "America/Sao_Paulo", "America/Havana")
START = datetime(2018, 1, 1, tzinfo=UTC)

moments = st.integers(min_value=0, max_value=10 * 366 * 86400).map(
    lambda s: START + timedelta(seconds=s)
)
# a run of saves: each one's time a little after (or, when the clock was set back,
# before) the one before it, sometimes days apart
steps = st.lists(
    st.tuples(st.integers(min_value=-7200, max_value=200_000), st.sampled_from(ALL_ZONES)),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(first=moments, steps=steps)
def test_the_kept_day_is_always_the_converted_date(
    first: datetime, steps: list[tuple[int, str]]
) -> None:
    days = LocalDays()
    moment = first
    for seconds, zone in steps:
        moment += timedelta(seconds=seconds)
        assert days.of(moment, zone) == moment.astimezone(ZoneInfo(zone)).date()


def test_the_bounds_of_an_indonesian_day() -> None:
    days = LocalDays()
    jakarta_midnight = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 30 Nov 00:00 WIB
    just_before = jakarta_midnight - timedelta(microseconds=1)
    assert days.of(just_before, "Asia/Jakarta").day == 29
    assert days.of(jakarta_midnight, "Asia/Jakarta").day == 30
    assert days.of(just_before, "Asia/Jakarta").day == 29  # the clock set back: asked again
    assert days.of(jakarta_midnight, "Asia/Jayapura").day == 30  # 02:00 WIT
    assert days.of(jakarta_midnight - timedelta(hours=2, microseconds=1), "Asia/Jayapura").day == 29
