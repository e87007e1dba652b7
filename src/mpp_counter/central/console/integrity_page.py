"""``/console/integrity``: the sampling-integrity report, its flags and charts, the
rows behind a flag, and the same report as CSV.

Operators see every MPP (the national view lists MPPs; choosing one shows its agencies,
counters, clerks, days and charts); an MPP administrator sees only their own MPP and
gets 403 for another. Garbage in the query string is a 400 page saying what to fix.
Everything is read from the integrity counts (integrity/), except the rows page, which
pages through that MPP's visits by keyset; no page ever shows a number.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...domain.records import NOT_ASKED_REASONS
from .. import db
from ..integrity import charts, output, report, rows, service
from ..pages import PAGE_HEADERS
from . import texts
from .auth import Refused, Viewer, console_of, require
from .integrity_texts import TEXTS
from .render import add_nav, page

texts.register(TEXTS)
add_nav("/console/integrity", "nav_integrity", ("operator", "mpp-admin"), order=20)
router = APIRouter()
ROLES = ("operator", "mpp-admin")
MPP_PAGE = 100  # MPPs a page in the national view
_FILTER_KEYS = ("mpp", "from", "to")


def _filters(viewer: Viewer, params: Any) -> report.Filters:
    """The filters asked for, narrowed to what this viewer may see."""
    f = report.parse_filters(params.get("mpp"), params.get("from"), params.get("to"))
    if viewer.scope_mpp is not None:
        if f.mpp is None:
            return replace(f, mpp=viewer.scope_mpp)
        if f.mpp != viewer.scope_mpp:
            raise Refused(403, "err_other_mpp", viewer)
    return f


def _bad(request: Request, viewer: Viewer, exc: report.BadQuery) -> Response:
    message = texts.t(viewer.lang, exc.key, **exc.args_map)
    return page(
        request, viewer, "console/integrity_message.html", "iq_title_bad", 400, message=message
    )


def _query(f: report.Filters, **extra: str) -> str:
    pairs = {
        "mpp": f.mpp or "",
        "from": f.date_from.isoformat() if f.date_from else "",
        "to": f.date_to.isoformat() if f.date_to else "",
        **extra,
    }
    return urlencode({k: v for k, v in pairs.items() if v})


def _view(request: Request, viewer: Viewer) -> dict[str, Any]:
    f = _filters(viewer, request.query_params)
    levels = ("mpp",) if f.mpp is None else report.LEVELS
    res = service.run(console_of(request).engine, f, levels)
    ctx: dict[str, Any] = {
        "f": f,
        "res": res,
        "reasons": NOT_ASKED_REASONS,
        "pct": charts.pct,
        "csv_url": "/console/integrity/report.csv?" + _query(f),
        "rows_url": lambda flag: "/console/integrity/rows?" + urlencode(flag.rows),
        "mpp_url": lambda mpp: "/console/integrity?" + _query(replace(f, mpp=mpp)),
        "cache_s": int(service.CACHE_SECONDS),
        "rate_chart": None,
        "hour_chart": None,
        "mpp_rows": [],
        "mpp_next_url": None,
        "mpp_first_url": None,
    }
    if f.mpp is None:
        ctx.update(_mpp_page(request, f, res.report.level("mpp")))
    else:
        mine = [ln for ln in res.baseline.lines if ln.mpp == f.mpp]
        flagged = {(x.counter, x.agency, x.service) for x in res.flags}
        ctx["rate_chart"] = charts.rate_chart(
            mine, res.baseline.asked_median, res.baseline.consent_median, flagged
        )
        ctx["hour_chart"] = charts.hour_chart(res.report.hours)
    return ctx


def _mpp_page(request: Request, f: report.Filters, mpps: list[report.Row]) -> dict[str, Any]:
    """The national table of MPPs, MPP_PAGE at a time, by code (``after_mpp=``)."""
    after = request.query_params.get("after_mpp") or None
    if after is not None:
        report.parse_filters(after, None, None)  # the same check as an MPP code
    shown = [r for r in mpps if after is None or r.key[0] > after]
    more = len(shown) > MPP_PAGE
    shown = shown[:MPP_PAGE]
    return {
        "mpp_rows": shown,
        "mpp_next_url": "?" + _query(f, after_mpp=shown[-1].key[0]) if more else None,
        "mpp_first_url": "?" + _query(f) if after else None,
    }


@router.get("/integrity")
async def integrity(
    request: Request, viewer: Annotated[Viewer, Depends(require(*ROLES))]
) -> Response:
    try:
        ctx = await run_in_threadpool(_view, request, viewer)
    except report.BadQuery as exc:
        return _bad(request, viewer, exc)
    return page(request, viewer, "console/integrity.html", "iq_title", **ctx)


@router.get("/integrity/report.csv")
async def integrity_csv(
    request: Request, viewer: Annotated[Viewer, Depends(require(*ROLES))]
) -> Response:
    def make() -> str:
        f = _filters(viewer, request.query_params)
        return output.to_csv(service.run(console_of(request).engine, f))

    try:
        body = await run_in_threadpool(make)
    except report.BadQuery as exc:
        return _bad(request, viewer, exc)
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            **PAGE_HEADERS,
            "Content-Disposition": 'attachment; filename="integrity.csv"',
        },
    )


@router.get("/integrity/rows")
async def integrity_rows(
    request: Request, viewer: Annotated[Viewer, Depends(require(*ROLES))]
) -> Response:
    def read() -> dict[str, Any]:
        params = dict(request.query_params)
        f = _filters(viewer, params)  # 403 for another MPP's rows
        q = rows.parse_rows_query({**params, "mpp": f.mpp or ""})
        with db.reading(console_of(request).engine) as conn:
            report.check_mpp(conn, f)
            got, nxt = rows.page(conn, q)
        keep = {k: v for k, v in params.items() if k not in ("after",)}
        return {
            "rows": got,
            "q": q,
            "next_url": None if nxt is None else "?" + urlencode({**keep, "after": nxt}),
            "first_url": "?" + urlencode(keep) if q.after is not None else None,
            "back_url": "/console/integrity?" + _query(f),
        }

    try:
        ctx = await run_in_threadpool(read)
    except report.BadQuery as exc:
        return _bad(request, viewer, exc)
    return page(request, viewer, "console/integrity_rows.html", "iq_rows_title", **ctx)
