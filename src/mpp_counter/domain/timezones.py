"""The three Indonesian time zones and dates in the Indonesian manner."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import BadInput

ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
_ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def parse_zone(text: str) -> str:
    """Accept an IANA name of an Indonesian zone or its abbreviation; return the IANA name."""
    t = text.strip()
    name = _ALIASES.get(t.upper(), t)
    if name not in ZONES:
        raise BadInput("Unknown time zone '{zone}': use WIB, WITA or WIT.", zone=t[:20])
    return name


def local(at: datetime, zone: str) -> datetime:
    return at.astimezone(ZoneInfo(zone))


def format_id(at: datetime, zone: str) -> str:
    """``25 November 2026 14.05 WIB``: the form a slip and the window show."""
    t = local(at, zone)
    return f"{t.day} {MONTHS_ID[t.month - 1]} {t.year} {t:%H.%M} {ZONES[zone]}"


class LocalDays:
    """The counter's date at a moment, its last day's UTC bounds kept: a save asks for
    the day of its own time (the day's hint), and a comparison with two bounds costs a
    fraction of a time zone conversion."""

    __slots__ = ("_span",)

    def __init__(self) -> None:
        self._span: tuple[datetime, datetime, date, str] | None = None

    def of(self, moment: datetime, zone: str) -> date:
        """The date in ``zone`` at ``moment`` (an aware datetime)."""
        span = self._span
        if span is not None and span[3] == zone and span[0] <= moment < span[1]:
            return span[2]
        tz = ZoneInfo(zone)
        day = moment.astimezone(tz).date()
        start = datetime.combine(day, time(0), tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
        self._span = (start, end, day, zone)
        return day
