"""Flags: counters and clerks whose figures are far from their peers', each with a
sentence (Indonesian and English) that gives the figures, and the rows behind it.

A *line* is one counter's work for one agency and service over the period; its peers
are the lines of the same agency and service in every MPP (a single MPP rarely has
enough counters for one service). A line is judged only with enough visits, and a
flag needs three things at once: a robust z-score (distance from the peers' median in
units of 1.4826·MAD, floored at MIN_SCALE so a very uniform group does not flag a hair's
difference), an absolute gap of GAP, and an exact binomial tail below P_MAX against the
peers' median rate (so a small line is not flagged on noise). Thresholds and their
reasons: docs/integrity.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Any

from sqlalchemy import func, select

from .aggregates import integrity_counts
from .report import Filters, where

MIN_VISITS = 30  # a line with fewer visits in the period is not judged
MIN_ASKED = 20  # … and its consent rate only with at least this many asked
MIN_PEERS = 4  # a peer group needs this many judged lines (the line included)
Z = 3.5  # robust z-score
MIN_SCALE = 0.05  # floor of 1.4826·MAD
GAP = 0.20  # at least 20 percentage points from the peers' median
P_MAX = 0.001  # binomial tail
ONLY_CONSENT_SHARE = 0.05  # "only consents": at most 5% declined or not asked …
ONLY_CONSENT_PEERS = 0.30  # … while the peers' median is at least 30%
CLOSE_MIN_CONSENTS = 10  # consents in the day before closing time is judged
CLOSE_GAP = 0.30  # last-hour consent share minus last-hour visit share
STOP_MIN_VISITS = 30  # clerk: visits before the stop; counter: visits after it
STOP_MIN_DAYS = 2  # days the counter worked on after the clerk's last day

KINDS = ("asked_low", "consent_high", "only_consents", "closing_bunch", "clerk_stopped")


@dataclass(frozen=True)
class Flag:
    kind: str
    mpp: str
    counter: str
    agency: str
    service: str
    clerk: str
    day: str  # the day concerned, or "" for the period
    value: float  # the line's rate or share
    peers: float  # the peers' median (or the expected share)
    text_id: str
    text_en: str
    rows: tuple[tuple[str, str], ...]  # query of /console/integrity/rows

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_id


def pct(x: float) -> str:
    return f"{round(100 * x)}%"


def binom_tail(k: int, n: int, p: float, upper: bool) -> float:
    """P(X ≥ k) if upper else P(X ≤ k) for X ~ Binomial(n, p), summed in log space."""
    if n == 0:
        return 1.0
    p = min(max(p, 1e-9), 1 - 1e-9)
    ks = range(k, n + 1) if upper else range(0, k + 1)
    lp, lq, lg = math.log(p), math.log1p(-p), math.lgamma(n + 1)
    terms = [lg - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq for i in ks]
    if not terms:
        return 0.0
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


@dataclass(frozen=True)
class Line:
    mpp: str
    counter: str
    agency: str
    service: str
    visits: int
    agreed: int
    declined: int
    not_asked: int

    @property
    def asked(self) -> int:
        return self.agreed + self.declined


def robust(values: list[float]) -> tuple[float, float]:
    """Median and scale (1.4826·MAD, floored)."""
    m = median(values)
    mad = median([abs(v - m) for v in values])
    return m, max(1.4826 * mad, MIN_SCALE)


def _rows_query(line: Line, f: Filters, **extra: str) -> tuple[tuple[str, str], ...]:
    q = [
        ("mpp", line.mpp),
        ("counter", line.counter),
        ("agency", line.agency),
        ("service", line.service),
    ]
    if f.date_from:
        q.append(("from", f.date_from.isoformat()))
    if f.date_to:
        q.append(("to", f.date_to.isoformat()))
    return tuple(q + list(extra.items()))


def _flag(
    kind: str,
    line: Line,
    value: float,
    peers: float,
    texts: tuple[str, str],
    rows: tuple[tuple[str, str], ...],
    clerk: str = "",
    day: str = "",
) -> Flag:
    return Flag(
        kind,
        line.mpp,
        line.counter,
        line.agency,
        line.service,
        clerk,
        day,
        value,
        peers,
        texts[0],
        texts[1],
        rows,
    )


def line_flags(lines: list[Line], f: Filters) -> list[Flag]:
    """Asked rate far below, consent rate far above, only consents: against peers."""
    groups: dict[tuple[str, str], list[Line]] = defaultdict(list)
    for ln in lines:
        groups[(ln.agency, ln.service)].append(ln)
    out: list[Flag] = []
    for group in groups.values():
        judged = [ln for ln in group if ln.visits >= MIN_VISITS]
        if len(judged) >= MIN_PEERS:
            out += _asked_low(judged, f) + _only_consents(judged, f)
        by_asked = [ln for ln in judged if ln.asked >= MIN_ASKED]
        if len(by_asked) >= MIN_PEERS:
            out += _consent_high(by_asked, f)
    return out


def _who(ln: Line) -> tuple[str, str]:
    return (
        f"{ln.counter} (MPP {ln.mpp}, {ln.agency} / {ln.service})",
        f"{ln.counter} (MPP {ln.mpp}, {ln.agency} / {ln.service})",
    )


def _asked_low(judged: list[Line], f: Filters) -> list[Flag]:
    m, s = robust([ln.asked / ln.visits for ln in judged])
    out = []
    for ln in judged:
        r = ln.asked / ln.visits
        if (m - r) / s >= Z and m - r >= GAP and binom_tail(ln.asked, ln.visits, m, False) < P_MAX:
            wi, we = _who(ln)
            out.append(
                _flag(
                    "asked_low",
                    ln,
                    r,
                    m,
                    (
                        f"{wi} menanyakan {pct(r)} pengunjung ({ln.asked} dari {ln.visits}), "
                        f"sedangkan loket lain untuk layanan yang sama rata-rata {pct(m)} "
                        f"(median {len(judged)} loket).",
                        f"{we} asked {pct(r)} of visitors ({ln.asked} of {ln.visits}), while other "
                        f"counters for the same service averaged {pct(m)} "
                        f"(median of {len(judged)} counters).",
                    ),
                    _rows_query(ln, f, outcome="not_asked"),
                )
            )
    return out


def _consent_high(judged: list[Line], f: Filters) -> list[Flag]:
    m, s = robust([ln.agreed / ln.asked for ln in judged])
    out = []
    for ln in judged:
        r = ln.agreed / ln.asked
        if (r - m) / s >= Z and r - m >= GAP and binom_tail(ln.agreed, ln.asked, m, True) < P_MAX:
            wi, we = _who(ln)
            out.append(
                _flag(
                    "consent_high",
                    ln,
                    r,
                    m,
                    (
                        f"Di {wi}, {pct(r)} pengunjung yang ditanya setuju ({ln.agreed} dari "
                        f"{ln.asked}), sedangkan loket lain untuk layanan yang sama rata-rata "
                        f"{pct(m)} (median {len(judged)} loket).",
                        f"At {we}, {pct(r)} of the visitors asked agreed ({ln.agreed} of "
                        f"{ln.asked}), while other counters for the same service averaged {pct(m)} "
                        f"(median of {len(judged)} counters).",
                    ),
                    _rows_query(ln, f, outcome="agreed"),
                )
            )
    return out


def _only_consents(judged: list[Line], f: Filters) -> list[Flag]:
    m = median([(ln.visits - ln.agreed) / ln.visits for ln in judged])
    out = []
    if m < ONLY_CONSENT_PEERS:
        return out
    for ln in judged:
        other = ln.visits - ln.agreed
        r = other / ln.visits
        if r <= ONLY_CONSENT_SHARE and binom_tail(other, ln.visits, m, False) < P_MAX:
            wi, we = _who(ln)
            out.append(
                _flag(
                    "only_consents",
                    ln,
                    r,
                    m,
                    (
                        f"{wi} hampir hanya mencatat kunjungan yang berakhir dengan persetujuan: "
                        f"{other} dari {ln.visits} kunjungan ditolak atau tidak ditanya "
                        f"({pct(r)}), "
                        f"sedangkan loket lain untuk layanan yang sama rata-rata {pct(m)}.",
                        f"{we} records almost only visits that end in a consent: {other} of "
                        f"{ln.visits} visits declined or not asked ({pct(r)}), while other "
                        "counters "
                        f"for the same service averaged {pct(m)}.",
                    ),
                    _rows_query(ln, f),
                )
            )
    return out


def lines(conn: Any, f: Filters) -> list[Line]:
    t = integrity_counts.c
    keys = [t.mpp, t.counter, t.agency, t.service]
    q = select(*keys, *(func.sum(t[c]) for c in ("visits", "agreed", "declined", "not_asked")))
    return [
        Line(*r[:4], *(int(x or 0) for x in r[4:]))
        for r in conn.execute(where(q, Filters(None, f.date_from, f.date_to)).group_by(*keys))
    ]
