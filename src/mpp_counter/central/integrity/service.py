"""The report and its flags in one call, as the CLI and the console use them.

Peer baselines are national (every MPP's lines of the same agency and service), so
judging even one MPP reads every line of the period: one grouped query over the
counts. Its result is kept per process for CACHE_SECONDS (the clock is injected) so
the console answers from memory while an operator moves between MPPs; a flag may then
be up to that many seconds behind the counts, which the page says.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from . import flags as fl
from .report import LEVELS, Filters, Report, build, check_mpp
from .timing import clerk_flags, closing_flags

CACHE_SECONDS = 60.0
_cache: dict[tuple[Any, ...], tuple[float, list[fl.Flag]]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Result:
    report: Report
    flags: tuple[fl.Flag, ...]


def national_lines(
    conn: Any, f: Filters, clock: Callable[[], float] = time.monotonic
) -> list[fl.Flag]:
    """Line flags of every MPP for the period of ``f`` (cached, see the module doc)."""
    key = (id(conn.engine), conn.engine.url.render_as_string(), f.date_from, f.date_to)
    now = clock()
    with _lock:
        hit = _cache.get(key)
        if hit is not None and now - hit[0] < CACHE_SECONDS:
            return hit[1]
    got = fl.line_flags(fl.lines(conn, f), f)
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = (now, got)
    return got


def compute_flags(
    conn: Any, f: Filters, clock: Callable[[], float] = time.monotonic
) -> list[fl.Flag]:
    out = [x for x in national_lines(conn, f, clock) if f.mpp is None or x.mpp == f.mpp]
    out += closing_flags(conn, f) + clerk_flags(conn, f)
    return sorted(out, key=lambda x: (x.mpp, x.counter, fl.KINDS.index(x.kind), x.day))


def run(
    engine: Engine,
    f: Filters,
    levels: tuple[str, ...] = LEVELS,
    clock: Callable[[], float] = time.monotonic,
) -> Result:
    with engine.connect() as conn:
        check_mpp(conn, f)
        return Result(build(conn, f, levels), tuple(compute_flags(conn, f, clock)))
