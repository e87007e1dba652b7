"""Withdrawing a consent at a counter: offline, recorded, and queued for the central.

By receipt code the consent is found here and marked at once. By number (the slip is
lost) the counter cannot find it: numbers are sealed and this PC cannot open them. So the
number is sealed the same way as a consent's, to the same key, and the central matches it
when it exports, after opening both with the campaign's private key.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from ..domain import phone as phone_rules
from . import audit
from .db import Connection, transaction
from .sealing import seal
from .visits import find_consent, next_seq


def _queue(con: Connection, names: dict[str, object], *, clerk: str, mpp_code: str,
           counter: str, audit_detail: str) -> None:
    """One withdrawal row, its outbox entry and an audit row, inside the caller's transaction."""
    wid = str(names.pop("id"))
    row = {"id": wid, **names, "mpp_code": mpp_code, "counter": counter, "clerk": clerk}
    con.execute(f"INSERT INTO withdrawals({', '.join(row)})"
                f" VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    con.execute("INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'withdrawal', ?)",
                (wid, next_seq(con)))
    audit.append(con, clerk, "withdraw", audit_detail.format(id=wid))


def withdraw_by_receipt(con: Connection, code: str, *, clerk: str, mpp_code: str,
                        counter: str) -> datetime:
    """Mark the consent withdrawn and queue a withdrawal record; repeating it is harmless."""
    consent_id, _visit, already = find_consent(con, code)
    if already:
        return datetime.fromisoformat(already)
    now = datetime.now(UTC)
    with transaction(con):
        receipt = con.execute("SELECT receipt FROM consents WHERE id = ?",
                              (consent_id,)).fetchone()[0]
        con.execute("UPDATE consents SET withdrawn_at = ? WHERE id = ?",
                    (now.isoformat(), consent_id))
        _queue(con, {"id": uuid.uuid4(), "at": now.isoformat(), "consent_id": consent_id,
                     "receipt": receipt}, clerk=clerk, mpp_code=mpp_code, counter=counter,
               audit_detail=f"receipt {receipt}")
    return now


def withdraw_by_number(con: Connection, phone: str, *, seal_key: bytes, sealed_to: str,
                       clerk: str, mpp_code: str, counter: str) -> datetime:
    """Queue a withdrawal naming the sealed number; the audit row never names it."""
    e164 = phone_rules.normalize(phone)  # a bad number is refused before anything is written
    sealed = seal(seal_key, e164)
    now = datetime.now(UTC)
    with transaction(con):
        _queue(con, {"id": uuid.uuid4(), "at": now.isoformat(), "phone_sealed": sealed,
                     "sealed_to": sealed_to}, clerk=clerk, mpp_code=mpp_code,
               counter=counter, audit_detail="by number, withdrawal {id}")
    return now
