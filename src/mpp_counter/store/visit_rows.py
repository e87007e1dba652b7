"""Reading visits back, never with the number: the rows of today's list and the report,
the services used today, the CSV export, a consent by its receipt code, a slip's row and
the counts the status screen shows. Saving them is visits.py."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import IO
from zoneinfo import ZoneInfo

from ..domain import receipt as receipts
from ..domain.errors import UnknownRecord
from ..domain.records import Outcome, SyncState, VisitRow
from . import receipt_codes, save_ids
from .db import Connection


def day_bounds(d1: date, d2: date, zone: str) -> tuple[str, str]:
    """UTC ISO bounds [start of d1, start of d2+1) in the MPP's zone."""
    tz = ZoneInfo(zone)
    start = datetime(d1.year, d1.month, d1.day, tzinfo=tz).astimezone(UTC)
    end_day = d2 + timedelta(days=1)
    end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=tz).astimezone(UTC)
    return start.isoformat(), end.isoformat()


_ROWS = """
SELECT v.id, v.at, v.service_code, coalesce(s.name, v.service_code),
       coalesce(s.agency_name, v.agency_code), v.clerk, v.outcome, v.not_asked_reason,
       v.receipt, v.phone_masked, v.withdrawn_at, v.sync_state, vd.at
FROM saves v
LEFT JOIN services s ON s.code = v.service_code
LEFT JOIN voids vd ON vd.visit_id = v.id
"""


def _row(r: tuple) -> VisitRow:  # type: ignore[type-arg]
    return VisitRow(
        visit_id=r[0],
        at=datetime.fromisoformat(r[1]),
        service_code=r[2],
        service_name=r[3],
        agency_name=r[4],
        clerk=r[5],
        outcome=Outcome(r[6]),
        not_asked_reason=r[7],
        receipt=r[8],
        phone_masked=r[9],
        withdrawn_at=datetime.fromisoformat(r[10]) if r[10] else None,
        sync_state=SyncState(r[11] or "pending"),
        voided_at=datetime.fromisoformat(r[12]) if r[12] else None,
    )


def rows_between(con: Connection, d1: date, d2: date, zone: str) -> list[VisitRow]:
    lo, hi = day_bounds(d1, d2, zone)
    return [
        _row(r)
        for r in con.execute(
            _ROWS + f" WHERE {save_ids.since('?1', 'v.seq')} AND v.at >= ?1 AND v.at < ?2"
            " ORDER BY v.seq",
            (lo, hi),
        )
    ]


def recent_codes(con: Connection, day: date, zone: str, counter: str, n: int) -> list[str]:
    """The last ``n`` distinct services recorded at ``counter`` on ``day``, newest first."""
    lo, hi = day_bounds(day, day, zone)
    return [
        r[0]
        for r in con.execute(
            f"SELECT service_code FROM saves WHERE {save_ids.since('?1')} AND at >= ?1"
            " AND at < ?2 AND counter = ?3 GROUP BY service_code ORDER BY max(seq) DESC"
            " LIMIT ?4",
            (lo, hi, counter, n),
        )
    ]


def rows_by_id(con: Connection, ids: Iterable[str]) -> list[VisitRow]:
    """The rows of these visits: a list updated in place, one row per save or per change,
    costs the same however long the day has been."""
    rows = con.execute(
        _ROWS + f" WHERE {save_ids.many('v.id', '?1', 'v.seq')} ORDER BY v.seq",
        (json.dumps(list(ids)),),
    )
    return [_row(r) for r in rows]


EXPORT_HEADER = (
    "visit_id",
    "date",
    "time",
    "mpp",
    "counter",
    "clerk",
    "agency",
    "service_code",
    "service",
    "consent",
    "not_asked_reason",
    "receipt",
    "withdrawn",
    "sync_state",
)


def write_csv(
    out: IO[str], rows: Iterable[VisitRow], *, mpp_code: str, counter: str, zone: str
) -> int:
    """The export an administrator may hand on: no number in any form, not even masked."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(EXPORT_HEADER)
    n = 0
    for r in rows:
        t = r.at.astimezone(ZoneInfo(zone))
        w.writerow(
            (
                r.visit_id,
                t.date().isoformat(),
                t.strftime("%H:%M:%S"),
                mpp_code,
                counter,
                r.clerk,
                r.agency_name,
                r.service_code,
                r.service_name,
                r.outcome.value,
                r.not_asked_reason or "",
                r.receipt or "",
                "yes" if r.withdrawn_at else "",
                r.sync_state.value,
            )
        )
        n += 1
    return n


def find_consent(con: Connection, code: str) -> tuple[str, str, str | None]:
    """(consent id, visit id, withdrawn_at) of a receipt code, or UnknownRecord."""
    canonical = receipts.parse(code)
    row = con.execute(
        f"SELECT consent_id, id, withdrawn_at FROM saves WHERE {save_ids.by_receipt()}",
        receipt_codes.lookup(con, canonical),
    ).fetchone()
    if not row:
        raise UnknownRecord("No consent with receipt code {code} at this counter.", code=canonical)
    return row[0], row[1], row[2]


def slip_row(con: Connection, consent_id: str) -> tuple:  # type: ignore[type-arg]
    """(receipt, receipt secret, at, masked number, service code, campaign json)."""
    return tuple(
        con.execute(
            "SELECT v.receipt, v.receipt_secret, v.consent_at, v.phone_masked, v.service_code,"
            " cp.json FROM saves v JOIN campaigns cp ON cp.id = v.campaign_id"
            f" WHERE {save_ids.one('v.consent_id', '?1', 'v.seq')}",
            (consent_id,),
        ).fetchone()
    )


def totals(con: Connection) -> tuple[int, int, int]:
    """(visits, consents, withdrawn consents) ever saved: reads every save."""
    visits, consents, withdrawn = con.execute(
        "SELECT count(*), count(consent_id), count(withdrawn_at) FROM saves"
    ).fetchone()
    return int(visits), int(consents), int(withdrawn)
