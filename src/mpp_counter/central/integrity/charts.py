"""Geometry of the report's two charts; the template draws it as inline SVG with
presentation attributes only (the console's CSP allows no style attribute, no script).

Rates per line (a counter's service) against the peers' median for that service, and
the hour-of-day profile of visits and consents. Numbers only: every label is text the
template escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .flags import Line

WIDTH = 640
LABEL_W = 220
BAR_W = WIDTH - LABEL_W - 50
ROW_H = 34


@dataclass(frozen=True)
class RateRow:
    label: str
    y: int
    asked_w: int  # bar widths in px
    consent_w: int
    asked_peer_x: int | None  # x of the peers' median tick, when there is a peer group
    consent_peer_x: int | None
    asked: str  # "71%" or "–"
    consent: str
    flagged: bool


@dataclass(frozen=True)
class RateChart:
    height: int
    rows: tuple[RateRow, ...]
    x0: int = LABEL_W
    bar_w: int = BAR_W


def pct(x: float | None) -> str:
    return "–" if x is None else f"{round(100 * x)}%"


def rate_chart(
    lines: list[Line],
    asked_median: dict[tuple[str, str], float],
    consent_median: dict[tuple[str, str], float],
    flagged: set[tuple[str, str, str]],
) -> RateChart:
    rows = []
    for i, ln in enumerate(sorted(lines, key=lambda x: (x.counter, x.agency, x.service))):
        asked = ln.asked / ln.visits if ln.visits else None
        consent = ln.agreed / ln.asked if ln.asked else None
        group = (ln.agency, ln.service)
        am, cm = asked_median.get(group), consent_median.get(group)
        rows.append(
            RateRow(
                f"{ln.counter} · {ln.service}"[:40],
                i * ROW_H + 8,
                round(BAR_W * (asked or 0)),
                round(BAR_W * (consent or 0)),
                None if am is None else LABEL_W + round(BAR_W * am),
                None if cm is None else LABEL_W + round(BAR_W * cm),
                pct(asked),
                pct(consent),
                (ln.counter, ln.agency, ln.service) in flagged,
            )
        )
    return RateChart(len(rows) * ROW_H + 16, tuple(rows))


@dataclass(frozen=True)
class HourBar:
    hour: int
    x: int
    visits_h: int
    agreed_h: int
    visits: int
    agreed: int


@dataclass(frozen=True)
class HourChart:
    bars: tuple[HourBar, ...]
    top: int  # the largest hour's visits
    bar_w: int
    height: int = 180
    base: int = 150


def hour_chart(hours: tuple[tuple[int, int, int], ...]) -> HourChart:
    top = max((v for _, v, _ in hours), default=0) or 1
    slot = (WIDTH - 40) // 24
    bars = tuple(
        HourBar(h, 30 + h * slot, round(140 * v / top), round(140 * a / top), v, a)
        for h, v, a in hours
        if 0 <= h <= 23
    )
    return HourChart(bars, top, slot - 4)
