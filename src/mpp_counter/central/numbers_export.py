"""The survey hand-off, streamed: one row per number, in flat memory at any size.

The consents of a campaign are read in one pass, ordered by their visit's time (then the
consent's), with only the columns the file needs; their numbers are opened in that
order over every core (unseal_pool); a number met for the first time is its earliest
visit, so it is written at once and remembered only as a keyed digest (number_index).
Rows of one visit time are written by receipt, as the file always was. A withdrawal by
number (slip lost) is opened first: the campaign's few of them stay in memory, by digest.
Matches are applied after the pass, as before: the consent is marked withdrawn "number"
and both sealed numbers are deleted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..protocol.sealed import SealedInvalid, opener, unseal
from . import db, processing
from .number_index import MEMORY_LIMIT, NumberIndex
from .unseal_pool import default_workers, open_numbers
from .withdrawals import apply_withdrawal

EXPORT_HEADER = ("phone", "receipt", "mpp", "agency", "service", "visit_date")
FETCH = 2_000  # rows per fetch from a server-side cursor


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
    opener(key)  # a key that is no key fails before anything is read or written
    withdrawn = duplicates = awaiting = unreadable = rows = 0
    per_device: dict[tuple[str, str, str], int] = {}
    by_number: list[tuple[str, str]] = []  # (consent id, withdrawal time) matched here
    matched: set[str] = set()  # withdrawals whose sealed number has done its work
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    with NumberIndex(limit=memory_limit) as seen, _reading(engine) as conn:
        gone = _withdrawn_numbers(conn, campaign_id, key, seen, workers)
        group: list[tuple[str, Any]] = []  # first-seen numbers of one visit time
        group_at = None
        for r, number in open_numbers(key, _consents(conn, campaign_id), workers=workers):
            if r.withdrawn_at is not None:
                withdrawn += 1
                continue
            if r.visit_at is None:
                awaiting += 1  # the visit (service, date) has not reached the central yet
                continue
            if number is None:
                unreadable += 1
                where = (r.mpp, r.counter, r.device_id or "?")
                per_device[where] = per_device.get(where, 0) + 1
                continue
            d = seen.digest(number)
            w = gone.get(d) if gone else None
            if w is not None and w[0] >= r.at:
                withdrawn += 1  # withdrawn by number after this consent was given
                by_number.append((r.id, w[0]))
                matched.update(w[1])
                continue
            if seen.add_digest(d) > 1:
                duplicates += 1  # a later visit of a number already written
                continue
            if r.visit_at != group_at:
                rows += _write(writer, group)
                group_at = r.visit_at
            group.append((number, r))
        rows += _write(writer, group)
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
    """One read transaction streamed from the server; on SQLite a snapshot (deferred
    BEGIN), not the write lock, so ingest goes on during a long export, and a sort on
    every core: nothing can be opened before the first sorted row comes out."""
    opts = {"stream_results": True, "yield_per": FETCH, db.READ_ONLY: True}
    with engine.connect().execution_options(**opts) as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA threads={default_workers()}")
        try:
            yield conn
        finally:
            if engine.dialect.name == "sqlite":
                with suppress(SQLAlchemyError):  # a broken connection: its error wins
                    conn.exec_driver_sql("PRAGMA threads=0")


def _consents(conn: Any, campaign_id: str) -> Iterator[tuple[Any, bytes | None]]:
    """(row, sealed number to open, or None when the row is only counted), in the order
    that makes the first sight of a number its earliest visit."""
    c, v = db.consents.c, db.visits.c
    rows = conn.execute(
        select(
            c.id,
            c.at,
            c.receipt,
            c.mpp,
            c.counter,
            c.device_id,
            c.withdrawn_at,
            c.phone_sealed,
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
    for r in rows:
        counted_only = r.withdrawn_at is not None or r.visit_at is None
        yield r, None if counted_only else r.phone_sealed


def _withdrawn_numbers(
    conn: Any, campaign_id: str, key: bytes, seen: NumberIndex, workers: int | None
) -> dict[bytes, tuple[str, list[str]]]:
    """digest -> (latest withdrawal time, ids of the withdrawals that carry the number)."""
    w = db.withdrawals.c
    rows = conn.execute(
        select(w.id, w.at, w.phone_sealed)
        .where(w.sealed_to == campaign_id)
        .where(w.phone_sealed.is_not(None))
    )
    gone: dict[bytes, tuple[str, list[str]]] = {}
    items = (((r.id, r.at), r.phone_sealed) for r in rows)
    for (wid, at), number in open_numbers(key, items, workers=workers):
        if number is None:
            continue
        d = seen.digest(number)
        latest, ids = gone.get(d, ("", []))
        ids.append(wid)
        gone[d] = (max(latest, at), ids)
    return gone


def _write(writer: Any, group: list[tuple[str, Any]]) -> int:
    """The first-seen numbers of one visit time, by receipt (the file's order)."""
    if len(group) > 1:
        group.sort(key=_receipt)
    writer.writerows(
        [
            (n, r.receipt, cell(r.mpp), cell(r.agency), cell(r.service), r.local_date)
            for n, r in group
        ]
    )
    k = len(group)
    group.clear()
    return k


def _receipt(item: tuple[str, Any]) -> str:
    return str(item[1].receipt)


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
