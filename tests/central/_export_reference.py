"""The survey export as it was before it streamed (commit cb5523b, verbatim but for its
imports): everything in memory, sorted at the end. The streaming export must give the
same file, the same figures and the same database changes (test_export_stream.py)."""

# ruff: noqa
from __future__ import annotations

import csv
from typing import Any, TextIO

from sqlalchemy import Engine, or_, select

from mpp_counter.central import db, numbers_export
from mpp_counter.central.export import EXPORT_HEADER, ExportResult, cell, open_sealed


def reference_export_numbers(
    engine: Engine, campaign_id: str, key: bytes, out: TextIO
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
    with engine.begin() as conn:  # the same recording step: what it is given is compared
        numbers_export._apply(conn, campaign_id, by_number, matched, len(best))
    return ExportResult(
        len(best),
        withdrawn,
        duplicates,
        awaiting,
        unreadable,
        tuple((*k, n) for k, n in sorted(per_device.items())),
    )
