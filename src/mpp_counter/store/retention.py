"""Retention on the counter: a sealed number leaves the file N days after the central has it.

Once the central acknowledged a consent (or a withdrawal by number), the counter has no
use for its sealed number: the slip is reprinted from the masked form. It is kept
``retention_days`` more days (default 7, set by the administrator) so that a sync that
went wrong on the central's side can still be repaired, then deleted. Deleted means gone
from the file: ``secure_delete`` (set on every connection by ``db.open_db``) zeroes the
freed bytes in the page, and a truncating WAL checkpoint removes the older page images
that still carried the blob.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ..domain.errors import BadInput, DiskError
from . import audit
from .db import Connection, DatabaseError, transaction
from .diskerrors import disk_error

log = logging.getLogger(__name__)

SETTING = "retention_days"
DEFAULT_DAYS = 7
MAX_DAYS = 3650

# Proportional to what may be purged, not to every row: the partial index ``*_sealed``
# (schemas 8 and 9) holds only acknowledged rows whose number is still there, by
# acknowledgement time (bench/retention.py measures it).
_PURGE = """
UPDATE {table} INDEXED BY {table}_sealed SET phone_sealed = NULL
WHERE phone_sealed IS NOT NULL AND {state} = 'acked' AND {acked} IS NOT NULL
AND julianday({acked}) <= julianday(:cutoff)
"""
_CONSENTS = _PURGE.format(table="saves", state="consent_state", acked="consent_acked_at")
_WITHDRAWALS = _PURGE.format(table="withdrawals", state="sync_state", acked="acked_at")


def parse_days(text: str) -> int:
    """The administrator's input, refused with a reason when it is not 0..MAX_DAYS days."""
    try:
        days = int(str(text).strip())
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        raise BadInput(
            "The retention period must be a whole number of days from 0 to {max}.", max=MAX_DAYS
        )
    return days


def retention_days(con: Connection) -> int:
    row = con.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    try:
        return parse_days(row[0]) if row else DEFAULT_DAYS
    except BadInput:
        return DEFAULT_DAYS  # a damaged setting must not stop the purge


def purge_expired(con: Connection, now: datetime | None = None) -> int:
    """Delete the sealed numbers acknowledged more than ``retention_days`` ago; returns how
    many. Run at unlock and after every sync pass; repeating it is harmless."""
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(days=retention_days(con))).astimezone(UTC).isoformat()
    with transaction(con):
        consents = con.execute(_CONSENTS, {"cutoff": cutoff}).rowcount
        withdrawals = con.execute(_WITHDRAWALS, {"cutoff": cutoff}).rowcount
        if consents or withdrawals:
            audit.append(
                con,
                "system",
                "retention",
                f"{consents} consent and {withdrawals} withdrawal numbers deleted",
            )
    if consents or withdrawals:
        log.info("retention: %d sealed numbers deleted", consents + withdrawals)
        wipe_old_pages(con)
    return consents + withdrawals


def wipe_old_pages(con: Connection) -> bool:
    """Empty the write-ahead log, whose older page images still carry the deleted blobs.

    The purge is committed whatever happens here; on a full or failing disk the log is
    emptied by a later checkpoint (SQLite's own, or the next purge), so this only warns."""
    try:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except DatabaseError as exc:
        log.warning(
            "retention: the deleted numbers' old copies in the write-ahead log "
            "were not wiped yet (%s); a later checkpoint does it",
            getattr(disk_error(exc), "kind", None) or "database error",
        )
        return False
    if busy:
        log.warning("retention: the write-ahead log could not be emptied yet")
    return not busy


def purge_at_unlock(con: Connection) -> int:
    """The purge as unlocking runs it: a disk that is full or read-only must not stop the
    administrator from reading, so a purge the disk refuses waits for the next unlock."""
    if getattr(con, "degraded", None):
        return 0
    try:
        return purge_expired(con)
    except DiskError as exc:
        log.warning("retention: the purge waits for the next unlock (the disk is %s)", exc.kind)
        return 0


class Retention:
    """The retention period and purge of one store (``con`` returns the connection in
    force): what the administrator's settings and ``mpp-counter privacy`` use."""

    def __init__(self, con: Callable[[], Connection]) -> None:
        self._con = con

    def days(self) -> int:
        return retention_days(self._con())

    def purge(self, now: datetime | None = None) -> int:
        return purge_expired(self._con(), now)
