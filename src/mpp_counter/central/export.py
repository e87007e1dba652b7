"""The survey hand-off, its aggregate counterpart, and the purge.

``export`` is the only place a number is ever opened, and only with the private key
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
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, case, func, or_, select, text

from ..domain.errors import MppError
from ..protocol.sealed import SealedInvalid, unseal
from . import campaigns, db, processing, voids
from .ingest import apply_withdrawal

CHECKPOINT_WAIT_MS = 10_000
EXPORT_HEADER = ("phone", "receipt", "mpp", "agency", "service", "visit_date")
AGGREGATE_HEADER = ("mpp", "agency", "counter", "clerk", "visits", "asked", "agreed")


@dataclass(frozen=True)
class ExportResult:
    rows: int
    withdrawn: int
    duplicates: int
    awaiting_visit: int
    unreadable: int
    # (mpp, counter, device id, count): numbers the campaign key cannot open, per device —
    # a counter whose clerk made it seal to another key shows here (store/key_pin.py)
    unreadable_by_device: tuple[tuple[str, str, str, int], ...] = ()


def open_sealed(key: bytes, blob: bytes | None) -> str | None:
    """The number a counter sealed (protocol/sealed.py), or None: counted as unreadable."""
    if not blob:
        return None
    try:
        return unseal(key, bytes(blob))
    except SealedInvalid:
        return None


def cell(value: str) -> str:
    """A text a counter sent, made inert for a spreadsheet: one that starts like a formula
    (= + - @, or a tab or CR before one) gets a leading apostrophe (OWASP CSV injection).
    The phone column is validated E.164 and stays as it is."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_atomic(path: Path, text_: str) -> None:
    """Temp file beside the target (0600: it holds numbers), fsync, rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=".export-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text_)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_numbers(
    engine: Engine,
    campaign_id: str,
    key: bytes,
    out: TextIO,
    by: processing.By | None = None,
) -> ExportResult:
    """``key``: the campaign's raw private key, from the survey team's file."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                db.consents,
                db.visits.c.agency,
                db.visits.c.service,
                db.visits.c.local_date,
                db.visits.c.at.label("visit_at"),
            )
            .select_from(db.consents.outerjoin(db.visits, db.visits.c.id == db.consents.c.visit_id))
            .where(db.consents.c.campaign_id == campaign_id)
            .where(db.consents.c.sealed_to == campaign_id)
            .where(
                or_(
                    db.consents.c.phone_sealed.is_not(None),  # withdrawn: no number
                    db.consents.c.withdrawn_at.is_not(None),
                )
            )  # left, but counted
            .order_by(db.consents.c.at)
        ).all()
        by_number = conn.execute(
            db.withdrawals.select()
            .where(db.withdrawals.c.sealed_to == campaign_id)
            .where(db.withdrawals.c.phone_sealed.is_not(None))
        ).all()
    withdrawn_numbers: dict[str, str] = {}  # number -> latest withdrawal time
    blobs: dict[str, list[str]] = {}  # number -> ids of the withdrawals that carry it
    for w in by_number:
        number = open_sealed(key, w.phone_sealed)
        if number is not None:
            blobs.setdefault(number, []).append(w.id)
            if w.at > withdrawn_numbers.get(number, ""):
                withdrawn_numbers[number] = w.at
    best: dict[str, Any] = {}
    by_number: list[tuple[str, str]] = []  # (consent id, withdrawal time) matched here
    matched: set[str] = set()  # withdrawals whose sealed number has done its work
    withdrawn = duplicates = awaiting = unreadable = 0
    per_device: dict[tuple[str, str, str], int] = {}
    for r in rows:
        if r.withdrawn_at is not None:
            withdrawn += 1
            continue
        if r.visit_at is None:
            awaiting += 1  # the visit (service, date) has not reached the central yet
            continue
        number = open_sealed(key, r.phone_sealed)
        if number is None:
            unreadable += 1
            where = (r.mpp, r.counter, r.device_id or "?")
            per_device[where] = per_device.get(where, 0) + 1
            continue
        if withdrawn_numbers.get(number, "") >= r.at:
            withdrawn += 1  # withdrawn by number after this consent was given
            by_number.append((r.id, withdrawn_numbers[number]))
            matched.update(blobs[number])
            continue
        if number in best:
            duplicates += 1
            if r.visit_at >= best[number].visit_at:
                continue
        best[number] = r
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    for number, r in sorted(best.items(), key=lambda kv: (kv[1].visit_at, kv[1].receipt)):
        writer.writerow((number, r.receipt, *map(cell, (r.mpp, r.agency, r.service)), r.local_date))
    with engine.begin() as conn:
        for consent_id, at in by_number:  # now known: the receipt page and stats show it
            apply_withdrawal(conn, consent_id, None, at, "number")  # deletes its number
        if matched:  # matched: the withdrawal's own sealed number goes too
            conn.execute(
                db.withdrawals.update()
                .where(db.withdrawals.c.id.in_(sorted(matched)))
                .values(phone_sealed=None)
            )
        conn.execute(
            db.exports.insert().values(
                at=db.iso(db.now()), campaign_id=campaign_id, kind="numbers", rows=len(best)
            )
        )
        if by is not None:  # the record of processing (UU PDP Pasal 31)
            by.record(conn, processing.EXPORT, campaign_id, len(best), f"{withdrawn} withdrawn")
    return ExportResult(
        len(best),
        withdrawn,
        duplicates,
        awaiting,
        unreadable,
        tuple((*k, n) for k, n in sorted(per_device.items())),
    )


def export_aggregate(engine: Engine, out: TextIO, by: processing.By | None = None) -> int:
    """Per MPP/agency/counter/clerk: visits, asked (agreed or declined), agreed. No number."""
    v = db.visits.c
    asked = func.sum(case((v.outcome.in_(("agreed", "declined")), 1), else_=0))
    agreed = func.sum(case((v.outcome == "agreed", 1), else_=0))
    with engine.connect() as conn:
        rows = conn.execute(
            select(v.mpp, v.agency, v.counter, v.clerk, func.count(), asked, agreed)
            .where(voids.not_voided())
            .group_by(v.mpp, v.agency, v.counter, v.clerk)
            .order_by(v.mpp, v.agency, v.counter, v.clerk)
        ).all()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AGGREGATE_HEADER)
    for r in rows:
        writer.writerow([*map(cell, r[:4]), int(r[4]), int(r[5] or 0), int(r[6] or 0)])
    with engine.begin() as conn:
        conn.execute(
            db.exports.insert().values(
                at=db.iso(db.now()), campaign_id=None, kind="aggregate", rows=len(rows)
            )
        )
        if by is not None:
            by.record(conn, processing.EXPORT_AGGREGATE, None, len(rows), "no number")
    return len(rows)


def export_to(path: str | None, producer: Any) -> Any:
    buf = io.StringIO()
    result = producer(buf)
    if path in (None, "-"):
        print(buf.getvalue(), end="")
    else:
        write_atomic(Path(path), buf.getvalue())
    return result


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
