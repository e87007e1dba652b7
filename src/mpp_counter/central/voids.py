"""Voided visits at the central: a counter's correction, so the counts stay true.

A void names a visit of the device's own counter (MPP and counter name, as its enrolment
fixed them). The visit stays stored (the batch it came in is never rewritten) but is no
longer counted: :func:`not_voided` is the condition every count of visits applies. A
voided consent is withdrawn and its sealed number deleted in the same statement a
withdrawal uses (withdrawals.mark), so its counter learns it from the withdrawal feed and
the survey's next suppression list carries it. A void whose visit has not arrived yet
is kept and applied when the consent arrives (:func:`late_consents`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, not_, select

from ..protocol.records import ConsentRecord, VoidRecord
from . import db
from . import withdrawals as w
from .integrity import aggregates


def visit_owners(conn: Any, records: list[VoidRecord]) -> dict[str, tuple[str, str]]:
    """The (mpp, counter) of each stored visit the batch's voids name: one statement."""
    ids = sorted({r.visit_id for r in records})
    if not ids:
        return {}
    v = db.visits.c
    rows = conn.execute(select(v.id, v.mpp, v.counter).where(db.one_of(conn, v.id, ids)))
    return {r.id: (r.mpp, r.counter) for r in rows}


def foreign_visit(owners: dict[str, tuple[str, str]], rec: VoidRecord, device: Any) -> bool:
    """True when the visit a void names is another counter's."""
    owner = owners.get(rec.visit_id)
    return owner is not None and owner != (device.mpp, device.counter)


def _own_void(visit: Any) -> Any:
    """A void of this visit sent by the visit's own counter."""
    v = db.voids.c
    return and_(v.visit_id == visit.c.id, v.mpp == visit.c.mpp, v.counter == visit.c.counter)


def not_voided() -> Any:
    """The condition on ``db.visits`` that leaves voided visits out of every count."""
    return not_(exists().where(_own_void(db.visits)))


def apply_records(conn: Any, device: Any, records: list[tuple[VoidRecord, str]]) -> w.Marked:
    """The voids of a batch newly stored (each with its capped time): their consents are
    withdrawn, their numbers deleted."""
    c = db.consents.c
    aggregates.record_voids(conn, device.mpp, device.counter, [r.visit_id for r, _ in records])
    marked: w.Marked = []
    for rec, at in records:
        marked += w.mark(
            conn,
            and_(c.visit_id == rec.visit_id, c.mpp == device.mpp, c.counter == device.counter),
            at,
            "counter",
        )
    return marked


def late_consents(conn: Any, device: Any, consents: list[ConsentRecord]) -> w.Marked:
    """Consents whose visit was already voided are withdrawn on arrival (one statement
    finds them all, usually none)."""
    if not consents:
        return []
    v = db.voids.c
    rows = conn.execute(
        select(v.visit_id, v.at)
        .where(db.one_of(conn, v.visit_id, sorted({c.visit_id for c in consents})))
        .where(v.mpp == device.mpp)
        .where(v.counter == device.counter)
    ).all()
    first: dict[str, str] = {}
    for r in rows:
        first[r.visit_id] = min(r.at, first.get(r.visit_id, r.at))
    marked: w.Marked = []
    for cons in consents:
        if cons.visit_id in first:
            marked += w.mark(conn, db.consents.c.id == cons.id, first[cons.visit_id], "counter")
    return marked
