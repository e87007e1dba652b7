"""Withdrawing a consent at a counter: offline, recorded, and queued for the central."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from . import audit
from .db import Connection, transaction
from .visits import find_consent


def withdraw_by_receipt(con: Connection, code: str, *, clerk: str, mpp_code: str,
                        counter: str) -> datetime:
    """Mark the consent withdrawn and queue a withdrawal record; repeating it is harmless."""
    consent_id, _visit, already = find_consent(con, code)
    if already:
        return datetime.fromisoformat(already)
    now = datetime.now(UTC)
    wid = str(uuid.uuid4())
    with transaction(con):
        from .visits import next_seq

        seq = next_seq(con)
        receipt = con.execute("SELECT receipt FROM consents WHERE id = ?",
                              (consent_id,)).fetchone()[0]
        con.execute("UPDATE consents SET withdrawn_at = ? WHERE id = ?",
                    (now.isoformat(), consent_id))
        con.execute("INSERT INTO withdrawals(id, at, consent_id, receipt, mpp_code, counter,"
                    " clerk) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (wid, now.isoformat(), consent_id, receipt, mpp_code, counter, clerk))
        con.execute("INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'withdrawal', ?)",
                    (wid, seq))
        audit.append(con, clerk, "withdraw", f"receipt {receipt}")
    return now
