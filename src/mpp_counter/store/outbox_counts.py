"""What the outbox holds, counted: by state for the sync report, the clerk's "not yet
sent", and the flagged records for the administrator. Read-only; outbox.py changes it."""

from __future__ import annotations

from .db import Connection
from .outbox_rows import TABLES


def counts(con: Connection) -> dict[str, int]:
    out = {"pending": 0, "in_flight": 0, "acked": 0, "rejected": 0}
    for table in TABLES.values():
        for state, n in con.execute(
            f"SELECT sync_state, count(*) FROM {table} GROUP BY sync_state"  # noqa: S608
        ):
            out[state] += int(n)
    return out


def pending_items(con: Connection) -> int:
    """What the clerk calls "not yet sent": visits (a consent travels with its visit, under
    the same sequence number) and withdrawals, not the records they are made of."""
    return int(con.execute(_PENDING_ITEMS).fetchone()[0])


# count(DISTINCT seq) of the outbox view's pending and in-flight rows, read from each
# kind's (sync_state, seq) index alone (the view would read every row: 5x slower)
_PENDING_ITEMS = (
    "SELECT count(seq) FROM ("
    + " UNION ".join(
        f"SELECT seq FROM {table} WHERE sync_state IN ('pending', 'in_flight')"  # noqa: S608
        for table in TABLES.values()
    )
    + ")"
)


def rejected_rows(con: Connection) -> list[tuple[str, str, str]]:
    """(record id, kind, reason) of every flagged record, for the administrator."""
    return [
        (r[0], r[1], r[2] or "")
        for r in con.execute(
            "SELECT record_id, kind, last_error FROM outbox WHERE state = 'rejected'"
            " ORDER BY seq, record_id"
        )
    ]
