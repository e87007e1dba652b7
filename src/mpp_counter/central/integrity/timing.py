"""Flags about time: consents bunched at closing time, a clerk whose visits stop.

Consents at closing: on one day at one counter, the share of the day's consents given
in the counter's last open hour (its last hour with a visit) against that hour's share
of the day's visits. Were consents spread like visits, the first would follow the
second; a counter that enters consents in a rush before closing shows a consent share
far above its visit share (binomial tail against the visit share).

A clerk whose visits stop: the clerk's last day with a visit at a counter, after which
that counter went on recording visits for STOP_MIN_DAYS days or more (by other names).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from .aggregates import integrity_counts
from .flags import (
    CLOSE_GAP,
    CLOSE_MIN_CONSENTS,
    P_MAX,
    STOP_MIN_DAYS,
    STOP_MIN_VISITS,
    Flag,
    binom_tail,
    pct,
)
from .report import Filters, where


def closing_flags(conn: Any, f: Filters) -> list[Flag]:
    """Every counter-day of ``f``, grouped by the database."""
    t = integrity_counts.c
    keys = [t.mpp, t.counter, t.local_date, t.hour]
    q = where(select(*keys, func.sum(t.visits), func.sum(t.agreed)), f).group_by(*keys)
    return closing_from(conn.execute(q))


def closing_from(items: Iterable[tuple[Any, ...]]) -> list[Flag]:
    """From (mpp, counter, day, hour, visits, agreed), one or more rows per hour."""
    acc: dict[tuple[str, str, str], dict[int, list[int]]] = defaultdict(dict)
    for mpp, counter, day, hour, v, a in items:
        cell = acc[(mpp, counter, day)].setdefault(int(hour), [0, 0])
        cell[0] += int(v or 0)
        cell[1] += int(a or 0)
    out = []
    for (mpp, counter, day), by_hour in sorted(acc.items()):
        hours = [(h, v, a) for h, (v, a) in by_hour.items() if v > 0]
        if not hours:
            continue
        total_v = sum(h[1] for h in hours)
        total_a = sum(h[2] for h in hours)
        last, v_last, a_last = max(hours)
        if total_a < CLOSE_MIN_CONSENTS:
            continue
        p, share = v_last / total_v, a_last / total_a
        if share - p >= CLOSE_GAP and binom_tail(a_last, total_a, p, True) < P_MAX:
            out.append(
                Flag(
                    "closing_bunch",
                    mpp,
                    counter,
                    "",
                    "",
                    "",
                    day,
                    share,
                    p,
                    f"{counter} (MPP {mpp}) mencatat {pct(share)} persetujuan hari {day} "
                    f"({a_last} dari {total_a}) pada jam terakhir buka ({last:02d}.00), "
                    f"padahal jam itu hanya {pct(p)} kunjungan hari itu.",
                    f"{counter} (MPP {mpp}) recorded {pct(share)} of the consents of {day} "
                    f"({a_last} of {total_a}) in its last open hour ({last:02d}:00), "
                    f"while that hour had only {pct(p)} of the day's visits.",
                    (
                        ("mpp", mpp),
                        ("counter", counter),
                        ("from", day),
                        ("to", day),
                        ("hour", str(last)),
                    ),
                )
            )
    return out


def clerk_flags(conn: Any, f: Filters) -> list[Flag]:
    """Every clerk-day of ``f``, grouped by the database."""
    t = integrity_counts.c
    keys = [t.mpp, t.counter, t.clerk, t.local_date]
    q = where(select(*keys, func.sum(t.visits)), f).group_by(*keys)
    return clerk_from(conn.execute(q))


def clerk_from(items: Iterable[tuple[Any, ...]]) -> list[Flag]:
    """From (mpp, counter, clerk, day, visits), one or more rows per clerk-day."""
    per_counter: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_clerk: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for mpp, counter, clerk, day, v in items:
        per_counter[(mpp, counter)][day] += int(v or 0)
        per_clerk[(mpp, counter, clerk)][day] += int(v or 0)
    out = []
    for (mpp, counter, clerk), days in sorted(per_clerk.items()):
        worked = [d for d, v in days.items() if v > 0]
        if not worked:  # every visit voided
            continue
        last = max(worked)
        before = sum(days.values())
        after_days = {d: v for d, v in per_counter[(mpp, counter)].items() if d > last and v}
        after = sum(after_days.values())
        if (
            before >= STOP_MIN_VISITS
            and after >= STOP_MIN_VISITS
            and len(after_days) >= STOP_MIN_DAYS
        ):
            out.append(
                Flag(
                    "clerk_stopped",
                    mpp,
                    counter,
                    "",
                    "",
                    clerk,
                    last,
                    0.0,
                    0.0,
                    f"Petugas {clerk} di {counter} (MPP {mpp}) tidak mencatat kunjungan lagi "
                    f"sejak {last} ({before} kunjungan sebelumnya), sedangkan loket itu "
                    f"mencatat {after} kunjungan dalam {len(after_days)} hari sesudahnya.",
                    f"Clerk {clerk} at {counter} (MPP {mpp}) recorded no visit after {last} "
                    f"({before} visits before), while the counter recorded {after} visits "
                    f"on {len(after_days)} days after.",
                    (("mpp", mpp), ("counter", counter), ("clerk", clerk)),
                )
            )
    return out
