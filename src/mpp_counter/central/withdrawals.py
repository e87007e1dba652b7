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

from ..protocol.records import ConsentRecord, WithdrawalRecord
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


def consent_owners(conn: Any, records: list[WithdrawalRecord]) -> dict[str, tuple[str, str]]:
    """The (mpp, counter) of each stored consent the batch's withdrawals name by id: one
    statement per batch, read before the batch's own consents go in."""
    ids = sorted({r.consent_id for r in records if r.consent_id is not None})
    if not ids:
        return {}
    c = db.consents.c
    rows = conn.execute(select(c.id, c.mpp, c.counter).where(db.one_of(conn, c.id, ids)))
    return {r.id: (r.mpp, r.counter) for r in rows}


def foreign_consent(owners: dict[str, tuple[str, str]], rec: WithdrawalRecord, device: Any) -> bool:
    """True when the consent a withdrawal names by id is another counter's."""
    if rec.consent_id is None:
        return False
    owner = owners.get(rec.consent_id)
    return owner is not None and owner != (device.mpp, device.counter)


def _settle_code(conn: Any, withdrawal_id: str, matches: list[str], at: str) -> Marked:
    """A withdrawal by code and the consents matching it: exactly one is withdrawn,
    never a guess."""
    w = db.withdrawals
    if not matches:
        return []  # stays pending: applied when its consent arrives
    if len(matches) > 1:
        conn.execute(w.update().where(w.c.id == withdrawal_id).values(state="ambiguous"))
        return []
    conn.execute(
        w.update().where(w.c.id == withdrawal_id).values(state="applied", applied_to=matches[0])
    )
    return mark(conn, db.consents.c.id == matches[0], at, "code")


def _code_matches(conn: Any, receipts: set[str]) -> dict[tuple[str, str], list[str]]:
    """The stored consents by (receipt, last four digits), for the receipts given."""
    if not receipts:
        return {}
    c = db.consents.c
    found: dict[tuple[str, str], list[str]] = {}
    rows = conn.execute(
        select(c.id, c.receipt, c.phone_last4).where(db.one_of(conn, c.receipt, sorted(receipts)))
    )
    for r in rows:
        if r.phone_last4 is not None:
            found.setdefault((r.receipt, r.phone_last4), []).append(r.id)
    return found


def apply_records(conn: Any, device: Any, records: list[tuple[WithdrawalRecord, str]]) -> Marked:
    """The withdrawals of a batch (each with its capped time), newly stored ones only.
    The consents they name are looked up together; each is then applied in batch order."""
    own = [(r, at) for r, at in records if not r.by_code and r.phone_sealed is None]
    codes = _code_matches(conn, {r.receipt or "" for r, _ in records if r.by_code})
    held = _own_consents(conn, device, [r for r, _ in own])
    marked: Marked = []
    for rec, at in records:
        if rec.by_code:
            matches = codes.get((rec.receipt or "", rec.phone_last4 or ""), [])
            marked += _settle_code(conn, rec.id, matches, at)
        elif rec.phone_sealed is None:
            ids = [
                cid
                for cid, receipt in held
                if (cid == rec.consent_id if rec.consent_id is not None else receipt == rec.receipt)
            ]
            if ids:
                marked += mark(conn, db.one_of(conn, db.consents.c.id, ids), at, "counter")
    return marked


def _own_consents(conn: Any, device: Any, records: list[WithdrawalRecord]) -> list[tuple[str, str]]:
    """(id, receipt) of this counter's consents named by its own withdrawals."""
    ids = sorted({r.consent_id for r in records if r.consent_id is not None})
    receipts = sorted({r.receipt for r in records if r.consent_id is None and r.receipt})
    if not ids and not receipts:
        return []
    c = db.consents.c
    rows = conn.execute(
        select(c.id, c.receipt)
        .where(c.mpp == device.mpp, c.counter == device.counter)
        .where(or_(db.one_of(conn, c.id, ids), db.one_of(conn, c.receipt, receipts)))
    )
    return [(r.id, r.receipt) for r in rows]


def late_consents(conn: Any, device: Any, consents: list[ConsentRecord]) -> Marked:
    """Consents that arrive after their withdrawal are withdrawn on arrival: their own
    counter's withdrawal, or a pending withdrawal by code that now matches. Two
    statements per batch find them all (usually none)."""
    if not consents:
        return []
    w = db.withdrawals.c
    ids = [c.id for c in consents]
    receipts = sorted({c.receipt for c in consents})
    own = conn.execute(
        select(w.consent_id, w.receipt, w.at, w.via)
        .where(w.mpp == device.mpp)
        .where(w.counter == device.counter)
        .where(
            or_(
                db.one_of(conn, w.consent_id, ids),
                and_(
                    db.one_of(conn, w.receipt, receipts),
                    w.consent_id.is_(None),
                    w.phone_last4.is_(None),
                    w.phone_sealed.is_(None),
                    w.sealed_to.is_(None),
                ),
            )
        )
    ).all()
    marked: Marked = []
    for c in consents:
        named = [
            r
            for r in own
            if r.consent_id == c.id or (r.consent_id is None and r.receipt == c.receipt)
        ]
        if named:
            first = min(named, key=lambda r: r.at)
            marked += mark(conn, db.consents.c.id == c.id, first.at, first.via)
    wanted = {(c.receipt, c.phone_last4) for c in consents}
    pending = conn.execute(
        select(w.id, w.at, w.receipt, w.phone_last4)
        .where(w.state == "pending")
        .where(db.one_of(conn, w.receipt, receipts))
        .order_by(w.at, w.id)
    ).all()
    pending = [p for p in pending if (p.receipt, p.phone_last4) in wanted]
    if pending:
        codes = _code_matches(conn, {p.receipt for p in pending})
        for p in pending:
            matches = codes.get((p.receipt, p.phone_last4), [])
            marked += _settle_code(conn, p.id, matches, p.at)
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
