"""The report as JSON, CSV and plain text: one shape for the CLI and the console."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

from ...domain.records import NOT_ASKED_REASONS
from ..export import cell
from .report import Row
from .service import Result

CSV_HEADER = (
    "level",
    "mpp",
    "agency",
    "counter",
    "clerk",
    "day",
    "visits",
    "asked",
    "agreed",
    "declined",
    "not_asked",
    "asked_rate",
    "consent_rate",
    *(f"not_asked_{r}" for r in NOT_ASKED_REASONS),
)


def rate(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def row_dict(r: Row) -> dict[str, Any]:
    c = r.counts
    return {
        "level": r.level,
        **{k: r.field(k) for k in ("mpp", "agency", "counter", "clerk")},
        "day": r.day,
        "visits": c.visits,
        "asked": c.asked,
        "agreed": c.agreed,
        "declined": c.declined,
        "not_asked": c.not_asked,
        "asked_rate": c.asked_rate,
        "consent_rate": c.consent_rate,
        "not_asked_reasons": dict(zip(NOT_ASKED_REASONS, c.reasons, strict=True)),
    }


def to_json(res: Result) -> dict[str, Any]:
    f = res.report.filters
    return {
        "filters": {
            "mpp": f.mpp,
            "from": f.date_from.isoformat() if f.date_from else None,
            "to": f.date_to.isoformat() if f.date_to else None,
        },
        "rows": [row_dict(r) for r in res.report.rows],
        "flags": [{**asdict(x), "rows": dict(x.rows)} for x in res.flags],
    }


def to_csv(res: Result) -> str:
    """Every row of the report; texts a counter sent made inert for a spreadsheet."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for r in res.report.rows:
        d = row_dict(r)
        w.writerow(
            [
                *(cell(str(d[k])) for k in ("level", "mpp", "agency", "counter", "clerk", "day")),
                *(d[k] for k in ("visits", "asked", "agreed", "declined", "not_asked")),
                rate(d["asked_rate"]),
                rate(d["consent_rate"]),
                *r.counts.reasons,
            ]
        )
    return out.getvalue()


def to_text(res: Result) -> str:
    lines = ["mpp\tvisits\tasked_rate\tconsent_rate\tdeclined\tnot_asked"]
    for r in res.report.level("mpp"):
        c = r.counts
        lines.append(
            f"{r.key[0]}\t{c.visits}\t{rate(c.asked_rate)}\t{rate(c.consent_rate)}\t"
            f"{c.declined}\t{c.not_asked}"
        )
    lines.append(f"{len(res.flags)} flags")
    lines += [f"FLAG {x.kind}: {x.text_en}" for x in res.flags]
    return "\n".join(lines)
