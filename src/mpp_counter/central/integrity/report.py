"""The sampling-integrity report: visits, asked and consent rates, declined and not-asked
reasons per MPP, agency, counter and clerk, per day and for the whole period.

Read from ``integrity_counts`` only (aggregates.py), never from the visits. *Asked* is
agreed + declined; the *asked rate* is asked / visits; the *consent rate* is agreed /
asked (a counter that asks few but gets every one of them to agree stands out). The
period is the filter's date range (all dates when none is given). A clerk is keyed by
MPP and name; an agency by MPP and agency code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ...domain.errors import BadInput
from ...domain.records import NOT_ASKED_REASONS
from .aggregates import REASON_COLS, integrity_counts

LEVELS = ("mpp", "agency", "counter", "clerk")
LEVEL_KEYS = {
    "mpp": ("mpp",),
    "agency": ("mpp", "agency"),
    "counter": ("mpp", "counter"),
    "clerk": ("mpp", "clerk"),
}
MAX_DAYS = 400  # a report spans at most this many days
_MPP = re.compile(r"[A-Za-z0-9_.\-]{1,32}")


class BadQuery(BadInput):
    """A filter that cannot be used; ``key`` names its text in the console's catalogue."""

    def __init__(self, msgid: str, key: str, **args: object) -> None:
        super().__init__(msgid, **args)
        self.key = key


class UnknownMpp(BadQuery):
    """An MPP code the central has no visits for."""


@dataclass(frozen=True)
class Filters:
    mpp: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def span(self) -> tuple[str, str]:
        return (
            self.date_from.isoformat() if self.date_from else "0000-00-00",
            self.date_to.isoformat() if self.date_to else "9999-99-99",
        )


def parse_date(value: str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadQuery(
            "'{name}' must be a date written YYYY-MM-DD, for example 2026-03-02.",
            "iq_bad_date",
            name=name,
        ) from None


def parse_filters(mpp: str | None, date_from: str | None, date_to: str | None) -> Filters:
    """Filters from text a user typed (CLI or query string): a clear error for garbage."""
    if mpp is not None and mpp != "" and not _MPP.fullmatch(mpp):
        raise BadQuery("The MPP code is not valid (letters, digits, - _ . up to 32).", "iq_bad_mpp")
    f = Filters(mpp or None, parse_date(date_from, "from"), parse_date(date_to, "to"))
    if f.date_from and f.date_to:
        if f.date_from > f.date_to:
            raise BadQuery("The start date comes after the end date.", "iq_dates_reversed")
        if (f.date_to - f.date_from).days >= MAX_DAYS:
            raise BadQuery("A report spans at most {n} days.", "iq_too_long", n=MAX_DAYS)
    return f


@dataclass(frozen=True)
class Counts:
    visits: int = 0
    agreed: int = 0
    declined: int = 0
    not_asked: int = 0
    reasons: tuple[int, ...] = (0,) * len(NOT_ASKED_REASONS)

    @property
    def asked(self) -> int:
        return self.agreed + self.declined

    @property
    def asked_rate(self) -> float | None:
        return self.asked / self.visits if self.visits else None

    @property
    def consent_rate(self) -> float | None:
        return self.agreed / self.asked if self.asked else None

    def __add__(self, o: Counts) -> Counts:
        return Counts(
            self.visits + o.visits,
            self.agreed + o.agreed,
            self.declined + o.declined,
            self.not_asked + o.not_asked,
            tuple(a + b for a, b in zip(self.reasons, o.reasons, strict=True)),
        )


@dataclass(frozen=True)
class Row:
    level: str
    key: tuple[str, ...]  # LEVEL_KEYS[level] values
    day: str  # "" for the whole period
    counts: Counts

    def field(self, name: str) -> str:
        keys = LEVEL_KEYS[self.level]
        return self.key[keys.index(name)] if name in keys else ""


@dataclass(frozen=True)
class Report:
    filters: Filters
    rows: tuple[Row, ...]
    hours: tuple[tuple[int, int, int], ...] = field(default=())  # (hour, visits, agreed)

    def level(self, level: str, per_day: bool = False) -> list[Row]:
        return [r for r in self.rows if r.level == level and bool(r.day) == per_day]


def sums() -> list[Any]:
    t = integrity_counts.c
    return [
        func.sum(t[c]).label(c) for c in ("visits", "agreed", "declined", "not_asked", *REASON_COLS)
    ]


def counts_of(r: Any) -> Counts:
    m = r._mapping
    return Counts(
        int(m["visits"] or 0),
        int(m["agreed"] or 0),
        int(m["declined"] or 0),
        int(m["not_asked"] or 0),
        tuple(int(m[c] or 0) for c in REASON_COLS),
    )


def where(stmt: Any, f: Filters) -> Any:
    t = integrity_counts.c
    lo, hi = f.span
    stmt = stmt.where(t.local_date >= lo).where(t.local_date <= hi)
    return stmt.where(t.mpp == f.mpp) if f.mpp else stmt


def check_mpp(conn: Any, f: Filters) -> None:
    """An MPP that never sent a visit is named, rather than shown as an empty report."""
    if f.mpp is None:
        return
    t = integrity_counts.c
    if conn.execute(select(t.mpp).where(t.mpp == f.mpp).limit(1)).first() is None:
        raise UnknownMpp("No visits were received from MPP {mpp}.", "iq_unknown_mpp", mpp=f.mpp)


def scope_rows(conn: Any, f: Filters) -> list[Any]:
    """Every counts row of one MPP in the period, as stored (a few hundred a day): the
    MPP's report, hour profile and time flags are all computed from this one read."""
    return conn.execute(where(select(integrity_counts), f)).all()  # type: ignore[no-any-return]


def build(
    conn: Any, f: Filters, levels: tuple[str, ...] = LEVELS, rows: list[Any] | None = None
) -> Report:
    """The report for ``levels``. Without ``rows``: one grouped query (MPP-only is the
    national view); with ``rows`` (scope_rows'), rolled up here, hour profile included.
    Either way the levels are rolled up here from what was read."""
    t = integrity_counts.c
    if rows is not None:
        got = rows
    else:
        fine = levels != ("mpp",)
        keys = [t.mpp, t.local_date] + ([t.agency, t.counter, t.clerk] if fine else [])
        got = conn.execute(where(select(*keys, *sums()), f).group_by(*keys)).all()
    if not got:
        check_mpp(conn, f)
    width = 4 + len(REASON_COLS)
    acc: dict[tuple[str, tuple[str, ...], str], list[int]] = {}
    for r in got:
        m = r._mapping
        c = [int(m[n] or 0) for n in ("visits", "agreed", "declined", "not_asked", *REASON_COLS)]
        for level in levels:
            key = tuple(m[k] for k in LEVEL_KEYS[level])
            for day in (m["local_date"], ""):
                total = acc.setdefault((level, key, day), [0] * width)
                for i, x in enumerate(c):
                    total[i] += x
    out = tuple(
        Row(level, key, day, Counts(*c[:4], tuple(c[4:])))
        for (level, key, day), c in sorted(
            acc.items(), key=lambda kv: (LEVELS.index(kv[0][0]), kv[0][1], kv[0][2])
        )
    )
    return Report(f, out, hour_profile(rows) if rows is not None else ())


def hour_profile(rows: list[Any]) -> tuple[tuple[int, int, int], ...]:
    """(hour, visits, agreed) of scope_rows' rows."""
    acc: dict[int, list[int]] = {}
    for r in rows:
        cell = acc.setdefault(int(r.hour), [0, 0])
        cell[0] += int(r.visits or 0)
        cell[1] += int(r.agreed or 0)
    return tuple((h, v, a) for h, (v, a) in sorted(acc.items()))
