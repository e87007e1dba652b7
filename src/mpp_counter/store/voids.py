"""Voiding a visit saved by mistake: the same day only, with a reason, audited, and sent
to the central as a correction so its counts stay true.

The visit is not deleted: it stays in the store and in the outbox (a batch already sent
is resent verbatim), and a ``void`` record follows it. A voided consent is treated as
withdrawn: its sealed number goes as soon as the central holds the consent
(:func:`withdrawals.drop_withdrawn_numbers`, here and after every sync), and the central
withdraws it and deletes its copy. Voiding is for the clerk's own slips of the finger,
so only a visit of today (the MPP's day) may be voided; later corrections are the
administrator's, at the central.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain import receipt as receipts
from ..domain.errors import BadInput, InvalidReceipt, UnknownRecord
from ..domain.records import VOID_REASONS
from . import audit, receipt_codes, save_ids
from .db import Connection, transaction
from .visits import next_seq
from .withdrawals import drop_withdrawn_numbers

NOTE_MAX = 120
_DIGITS = re.compile(r"[0-9][0-9 .-]{3,}[0-9]")  # five digits or more: maybe a number
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Voided:
    """What a void did: ``already`` when the visit was voided before (nothing changed)."""

    visit_id: str
    at: datetime
    receipt: str | None
    already: bool


def reason_text(reason: str, note: str | None) -> str:
    """The reason as stored and sent: a fixed code, and the clerk's note after ': '."""
    if reason not in VOID_REASONS:
        raise BadInput(
            "Unknown reason '{reason}' for voiding; use one of: {allowed}.",
            reason=str(reason)[:30],
            allowed=", ".join(VOID_REASONS),
        )
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise BadInput("The note is too long: at most {n} characters.", n=NOTE_MAX)
    if _DIGITS.search(note):
        raise BadInput("The note must not hold a number: describe the mistake in words.")
    if reason == "other" and not note:
        raise BadInput("Say in a few words why the visit is voided.")
    return f"{reason}: {note}" if note else reason


def find_visit(con: Connection, ref: str) -> tuple[str, str, str | None, str | None]:
    """(visit id, saved at, consent id, receipt) of a visit id or a receipt code."""
    ref = ref.strip()
    if _UUID.fullmatch(ref.lower()):
        row = con.execute(
            f"SELECT id, at, consent_id, receipt FROM saves WHERE {save_ids.one('id', '?1')}",
            (ref.lower(),),
        ).fetchone()
    else:
        try:
            code = receipts.parse(ref)
        except InvalidReceipt as exc:
            raise BadInput("Give the visit's id or the receipt code of its slip.") from exc
        row = con.execute(
            f"SELECT id, at, consent_id, receipt FROM saves WHERE {save_ids.by_receipt()}",
            receipt_codes.lookup(con, code),
        ).fetchone()
    if row is None:
        raise UnknownRecord("No such visit at this counter.")
    return row[0], row[1], row[2], row[3]


def void_visit(
    con: Connection,
    ref: str,
    reason: str,
    note: str | None,
    *,
    today: tuple[str, str],
    clerk: str,
    mpp_code: str,
    counter: str,
) -> Voided:
    """Void the visit ``ref`` names, if it was saved within ``today`` (UTC ISO bounds)."""
    text = reason_text(reason, note)  # a bad reason is refused before anything is looked up
    visit_id, saved_at, consent_id, receipt = find_visit(con, ref)
    done = con.execute("SELECT at FROM voids WHERE visit_id = ?", (visit_id,)).fetchone()
    if done is not None:
        return Voided(visit_id, datetime.fromisoformat(done[0]), receipt, True)
    if not today[0] <= saved_at < today[1]:
        raise BadInput(
            "Only a visit saved today can be voided; ask the administrator to "
            "correct an older one at the central."
        )
    now = datetime.now(UTC)
    void_id = str(uuid.uuid4())
    with transaction(con):
        con.execute(
            "INSERT INTO voids(id, visit_id, at, reason, mpp_code, counter, clerk, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (void_id, visit_id, now.isoformat(), text, mpp_code, counter, clerk, next_seq(con)),
        )
        if consent_id is not None:
            con.execute(
                f"UPDATE saves SET withdrawn_at = ?2 WHERE {save_ids.one('consent_id', '?1')}"
                " AND withdrawn_at IS NULL",
                (consent_id, now.isoformat()),
            )
        audit.append(
            con,
            clerk,
            "void",
            f"visit {visit_id} {reason}" + (f" receipt {receipt}" if receipt else ""),
        )
        drop_withdrawn_numbers(con)
    return Voided(visit_id, now, receipt, False)
