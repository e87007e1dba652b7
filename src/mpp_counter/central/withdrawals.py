"""Applying withdrawals at the central: whose consent, and what is deleted.

A withdrawal marks a consent withdrawn and deletes its sealed number in the same
statement (UU PDP Ps. 43: the receipt page says it is deleted, and it is). Who may
withdraw what:

- a counter's own withdrawal (by ``consent_id``, or by receipt without last digits)
  touches only consents of that counter (its MPP and counter name, which its enrolment
  code fixed: a counter enrolled again after a revoke keeps its records);
- a withdrawal by code at another counter (receipt + the number's last four digits)
  touches exactly one consent: the single one matching both, of any device. None yet:
  it waits for the consent. More than one (codes are unique per counter only): none is
  withdrawn, the withdrawal is marked ``ambiguous`` for the operator;
- the QR page and the export's match by number name one consent by its id.

Every consent newly withdrawn gets a row in ``withdrawal_notices``, which its counter
reads (``GET /api/v1/withdrawn``). Notices are written last in a transaction, under a
table lock on PostgreSQL, so their numbers commit in order (a reader's cursor never
skips a late commit) and the lock is never held while waiting for a row lock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, text

from ..protocol.messages import ConsentRecord, WithdrawalRecord
from ..protocol.withdrawn import PAGE, Notice, WithdrawnAnswer
from . import db

Marked = list[dict[str, Any]]  # notices to write: consent_id, device_id, withdrawn_at, via


def mark(conn: Any, where: Any, at: str, via: str) -> Marked:
    """Withdraw the consents ``where`` names and delete their sealed numbers; a consent
    already withdrawn keeps its time (its number goes, if it was still there)."""
    c = db.consents.c
    done = conn.execute(
        db.consents.update()
        .where(where)
        .where(c.withdrawn_at.is_(None))
        .values(withdrawn_at=at, withdrawn_via=via, phone_sealed=None)
        .returning(c.id, c.device_id)
    ).all()
    conn.execute(
        db.consents.update()
        .where(where)
        .where(c.phone_sealed.is_not(None))
        .where(c.withdrawn_at.is_not(None))
        .values(phone_sealed=None)
    )
    return [
        {"consent_id": r.id, "device_id": r.device_id, "withdrawn_at": at, "via": via} for r in done
    ]


def notify(conn: Any, marked: Marked) -> None:
    """The notices of one transaction, written last (see the module's docstring)."""
    if not marked:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE withdrawal_notices IN EXCLUSIVE MODE"))
    conn.execute(db.withdrawal_notices.insert(), sorted(marked, key=lambda m: m["consent_id"]))


def apply_withdrawal(
    conn: Any, consent_id: str | None, receipt: str | None, at: str, via: str
) -> int:
    """Withdraw one consent named by the central itself (QR page, export match)."""
    conds = []
    if consent_id is not None:
        conds.append(db.consents.c.id == consent_id)
    if receipt is not None:
        conds.append(db.consents.c.receipt == receipt)
    if not conds:
        return 0
    marked = mark(conn, or_(*conds), at, via)
    notify(conn, marked)
    return len(marked)


def foreign_consent(conn: Any, rec: WithdrawalRecord, device: Any) -> bool:
    """True when the consent a withdrawal names by id is another counter's."""
    if rec.consent_id is None:
        return False
    owner = conn.execute(
        select(db.consents.c.mpp, db.consents.c.counter).where(db.consents.c.id == rec.consent_id)
    ).first()
    return owner is not None and (owner.mpp, owner.counter) != (device.mpp, device.counter)


def _own(rec: WithdrawalRecord, device: Any) -> Any:
    c = db.consents.c
    named = c.id == rec.consent_id if rec.consent_id is not None else c.receipt == rec.receipt
    return and_(named, c.mpp == device.mpp, c.counter == device.counter)


def resolve_code(conn: Any, withdrawal_id: str, receipt: str, last4: str, at: str) -> Marked:
    """A withdrawal by code: exactly one matching consent is withdrawn, never a guess."""
    c = db.consents.c
    matches = conn.execute(
        select(c.id).where(c.receipt == receipt).where(c.phone_last4 == last4)
    ).all()
    w = db.withdrawals
    if not matches:
        return []  # stays pending: applied when its consent arrives
    if len(matches) > 1:
        conn.execute(w.update().where(w.c.id == withdrawal_id).values(state="ambiguous"))
        return []
    conn.execute(
        w.update().where(w.c.id == withdrawal_id).values(state="applied", applied_to=matches[0].id)
    )
    return mark(conn, c.id == matches[0].id, at, "code")


def apply_records(conn: Any, device: Any, records: list[tuple[WithdrawalRecord, str]]) -> Marked:
    """The withdrawals of a batch (each with its capped time), newly stored ones only."""
    marked: Marked = []
    for rec, at in records:
        if rec.by_code:
            marked += resolve_code(conn, rec.id, rec.receipt or "", rec.phone_last4 or "", at)
        elif rec.phone_sealed is None:
            marked += mark(conn, _own(rec, device), at, "counter")
    return marked


def late_consents(conn: Any, device: Any, consents: list[ConsentRecord]) -> Marked:
    """A consent that arrives after its withdrawal is withdrawn on arrival: its own
    counter's withdrawal, or a pending withdrawal by code that now matches."""
    w = db.withdrawals.c
    marked: Marked = []
    for c in consents:
        own = conn.execute(
            select(w.at, w.via)
            .where(w.mpp == device.mpp)
            .where(w.counter == device.counter)
            .where(
                or_(
                    w.consent_id == c.id,
                    and_(
                        w.receipt == c.receipt,
                        w.consent_id.is_(None),
                        w.phone_last4.is_(None),
                        w.phone_sealed.is_(None),
                        w.sealed_to.is_(None),
                    ),
                )
            )
            .order_by(w.at)
            .limit(1)
        ).first()
        if own is not None:
            marked += mark(conn, db.consents.c.id == c.id, own.at, own.via)
        pending = conn.execute(
            select(w.id, w.at)
            .where(w.receipt == c.receipt)
            .where(w.phone_last4 == c.phone_last4)
            .where(w.state == "pending")
            .order_by(w.at, w.id)
        ).all()
        for p in pending:
            marked += resolve_code(conn, p.id, c.receipt, c.phone_last4, p.at)
    return marked


def notices_for(engine: Any, device: Any, after: int) -> WithdrawnAnswer:
    """The next page of withdrawals of this counter's own consents, after its cursor
    (those sent under an earlier enrolment of the same counter included)."""
    n = db.withdrawal_notices.c
    d = db.devices.c
    same_counter = select(d.id).where(d.mpp == device.mpp).where(d.counter == device.counter)
    with engine.connect() as conn:
        rows = conn.execute(
            select(n.seq, n.consent_id, n.withdrawn_at, n.via)
            .where(n.device_id.in_(same_counter))
            .where(n.seq > after)
            .order_by(n.seq)
            .limit(PAGE + 1)
        ).all()
    page = rows[:PAGE]
    return WithdrawnAnswer(
        tuple(
            Notice(
                r.consent_id, datetime.fromisoformat(r.withdrawn_at.replace("Z", "+00:00")), r.via
            )
            for r in page
        ),
        page[-1].seq if page else after,
        len(rows) > PAGE,
    )
