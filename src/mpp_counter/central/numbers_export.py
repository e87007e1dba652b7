"""The survey hand-off, streamed: one row per number, in flat memory at any size.

The consents of a campaign are read in one pass, ordered by their visit's time (then the
consent's), with only the columns the file needs, from the driver's own cursor a chunk
at a time; each chunk's numbers are opened over every core (unseal_pool.Pool, whose
workers start before the query), in order; a number met for the first time is its
earliest visit, so it is written at once and remembered only as a keyed digest
(number_index). Everything the export does beside opening runs in this one process, per
row, against ≈ 28 µs of a core per number opened: it is kept to a few µs (no row
objects, no per-row generators, each text a counter typed made inert once, not once
per row).
Rows of one visit time are written by receipt, as the file always was. A withdrawal by
number (slip lost) is opened first: the campaign's few of them stay in memory, by digest.
Matches are applied after the pass, as before: the consent is marked withdrawn "number"
and both sealed numbers are deleted.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, TextIO

from sqlalchemy import Engine, and_, case, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..protocol.sealed import SealedInvalid, unseal
from . import db, processing
from .number_index import MEMORY_LIMIT, NumberIndex
from .unseal_pool import Pool, default_workers
from .withdrawals import apply_withdrawal

EXPORT_HEADER = ("phone", "receipt", "mpp", "agency", "service", "visit_date")
TAILS = 4_096  # (mpp, agency, service, date) kept ready-written; rows come by time
FETCH = 2_000  # rows per fetch from a server-side cursor, and per chunk opened


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


def export_numbers(
    engine: Engine,
    campaign_id: str,
    key: bytes,
    out: TextIO,
    *,
    workers: int | None = None,
    memory_limit: int = MEMORY_LIMIT,
    by: processing.By | None = None,
) -> ExportResult:
    """``key``: the campaign's raw private key, from the survey team's file."""
    pool = Pool(key, workers=workers)  # a key that is no key fails here, before any I/O
    withdrawn = duplicates = awaiting = unreadable = rows = 0
    per_device: dict[tuple[str, str, str], int] = {}
    by_number: list[tuple[str, str]] = []  # (consent id, withdrawal time) matched here
    matched: set[str] = set()  # withdrawals whose sealed number has done its work
    out.write(",".join(EXPORT_HEADER) + "\n")
    line = _Lines()
    # the workers start first: their start overlaps the reading and sorting of the consents
    with pool.start(), NumberIndex(limit=memory_limit) as seen, _reading(engine) as conn:
        gone = _withdrawn_numbers(conn, campaign_id, pool, seen)
        digest, add = seen.digest, seen.add_digest
        done: list[str] = []  # lines in the file's order, written once a chunk, and from
        start, group_at = 0, None  # done[start:], the lines first seen at one visit time,
        receipts: list[str] = []  # their receipts: put in receipt order once complete
        lost: list[str] = []  # ids of unreadable rows, up to FETCH: where they came from
        for part, numbers in pool.open_chunks(_consents(conn, campaign_id)):
            for r, number in zip(part, numbers, strict=True):
                if number is None:  # only counted (_consents sent no blob), or unreadable
                    if r[_WITHDRAWN] is not None:
                        withdrawn += 1
                    elif r[_VISIT_AT] is None:
                        awaiting += 1  # the visit (service, date) has not reached us yet
                    else:
                        unreadable += 1
                        lost.append(r[_ID])
                    continue
                d = digest(number)
                if gone:
                    w = gone.get(d)
                    if w is not None and w[0] >= r[_AT]:
                        withdrawn += 1  # withdrawn by number after this consent was given
                        by_number.append((r[_ID], w[0]))
                        matched.update(w[1])
                        continue
                if add(d) > 1:
                    duplicates += 1  # a later visit of a number already written
                    continue
                if r[_VISIT_AT] != group_at:
                    if len(receipts) > 1:
                        _settle(done, start, receipts)
                    group_at, start = r[_VISIT_AT], len(done)
                    receipts.clear()
                receipts.append(r[_RECEIPT])
                done.append(line(number, r))
            rows += _write(out, done, start)
            start = 0
            if len(lost) >= FETCH:
                _count_devices(conn, lost, per_device)
        if lost:
            _count_devices(conn, lost, per_device)
        if len(receipts) > 1:
            _settle(done, start, receipts)
        rows += _write(out, done, len(done))
    with engine.begin() as conn:
        _apply(conn, campaign_id, by_number, matched, rows)
        if by is not None:  # the record of processing (UU PDP Pasal 31), same transaction
            by.record(conn, processing.EXPORT, campaign_id, rows, f"{withdrawn} withdrawn")
    return ExportResult(
        rows,
        withdrawn,
        duplicates,
        awaiting,
        unreadable,
        tuple((*k, n) for k, n in sorted(per_device.items())),
    )


@contextmanager
def _reading(engine: Engine) -> Iterator[Any]:
    """One read transaction; on SQLite a snapshot (deferred BEGIN), not the write lock,
    so ingest goes on during a long export, and a sort on every core: nothing can be
    opened before the first sorted row comes out."""
    with engine.connect().execution_options(**{db.READ_ONLY: True}) as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA threads={default_workers()}")
        try:
            yield conn
        finally:
            if engine.dialect.name == "sqlite":
                with suppress(SQLAlchemyError):  # a broken connection: its error wins
                    conn.exec_driver_sql("PRAGMA threads=0")


# the columns of a row from _consents, by position: rows stay the driver's own tuples
_ID, _AT, _RECEIPT, _MPP, _WITHDRAWN, _SEALED, _AGENCY, _SERVICE, _DATE, _VISIT_AT = range(10)
_sealed = itemgetter(_SEALED)


def _consents(conn: Any, campaign_id: str) -> Iterator[tuple[list[Any], list[bytes | None]]]:
    """(rows, the sealed number of each, or None when the row is only counted), FETCH
    rows at a time, in the order that makes the first sight of a number its earliest
    visit. Read from the driver's own cursor (server-side on PostgreSQL): SQLAlchemy's
    row objects cost the export more per row than everything else it does but opening."""
    c, v = db.consents.c, db.visits.c
    query = (
        select(
            c.id,
            c.at,
            c.receipt,
            c.mpp,
            c.withdrawn_at,
            # the blob to open, NULL for a row only counted: picked out without a Python test
            case((and_(c.withdrawn_at.is_(None), v.at.is_not(None)), c.phone_sealed)),
            v.agency,
            v.service,
            v.local_date,
            v.at.label("visit_at"),
        )
        .select_from(db.consents.outerjoin(db.visits, v.id == c.visit_id))
        .where(c.campaign_id == campaign_id)
        .where(c.sealed_to == campaign_id)
        .where(or_(c.phone_sealed.is_not(None), c.withdrawn_at.is_not(None)))
        .order_by(v.at, c.at, c.id)
    )
    compiled = query.compile(dialect=conn.dialect)
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup or ())
    conn.exec_driver_sql("SELECT 1").close()  # the transaction begins as every read's does
    raw = conn.connection.dbapi_connection
    sqlite = conn.dialect.name == "sqlite"
    cur = raw.cursor() if sqlite else raw.cursor(name="mpp_export_consents")
    try:
        cur.execute(str(compiled), params)
        while part := cur.fetchmany(FETCH):
            blobs = list(map(_sealed, part))  # an empty blob opens as None: unreadable
            yield part, blobs if sqlite else [None if b is None else bytes(b) for b in blobs]
    finally:
        cur.close()


def _count_devices(conn: Any, ids: list[str], per_device: dict[tuple[str, str, str], int]) -> None:
    """Count these unreadable consents by (mpp, counter, device): read only for them (a
    few), not carried by every row of the sorted pass."""
    c = db.consents.c
    found = conn.execute(select(c.mpp, c.counter, c.device_id).where(c.id.in_(ids))).all()
    for mpp, counter, device in found:
        where = (mpp, counter, device or "?")
        per_device[where] = per_device.get(where, 0) + 1
    ids.clear()


def _withdrawn_numbers(
    conn: Any, campaign_id: str, pool: Pool, seen: NumberIndex
) -> dict[bytes, tuple[str, list[str]]]:
    """digest -> (latest withdrawal time, ids of the withdrawals that carry the number)."""
    w = db.withdrawals.c
    rows = conn.execute(
        select(w.id, w.at, w.phone_sealed)
        .where(w.sealed_to == campaign_id)
        .where(w.phone_sealed.is_not(None))
    ).all()
    gone: dict[bytes, tuple[str, list[str]]] = {}
    items = (((r.id, r.at), r.phone_sealed) for r in rows)
    for (wid, at), number in pool.open_numbers(items):
        if number is None:
            continue
        d = seen.digest(number)
        latest, ids = gone.get(d, ("", []))
        ids.append(wid)
        gone[d] = (max(latest, at), ids)
    return gone


class _Lines:
    """One CSV line per row written, as csv.writer wrote it: the columns a counter typed
    are made inert (``cell``) and quoted once per distinct text, not once per row (the
    rows of a day share a few hundred; the last TAILS are kept); the number is E.164,
    and a receipt is quoted only if csv.writer would quote it."""

    def __init__(self) -> None:
        self._tails: dict[tuple[str, str, str, str], str] = {}

    def __call__(self, number: str, r: Any) -> str:
        key = (r[_MPP], r[_AGENCY], r[_SERVICE], r[_DATE])
        tail = self._tails.get(key)
        if tail is None:
            if len(self._tails) >= TAILS:  # a long campaign's dates: memory stays flat
                self._tails.clear()
            tail = self._tails[key] = _fields(cell(key[0]), cell(key[1]), cell(key[2]), key[3])
        receipt = r[_RECEIPT]
        if not _PLAIN.fullmatch(receipt):
            receipt = _fields(receipt)
        return f"{number},{receipt},{tail}"


_PLAIN = re.compile(r'[^,"\r\n]+')  # csv.writer quotes none of these (a fast path)


def _fields(*fields: str) -> str:
    """These fields as csv.writer writes them in the middle of a row."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(("", *fields))
    return buf.getvalue()[1:-1]


def _settle(done: list[str], start: int, receipts: list[str]) -> None:
    """The first-seen numbers of one visit time, done[start:], by receipt (the file's
    order; a stable sort, as before)."""
    run = done[start:]
    done[start:] = [run[i] for i in sorted(range(len(run)), key=receipts.__getitem__)]


def _write(out: TextIO, done: list[str], upto: int) -> int:
    """Write done[:upto] (the lines before the visit time still open) and drop them."""
    if not upto:
        return 0
    out.write("\n".join(done[:upto]) + "\n")  # one write a chunk, not one a row
    del done[:upto]
    return upto


def _apply(
    conn: Any, campaign_id: str, by_number: list[tuple[str, str]], matched: set[str], rows: int
) -> None:
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
            at=db.iso(db.now()), campaign_id=campaign_id, kind="numbers", rows=rows
        )
    )
