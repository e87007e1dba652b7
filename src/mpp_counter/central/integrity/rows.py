"""The visit rows behind a flag, a page at a time, never a number.

Keyset pagination on (local date, time, id), which the ``visits_integrity`` index
serves for one MPP and counter: page 1,000 costs what page 1 costs, and a page link
(``after=``) stays valid while new visits arrive. Voided visits are left out, as in
every count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Index, func, select, tuple_

from ...domain.records import Outcome
from .. import db, voids
from .report import BadQuery, Filters, parse_filters

Index(
    "visits_integrity",
    db.visits.c.mpp,
    db.visits.c.counter,
    db.visits.c.local_date,
    db.visits.c.at,
    db.visits.c.id,
)
PAGE = 50
MAX_PAGE = 200
_CURSOR = re.compile(r"(\d{4}-\d{2}-\d{2})\|([0-9T:.\-Z]{10,32})\|([0-9a-f\-]{36})")
_TEXT = re.compile(r"[^\x00-\x1f\x7f]{1,64}")


@dataclass(frozen=True)
class RowsQuery:
    filters: Filters
    counter: str | None = None
    agency: str | None = None
    service: str | None = None
    clerk: str | None = None
    hour: int | None = None
    outcome: str | None = None
    after: tuple[str, str, str] | None = None
    limit: int = PAGE


def _text(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _TEXT.fullmatch(value):
        raise BadQuery("'{name}' is not valid (at most 64 characters).", "iq_bad_text", name=name)
    return value


def _int(value: str | None, name: str, lo: int, hi: int) -> int | None:
    if value is None or value == "":
        return None
    if not re.fullmatch(r"\d{1,6}", value) or not lo <= int(value) <= hi:
        raise BadQuery(
            "'{name}' must be a whole number from {lo} to {hi}.",
            "iq_bad_number",
            name=name,
            lo=lo,
            hi=hi,
        )
    return int(value)


def parse_rows_query(params: dict[str, str]) -> RowsQuery:
    """From a query string: every field checked, a clear error for garbage."""
    f = parse_filters(params.get("mpp"), params.get("from"), params.get("to"))
    if f.mpp is None:
        raise BadQuery("Name the MPP whose visits to list (mpp=…).", "iq_need_mpp")
    outcome = params.get("outcome") or None
    if outcome is not None and outcome not in {o.value for o in Outcome}:
        raise BadQuery("'outcome' must be agreed, declined or not_asked.", "iq_bad_outcome")
    after = None
    if params.get("after"):
        m = _CURSOR.fullmatch(params["after"])
        if m is None:
            raise BadQuery(
                "The page link is not valid: open the list again from its start.", "iq_bad_after"
            )
        after = (m.group(1), m.group(2), m.group(3))
    return RowsQuery(
        f,
        _text(params.get("counter"), "counter"),
        _text(params.get("agency"), "agency"),
        _text(params.get("service"), "service"),
        _text(params.get("clerk"), "clerk"),
        _int(params.get("hour"), "hour", 0, 23),
        outcome,
        after,
        _int(params.get("limit"), "limit", 1, MAX_PAGE) or PAGE,
    )


def page(conn: Any, q: RowsQuery) -> tuple[list[Any], str | None]:
    """One page of rows and the cursor of the next (None on the last page)."""
    v = db.visits.c
    lo, hi = q.filters.span
    stmt = (
        select(
            v.id,
            v.local_date,
            v.at,
            v.device_time,
            v.counter,
            v.clerk,
            v.agency,
            v.service,
            v.outcome,
            v.not_asked_reason,
        )
        .where(v.mpp == q.filters.mpp, v.local_date >= lo, v.local_date <= hi)
        .where(voids.not_voided())
    )
    for col, val in (
        ("counter", q.counter),
        ("agency", q.agency),
        ("service", q.service),
        ("clerk", q.clerk),
        ("outcome", q.outcome),
    ):
        if val is not None:
            stmt = stmt.where(v[col] == val)
    if q.hour is not None:
        stmt = stmt.where(func.substr(v.device_time, 12, 2) == f"{q.hour:02d}")
    if q.after is not None:
        stmt = stmt.where(tuple_(v.local_date, v.at, v.id) > q.after)
    got = conn.execute(stmt.order_by(v.local_date, v.at, v.id).limit(q.limit + 1)).all()
    rows, more = got[: q.limit], len(got) > q.limit
    nxt = f"{rows[-1].local_date}|{rows[-1].at}|{rows[-1].id}" if more else None
    return rows, nxt
