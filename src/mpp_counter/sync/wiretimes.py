"""A stored time's wire forms without ``datetime.isoformat`` (1-2 µs a call, two per visit:
a tenth of the client's time per record).

The store writes times as ``datetime.now(UTC).isoformat()``. From that text the wire's
``at`` (protocol.fields.iso: UTC to the millisecond, "Z") is a slice, and the visit's
``device_time`` (the same instant in the MPP's zone, isoformat) differs from it only in
its date and hour and its offset: those are worked out once per hour of UTC and zone,
when the zone's offset is whole hours all through that hour (Indonesia's are). Any other
text takes the datetime path, whose results are the reference
(tests/sync/test_wire_records.py compares both).
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_STORED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00")
_HOUR = timedelta(hours=1)


def wire_times(text: str, zone: ZoneInfo | None) -> tuple[str, str | None, bool]:
    """``iso(at)``, ``at.astimezone(zone).isoformat()`` (None without a zone), and whether
    the time lies in the years the central's time_field accepts (2000-2200 in UTC)."""
    at = datetime.fromisoformat(text)  # what cannot be read fails here, as it always did
    if not _STORED.fullmatch(text):
        utc = at.astimezone(UTC)
        iso = utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        local = at.astimezone(zone).isoformat() if zone is not None else None
        return iso, local, 2000 <= utc.year <= 2200
    local = None
    if zone is not None:
        # isoformat leaves out a fraction of zero: that one second in a million is not sliced
        hour = _local_hour(text[:13], zone) if text[20:26] != "000000" else None
        if hour is None:
            local = at.astimezone(zone).isoformat()
        else:
            local = hour[0] + text[13:26] + hour[1]
    return text[:23] + "Z", local, 2000 <= at.year <= 2200


@functools.lru_cache(maxsize=256)
def _local_hour(utc_hour: str, zone: ZoneInfo) -> tuple[str, str] | None:
    """For the UTC hour ``YYYY-MM-DDTHH``: that hour in ``zone`` and the zone's offset as
    isoformat writes them, if the offset is whole hours and the same all through it."""
    start = datetime.fromisoformat(utc_hour + ":00:00+00:00")
    try:
        first = start.astimezone(zone)
        last = (start + _HOUR - timedelta(microseconds=1)).astimezone(zone)
    except OverflowError:  # the edge of datetime's range: the caller's path says so
        return None
    offset = first.utcoffset()
    if offset is None or offset != last.utcoffset() or offset % _HOUR:
        return None
    text = first.isoformat()  # YYYY-MM-DDTHH:00:00+HH:MM
    return text[:13], text[19:]
