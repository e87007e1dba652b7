"""The report and its flags in one call, as the CLI and the console use them.

Peer baselines are national (every MPP's lines of the same agency and service), so
judging even one MPP reads every line of the period: one grouped query over the
counts. Its result is kept per process and renewed in the background once older than
CACHE_SECONDS (the clock is injected), so the console answers from memory while an
operator moves between MPPs; a line flag may then be about that many seconds behind the
counts, which the page says; so may the national page's table of MPPs. The time flags
(closing hour, clerk) of one MPP are read live from that MPP's rows; those of every MPP
are part of the cached baseline.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median
from typing import Any

from sqlalchemy import Engine

from .. import db
from . import flags as fl
from .report import LEVELS, Filters, Report, build, scope_rows
from .timing import clerk_flags, clerk_from, closing_flags, closing_from

CACHE_SECONDS = 60.0
Clock = Callable[[], float]


@dataclass(frozen=True)
class Baseline:
    """Every line of the period, their flags, and each peer group's median rates."""

    lines: tuple[fl.Line, ...]
    flags: tuple[fl.Flag, ...]
    asked_median: dict[tuple[str, str], float]
    consent_median: dict[tuple[str, str], float]
    time_flags: tuple[fl.Flag, ...]  # closing hour and clerk flags of every MPP


@dataclass(frozen=True)
class Result:
    report: Report
    flags: tuple[fl.Flag, ...]
    baseline: Baseline


_cache: dict[tuple[Any, ...], tuple[float, Any]] = {}
_refreshing: dict[tuple[Any, ...], threading.Thread] = {}
_lock = threading.Lock()
log = logging.getLogger("mpp_central")


def _read(engine: Engine, query: Callable[[Any], Any]) -> Any:
    """One query in its own short read transaction (a deferred WAL reader on SQLite: a
    batch arriving meanwhile is neither held up nor waited for)."""
    with db.reading(engine) as conn:
        return query(conn)


def _baseline(engine: Engine, f: Filters) -> Baseline:
    lines = _read(engine, lambda c: fl.lines(c, f))
    national = Filters(None, f.date_from, f.date_to)
    asked: dict[tuple[str, str], list[float]] = defaultdict(list)
    consent: dict[tuple[str, str], list[float]] = defaultdict(list)
    for ln in lines:
        if ln.visits >= fl.MIN_VISITS:
            asked[(ln.agency, ln.service)].append(ln.asked / ln.visits)
        if ln.visits >= fl.MIN_VISITS and ln.asked >= fl.MIN_ASKED:
            consent[(ln.agency, ln.service)].append(ln.agreed / ln.asked)
    return Baseline(
        tuple(lines),
        tuple(fl.line_flags(lines, f)),
        {k: median(v) for k, v in asked.items() if len(v) >= fl.MIN_PEERS},
        {k: median(v) for k, v in consent.items() if len(v) >= fl.MIN_PEERS},
        tuple(
            _read(engine, lambda c: closing_flags(c, national))
            + _read(engine, lambda c: clerk_flags(c, national))
        ),
    )


def _cached(
    engine: Engine, what: str, f: Filters, make: Callable[[Engine], Any], clock: Clock
) -> Any:
    """The value kept for (what, database, period); computed here the first time. Once
    older than CACHE_SECONDS it is still answered while one background thread computes
    the next (so only a process's very first request pays for the national scan)."""
    key = (what, engine.url.render_as_string(), f.date_from, f.date_to)
    now = clock()
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            if now - hit[0] >= CACHE_SECONDS and key not in _refreshing:
                worker = threading.Thread(
                    target=_refresh, args=(key, engine, make, now), daemon=True
                )
                _refreshing[key] = worker
                worker.start()
            return hit[1]
    got = make(engine)
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = (now, got)
    return got


def _refresh(
    key: tuple[Any, ...], engine: Engine, make: Callable[[Engine], Any], at: float
) -> None:
    try:
        got = make(engine)
        with _lock:
            _cache[key] = (at, got)
    except Exception:  # the stale value stays; the next request tries again
        log.warning("integrity baseline refresh failed", exc_info=True)
    finally:
        with _lock:
            _refreshing.pop(key, None)


def settle() -> None:
    """Wait for the background refreshes under way (tests, a clean shutdown)."""
    with _lock:
        workers = list(_refreshing.values())
    for worker in workers:
        worker.join()


def baseline(engine: Engine, f: Filters, clock: Clock = time.monotonic) -> Baseline:
    """The national baseline of the period of ``f`` (cached, see the module doc)."""
    return _cached(engine, "baseline", f, lambda e: _baseline(e, f), clock)  # type: ignore[no-any-return]


def run(
    engine: Engine,
    f: Filters,
    levels: tuple[str, ...] = LEVELS,
    clock: Clock = time.monotonic,
) -> Result:
    """The report and its flags. The national baseline is taken first, outside this
    call's own connection (on SQLite a connection in a transaction holds the write lock,
    and the baseline's own short transactions must not wait for it)."""
    base = baseline(engine, f, clock)
    if f.mpp is None:
        found = [*base.flags, *base.time_flags]
        if levels == ("mpp",):  # the national page: cached with the rest
            make = lambda e: _read(e, lambda c: build(c, f, levels))  # noqa: E731
            rep = _cached(engine, "mpps", f, make, clock)
        else:
            rep = _read(engine, lambda c: build(c, f, levels))
    else:
        rows = _read(engine, lambda c: scope_rows(c, f))  # the one read of this MPP's counts
        rep = _read(engine, lambda c: build(c, f, levels, rows))  # unknown MPP refused here
        found = [x for x in base.flags if x.mpp == f.mpp]
        found += closing_from(
            (r.mpp, r.counter, r.local_date, r.hour, r.visits, r.agreed) for r in rows
        )
        found += clerk_from((r.mpp, r.counter, r.clerk, r.local_date, r.visits) for r in rows)
    found.sort(key=lambda x: (x.mpp, x.counter, fl.KINDS.index(x.kind), x.day))
    return Result(rep, tuple(found), base)
