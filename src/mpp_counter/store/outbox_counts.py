"""What the outbox holds, counted: by state for the sync report, the clerk's "not yet
sent", and the flagged records for the administrator. Read-only; outbox.py changes it.

The saves still to send are found from UNSENT_FROM (and the few in flight by their
partial indexes), so these counts cost what is unsent, not what was ever saved; only
:func:`counts` reads every row (the acknowledged ones too)."""

from __future__ import annotations

from .db import Connection
from .outbox_rows import KINDS, UNSENT_FROM_SQL


def counts(con: Connection) -> dict[str, int]:
    out = {"pending": 0, "in_flight": 0, "acked": 0, "rejected": 0}
    seen: set[tuple[str, str]] = set()
    for k in KINDS.values():
        if (k.table, k.state) in seen:
            continue
        seen.add((k.table, k.state))
        for state, n in con.execute(
            f"SELECT {k.state}, count(*) FROM {k.table} WHERE {k.state} IS NOT NULL"  # noqa: S608
            f" GROUP BY {k.state}"
        ):
            out[state] += int(n)
    return out


# The lowest sequence number a save still to send can have: UNSENT_FROM, or an older
# save in flight (read from the in-flight partial indexes, which hold only those).
_UNSENT_LOW = f"""min(
    {UNSENT_FROM_SQL},
    coalesce((SELECT min(seq) FROM saves INDEXED BY saves_in_flight
              WHERE sync_state = 'in_flight'), 1 << 62),
    coalesce((SELECT min(seq) FROM saves INDEXED BY saves_consent_in_flight
              WHERE consent_state = 'in_flight'), 1 << 62))"""
_UNSENT_SAVES = f"""
SELECT count(*), coalesce(sum(sync_state IN ('pending', 'in_flight')), 0)
    + coalesce(sum(consent_state IN ('pending', 'in_flight')), 0)
FROM saves WHERE seq >= {_UNSENT_LOW}
    AND (sync_state IN ('pending', 'in_flight') OR consent_state IN ('pending', 'in_flight'))
"""
_UNSENT_OTHERS = " + ".join(
    f"(SELECT count(*) FROM {t} WHERE sync_state IN ('pending', 'in_flight'))"  # noqa: S608
    for t in ("withdrawals", "voids")
)


def unsent(con: Connection) -> int:
    """Records pending or in flight, each visit and consent counted: the sync report's."""
    _saves, records = con.execute(_UNSENT_SAVES).fetchone()
    return int(records) + int(con.execute(f"SELECT {_UNSENT_OTHERS}").fetchone()[0])


def pending_items(con: Connection) -> int:
    """What the clerk calls "not yet sent": visits (a consent travels with its visit, under
    the same sequence number) and withdrawals, not the records they are made of."""
    saves, _records = con.execute(_UNSENT_SAVES).fetchone()
    return int(saves) + int(con.execute(f"SELECT {_UNSENT_OTHERS}").fetchone()[0])


def rejected_rows(con: Connection) -> list[tuple[str, str, str]]:
    """(record id, kind, reason) of every flagged record, for the administrator."""
    return [
        (r[0], r[1], r[2] or "")
        for r in con.execute(
            "SELECT record_id, kind, last_error FROM outbox WHERE state = 'rejected'"
            " ORDER BY seq, record_id"
        )
    ]
