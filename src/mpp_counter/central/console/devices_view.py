"""What the counters page reads: one row per device, from indexed queries only.

Everything shown comes from the device's own row, which ingest keeps current
(device_status.py), so the page costs the same at 1.5 M visits as at ten. A device is
*silent* when it has sent nothing for more than one working day: 24 hours, stretched
over any Saturday and Sunday in between (in Western Indonesia Time, where most MPPs
are), so Monday morning does not flag every counter that closed on Friday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from ...protocol.messages import SKEW_LIMIT_SECONDS
from .. import db

WIB = ZoneInfo("Asia/Jakarta")
PAGE = 100


def silent_cutoff(now: datetime) -> datetime:
    """The latest sign of life that still counts as silent at ``now``."""
    t = now - timedelta(days=1)
    while t.astimezone(WIB).weekday() >= 5:  # Saturday, Sunday: not working days
        t -= timedelta(days=1)
    return t


@dataclass(frozen=True)
class DeviceRow:
    id: str
    mpp: str
    counter: str
    version: str
    last_seen: str | None
    last_batch: str | None
    backlog: int | None
    skew_s: int | None
    unreadable: int
    revoked: str | None
    silent: bool

    @property
    def skew_flagged(self) -> bool:
        return self.skew_s is not None and abs(self.skew_s) > SKEW_LIMIT_SECONDS


def _where(mpp: str | None, silent_only: bool, cutoff: str) -> list[Any]:
    d = db.devices.c
    out: list[Any] = []
    if mpp is not None:
        out.append(d.mpp == mpp)
    if silent_only:
        out += [d.revoked_at.is_(None), func.coalesce(d.last_seen_at, d.created_at) <= cutoff]
    return out


def devices(
    conn: Any, mpp: str | None, now: datetime, *, silent_only: bool = False, page: int = 0
) -> tuple[list[DeviceRow], int, int]:
    """(this page's rows, how many devices match, how many of those are silent)."""
    d = db.devices.c
    cutoff = db.iso(silent_cutoff(now))
    where = _where(mpp, silent_only, cutoff)
    rows = conn.execute(
        select(db.devices)
        .where(*where)
        .order_by(d.mpp, d.counter, d.id)
        .limit(PAGE)
        .offset(page * PAGE)
    ).all()
    total = conn.execute(select(func.count()).select_from(db.devices).where(*where)).scalar_one()
    silent = conn.execute(
        select(func.count()).select_from(db.devices).where(*_where(mpp, True, cutoff))
    ).scalar_one()
    out = [
        DeviceRow(
            r.id,
            r.mpp,
            r.counter,
            r.client_version,
            r.last_seen_at,
            r.last_batch_at,
            r.backlog,
            r.clock_offset_s,
            r.unreadable,
            r.revoked_at,
            r.revoked_at is None and (r.last_seen_at or r.created_at) <= cutoff,
        )
        for r in rows
    ]
    return out, int(total), int(silent)


def device(conn: Any, device_id: str) -> Any:
    """One device's row by id (None when unknown); the caller checks the viewer's MPP."""
    if len(device_id) > 36:
        return None
    return conn.execute(select(db.devices).where(db.devices.c.id == device_id)).first()


def mpps(conn: Any) -> list[str]:
    """The MPPs that have devices, for the operator's filter (index-only on devices_mpp)."""
    d = db.devices.c
    return [r[0] for r in conn.execute(select(d.mpp).distinct().order_by(d.mpp)).all()]


def local(iso_time: str | None) -> str:
    """A stored UTC time as the MPP staff read it: ``2026-11-29 14:05 WIB``."""
    if not iso_time:
        return "—"
    t = datetime.fromisoformat(iso_time.replace("Z", "+00:00")).astimezone(WIB)
    return t.strftime("%Y-%m-%d %H:%M") + " WIB"


def skew_text(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    sign = "+" if seconds > 0 else "−" if seconds < 0 else "±"
    s = abs(seconds)
    return (
        f"{sign}{s} s"
        if s < 120
        else f"{sign}{round(s / 60)} min"
        if s < 7200
        else f"{sign}{round(s / 3600)} h"
    )
