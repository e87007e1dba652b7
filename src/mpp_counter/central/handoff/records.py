"""The hand-off's entries in the record of processing (UU PDP Ps. 31): every prepare,
every opening and every suppression list fetched, in the same transaction as the event."""

from __future__ import annotations

from typing import Any

from .. import processing

PREPARE, OPEN, SUPPRESSION = "handoff-prepare", "handoff-open", "handoff-suppression"


Who = processing.By  # the actor, and a note kept in the detail (the OS user behind --actor)


def record(conn: Any, who: Who, *, detail: str, **entry: Any) -> None:
    note = "; ".join(x for x in (detail, who.note) if x)
    processing.record(conn, actor=who.actor, detail=note, **entry)


def recipient_under(conn: Any, agreement_id: int | None, recipient: str) -> str:
    """The agreement must exist; without a recipient, its parties are the recipient."""
    if agreement_id is None:
        return recipient
    agreement = processing.require_agreement(conn, agreement_id)
    return recipient or agreement.parties[:200]
