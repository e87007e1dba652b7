"""The hand-off's entries in the record of processing (UU PDP Ps. 31), and the check
that a named data-sharing agreement exists."""

from __future__ import annotations

from typing import Any

from .spec import HandoffInput


def record(conn: Any, **entry: Any) -> None:
    try:
        from .. import processing
    except ImportError:  # until the records branch is merged
        return
    processing.record(conn, **entry)


def check_agreement(conn: Any, agreement_id: int | None) -> None:
    if agreement_id is None:
        return
    try:
        from ..processing import agreements
    except ImportError:
        return
    if conn.execute(agreements.select().where(agreements.c.id == agreement_id)).first() is None:
        raise HandoffInput("There is no agreement {id}: enter it first.", id=agreement_id)
