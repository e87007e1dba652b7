"""The survey hand-off, its aggregate counterpart, and the purge.

``export`` (streamed by numbers_export.py, opened by unseal_pool.py) is the only place a
number is ever opened, and only with the private key
file the survey team brings: the consented, not-withdrawn numbers of one campaign, one
row per number (the earliest visit: the survey asks about one specific service). A
withdrawal by number (slip lost) is sealed like a consent, so it can only be matched
here, after opening both; once matched, the consent is marked withdrawn (via "number")
so that its receipt page and the counts say so too, and both sealed numbers are deleted.
``purge`` removes the sealed numbers of a campaign closed long enough ago and leaves
everything the aggregate counts need; on SQLite ``secure_delete`` and VACUUM make the
bytes leave the file, not only the row.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, case, func, or_, select, text

from ..domain.errors import MppError
from . import campaigns, db, processing, voids
from .atomic_file import atomic_output, write_atomic
from .numbers_export import EXPORT_HEADER, ExportResult, cell, export_numbers, open_sealed

__all__ = [
    "AGGREGATE_HEADER",
    "EXPORT_HEADER",
    "ExportResult",
    "cell",
    "export_aggregate",
    "export_numbers",
    "export_to",
    "open_sealed",
    "purge",
    "write_atomic",
]

CHECKPOINT_WAIT_MS = 10_000
AGGREGATE_HEADER = ("mpp", "agency", "counter", "clerk", "visits", "asked", "agreed")


def export_aggregate(engine: Engine, out: TextIO, by: processing.By | None = None) -> int:
    """Per MPP/agency/counter/clerk: visits, asked (agreed or declined), agreed. No number."""
    v = db.visits.c
    asked = func.sum(case((v.outcome.in_(("agreed", "declined")), 1), else_=0))
    agreed = func.sum(case((v.outcome == "agreed", 1), else_=0))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AGGREGATE_HEADER)
    n = 0
    opts = {"stream_results": True, "yield_per": 2_000, db.READ_ONLY: True}
    with engine.connect().execution_options(**opts) as conn:
        rows = conn.execute(
            select(v.mpp, v.agency, v.counter, v.clerk, func.count(), asked, agreed)
            .where(voids.not_voided())
            .group_by(v.mpp, v.agency, v.counter, v.clerk)
            .order_by(v.mpp, v.agency, v.counter, v.clerk)
        )
        for r in rows:
            writer.writerow([*map(cell, r[:4]), int(r[4]), int(r[5] or 0), int(r[6] or 0)])
            n += 1
    with engine.begin() as conn:
        conn.execute(
            db.exports.insert().values(
                at=db.iso(db.now()), campaign_id=None, kind="aggregate", rows=n
            )
        )
        if by is not None:  # the record of processing (UU PDP Pasal 31)
            by.record(conn, processing.EXPORT_AGGREGATE, None, n, "no number")
    return n


def export_to(path: str | None, producer: Any) -> Any:
    """Stream ``producer(out)`` to stdout, or to ``path`` whole-or-nothing (atomic_file)."""
    if path in (None, "-"):
        return producer(sys.stdout)
    with atomic_output(Path(path)) as out:
        return producer(out)


@dataclass(frozen=True)
class PurgeResult:
    campaigns: tuple[str, ...]
    numbers: int


def purge(engine: Engine, grace_days: int | None, by: processing.By | None = None) -> PurgeResult:
    """Delete the sealed numbers of campaigns closed more than the grace period ago
    (default: each campaign's own retention, the promise read to the citizen)."""
    t = db.now()
    done: list[str] = []
    count = 0
    with engine.begin() as conn:
        closed = conn.execute(
            db.campaigns.select().where(db.campaigns.c.closed_at.is_not(None))
        ).all()
        for c in closed:
            days = (
                grace_days
                if grace_days is not None
                else campaigns.parse_campaign(c.body).retention_days
            )
            if c.closed_at > db.iso(t - timedelta(days=days)):
                continue
            stamp = db.iso(t)
            n = conn.execute(
                db.consents.update()
                .where(db.consents.c.sealed_to == c.id)
                .where(
                    or_(
                        db.consents.c.phone_sealed.is_not(None),
                        db.consents.c.phone_last4.is_not(None),
                    )
                )
                .values(phone_sealed=None, phone_last4=None, purged_at=stamp)
            )
            w = conn.execute(
                db.withdrawals.update()
                .where(db.withdrawals.c.sealed_to == c.id)
                .where(db.withdrawals.c.phone_sealed.is_not(None))
                .values(phone_sealed=None)
            )
            count += (n.rowcount or 0) + (w.rowcount or 0)
            conn.execute(
                db.campaigns.update().where(db.campaigns.c.id == c.id).values(purged_at=stamp)
            )
            if by is not None:
                by.record(conn, processing.PURGE, c.id, (n.rowcount or 0) + (w.rowcount or 0))
            done.append(c.id)
    if done:
        _reclaim(engine)
    return PurgeResult(tuple(done), count)


class PurgeIncomplete(MppError):
    """The rows no longer hold the numbers, but the file still does: a reader kept SQLite
    from writing the WAL back. Running purge again finishes the job."""


def _reclaim(engine: Engine) -> None:
    """Make the deleted bytes leave the file: rewrite it, and empty the WAL. A reader's
    old snapshot blocks the WAL's write-back; wait a while for it, then say so rather
    than report a purge the file does not show."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            raw.dbapi_connection.isolation_level = None  # VACUUM refuses a transaction
            cur = raw.dbapi_connection.cursor()
            cur.execute("VACUUM")
            cur.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
            busy = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cur.close()
        finally:
            raw.close()
        if busy:
            raise PurgeIncomplete(
                "The numbers are deleted, but a reader kept the database "
                "busy and the file still holds them: run 'mpp-central "
                "purge' again."
            )
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM FULL consents"))
        conn.execute(text("VACUUM FULL withdrawals"))
