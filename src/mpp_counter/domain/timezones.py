"""The three Indonesian time zones and dates in the Indonesian manner."""

from __future__ import annotations

from datetime import datetime
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
