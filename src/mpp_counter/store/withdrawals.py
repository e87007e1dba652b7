"""Withdrawing a consent at a counter: offline, recorded, and queued for the central.

By receipt code, when the consent was taken here, it is found and marked at once. By
code at a counter that never saw it (the slip promises "any counter, of any MPP"), the
clerk adds the last four digits of the citizen's number: codes are unique per counter
only, and the central withdraws the one consent matching both, never a guess. By number
(the slip is lost) the counter cannot find it: numbers are sealed and this PC cannot open
them. So the number is sealed the same way as a consent's, to the same key, and the
central matches it when it exports, after opening both with the campaign's private key.

A consent withdrawn here, or elsewhere and learnt at a sync (:func:`apply_notices`),
loses its sealed number as soon as the central holds the consent.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain import phone as phone_rules
from ..domain import receipt as receipts
from ..domain.errors import BadInput, UnknownRecord
from ..protocol.sealed import seal
from . import audit, receipt_codes, save_ids
from .db import Connection, transaction
from .visit_rows import find_consent
from .visits import next_seq

WITHDRAWN, ALREADY, QUEUED, ALREADY_QUEUED = "withdrawn", "already", "queued", "already_queued"
_LAST4 = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal by code did: ``state`` is withdrawn (here, now), already
    (withdrawn here before), queued (for the central) or already_queued."""

    at: datetime
    state: str
    receipt: str

    @property
    def here(self) -> bool:
        return self.state in (WITHDRAWN, ALREADY)


def parse_last4(text: str | None) -> str | None:
    """The last four digits as a clerk types them; None when left empty."""
    if text is None or not text.strip():
        return None
    digits = "".join(c for c in text if c not in " -")
    if not _LAST4.fullmatch(digits):
        raise BadInput("Give the last four digits of the citizen's mobile number, e.g. 7890.")
    return digits


def _queue(
    con: Connection,
    names: dict[str, object],
    *,
    clerk: str,
    mpp_code: str,
    counter: str,
    audit_detail: str,
) -> None:
    """One withdrawal row, its outbox entry and an audit row, inside the caller's transaction."""
    wid = str(names.pop("id"))
    row = {
        "id": wid,
        **names,
        "mpp_code": mpp_code,
        "counter": counter,
        "clerk": clerk,
        "seq": next_seq(con),
    }
    con.execute(
        f"INSERT INTO withdrawals({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
    )
    audit.append(con, clerk, "withdraw", audit_detail.format(id=wid))


def drop_withdrawn_numbers(con: Connection) -> int:
    """Delete the sealed number of every withdrawn consent the central already holds (one
    still waiting to be sent keeps it: a batch is resent verbatim)."""
    return int(
        con.execute(
            "UPDATE saves INDEXED BY saves_withdrawn SET phone_sealed = NULL"
            " WHERE withdrawn_at IS NOT NULL AND phone_sealed IS NOT NULL"
            " AND consent_state = 'acked'"
        ).rowcount
    )


def withdraw_by_receipt(
    con: Connection, code: str, *, clerk: str, mpp_code: str, counter: str
) -> datetime:
    """Mark the consent withdrawn and queue a withdrawal record; repeating it is harmless."""
    consent_id, _visit, already = find_consent(con, code)
    if already:
        return datetime.fromisoformat(already)
    now = datetime.now(UTC)
    with transaction(con):
        receipt = con.execute(
            f"SELECT receipt FROM saves WHERE {save_ids.one('consent_id', '?1')}", (consent_id,)
        ).fetchone()[0]
        con.execute(
            f"UPDATE saves SET withdrawn_at = ?2 WHERE {save_ids.one('consent_id', '?1')}",
            (consent_id, now.isoformat()),
        )
        _queue(
            con,
            {
                "id": uuid.uuid4(),
                "at": now.isoformat(),
                "consent_id": consent_id,
                "receipt": receipt,
            },
            clerk=clerk,
            mpp_code=mpp_code,
            counter=counter,
            audit_detail=f"receipt {receipt}",
        )
        drop_withdrawn_numbers(con)
    return now


def withdraw_by_code(
    con: Connection, code: str, last4: str | None, *, clerk: str, mpp_code: str, counter: str
) -> Withdrawal:
    """Withdraw here when the consent is here; else queue it for the central, which needs
    the last four digits to find exactly the citizen's consent."""
    canonical = receipts.parse(code)  # a malformed code is refused before anything else
    digits = parse_last4(last4)
    row = con.execute(
        f"SELECT phone_masked FROM saves WHERE {save_ids.by_receipt()}",
        receipt_codes.lookup(con, canonical),
    ).fetchone()
    if row is not None:
        if digits is not None and (row[0] or "")[-4:] != digits:
            raise BadInput(
                "The last four digits do not match the number of consent "
                "{code}; check them with the citizen.",
                code=canonical,
            )
        _cid, _visit, already = find_consent(con, canonical)
        at = withdraw_by_receipt(con, canonical, clerk=clerk, mpp_code=mpp_code, counter=counter)
        return Withdrawal(at, ALREADY if already else WITHDRAWN, canonical)
    if digits is None:
        raise UnknownRecord(
            "Receipt {code} was not given at this counter: add the last four "
            "digits of the citizen's number to withdraw it at the central.",
            code=canonical,
        )
    queued = con.execute(
        "SELECT at FROM withdrawals WHERE receipt = ? AND phone_last4 = ? AND consent_id IS NULL",
        (canonical, digits),
    ).fetchone()
    if queued is not None:
        return Withdrawal(datetime.fromisoformat(queued[0]), ALREADY_QUEUED, canonical)
    now = datetime.now(UTC)
    with transaction(con):
        _queue(
            con,
            {
                "id": uuid.uuid4(),
                "at": now.isoformat(),
                "receipt": canonical,
                "phone_last4": digits,
            },
            clerk=clerk,
            mpp_code=mpp_code,
            counter=counter,
            audit_detail=f"receipt {canonical} by code, for the central",
        )
    return Withdrawal(now, QUEUED, canonical)


def withdraw_by_number(
    con: Connection,
    phone: str,
    *,
    seal_key: bytes,
    sealed_to: str,
    clerk: str,
    mpp_code: str,
    counter: str,
) -> datetime:
    """Queue a withdrawal naming the sealed number; the audit row never names it."""
    e164 = phone_rules.normalize(phone)  # a bad number is refused before anything is written
    sealed = seal(seal_key, e164)
    now = datetime.now(UTC)
    with transaction(con):
        _queue(
            con,
            {
                "id": uuid.uuid4(),
                "at": now.isoformat(),
                "phone_sealed": sealed,
                "sealed_to": sealed_to,
            },
            clerk=clerk,
            mpp_code=mpp_code,
            counter=counter,
            audit_detail="by number, withdrawal {id}",
        )
    return now


def apply_notices(
    con: Connection, notices: Iterable[tuple[str, datetime, str]], cursor: int
) -> int:
    """Withdrawals of this counter's consents made elsewhere (consent id, time, how), as
    the central lists them after ``withdrawn_cursor``; returns how many were new here.
    Idempotent: a consent already withdrawn keeps its time."""
    n = 0
    with transaction(con):
        for consent_id, at, via in notices:
            row = con.execute(
                f"SELECT receipt FROM saves WHERE {save_ids.one('consent_id', '?1')}"
                " AND withdrawn_at IS NULL",
                (consent_id,),
            ).fetchone()
            if row is None:
                continue
            con.execute(
                f"UPDATE saves SET withdrawn_at = ?2 WHERE {save_ids.one('consent_id', '?1')}",
                (consent_id, at.astimezone(UTC).isoformat()),
            )
            audit.append(con, "central", "withdrawn", f"receipt {row[0]} via {via[:16]}")
            n += 1
        con.execute(
            "INSERT OR REPLACE INTO settings(key, value) VALUES ('withdrawn_cursor', ?)",
            (str(cursor),),
        )
        drop_withdrawn_numbers(con)
    return n


def notice_cursor(con: Connection) -> int:
    """The last withdrawal notice of the central this counter has applied (0: none)."""
    row = con.execute("SELECT value FROM settings WHERE key = 'withdrawn_cursor'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0
