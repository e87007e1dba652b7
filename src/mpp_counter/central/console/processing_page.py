"""``/console/processing``: the record of processing (UU PDP Pasal 31) and the
data-sharing agreements it cites.

Operators see every entry and may enter an agreement; the survey team sees the
hand-offs only (exports and the hand-off's own entries). Filters by campaign, action
and UTC date; the same rows as CSV. An agreement entered here is recorded in the record
of processing and audited in the one transaction that stores it.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...domain.errors import MppError
from .. import db, processing, processing_report
from ..httpkit import client_address
from ..pages import PAGE_HEADERS
from . import audit, texts
from .auth import Viewer, audit_now, console_of, read_form, require, require_post
from .processing_texts import ACTION_TEXTS, TEXTS, action_key, error_text
from .render import add_nav, page

texts.register(TEXTS)
add_nav("/console/processing", "nav_processing", ("operator", "survey"), order=60)
router = APIRouter()
VIEW = ("operator", "survey")
AGREEMENT_FIELDS = ("parties", "signed_on", "purpose", "reference")
SHOWN = 500  # rows on the page; the CSV has them all


def _filters(request: Request, lang: str) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """The query's filters (checked), the values to show back, and a refusal if any."""
    q = request.query_params
    shown = {k: q.get(k, "")[:64] for k in ("campaign", "action", "since", "until")}
    args: dict[str, Any] = {
        "campaign_id": shown["campaign"].strip() or None,
        "action": shown["action"].strip() or None,
    }
    error = None
    for key, what in (("since", "start date"), ("until", "end date")):
        if shown[key].strip():
            try:
                args[key] = processing.parse_date(shown[key], what)
            except MppError as exc:
                error = error_text(lang, exc)
    if error is None and args.get("since") and args.get("until") and args["since"] > args["until"]:
        error = texts.t(lang, "proc_err_range")
    if error is not None:
        args.pop("since", None), args.pop("until", None)
    return args, shown, error


def _read(request: Request, viewer: Viewer, args: dict[str, Any], limit: int) -> Any:
    with db.reading(console_of(request).engine) as conn:
        rows = processing_report.list_records(
            conn, handoffs_only=viewer.role != "operator", limit=limit, **args
        )
        return rows, processing.list_agreements(conn)


async def _page(
    request: Request,
    viewer: Viewer,
    status: int = 200,
    form_error: str | None = None,
    form: dict[str, str] | None = None,
    added: int | None = None,
) -> Response:
    args, shown, filter_error = _filters(request, viewer.lang)
    rows, agreements = await run_in_threadpool(_read, request, viewer, args, SHOWN + 1)
    csv_query = urlencode({k: v for k, v in shown.items() if v and not filter_error})
    return page(
        request,
        viewer,
        "console/processing.html",
        "proc_title",
        status,
        rows=rows[:SHOWN],
        more=len(rows) > SHOWN,
        agreements=agreements,
        filters=shown,
        filter_error=filter_error,
        csv_url="/console/processing.csv" + (f"?{csv_query}" if csv_query else ""),
        actions=processing.ACTIONS,
        action_key=action_key,
        action_labels={a: texts.t(viewer.lang, "act_" + a) for a in ACTION_TEXTS},
        form_error=form_error,
        form=form or dict.fromkeys(AGREEMENT_FIELDS, ""),
        added=added,
    )


@router.get("/processing")
async def record_of_processing(
    request: Request, viewer: Annotated[Viewer, Depends(require(*VIEW))]
) -> Response:
    raw = request.query_params.get("added", "")
    added = int(raw) if raw.isdigit() and len(raw) < 10 else None
    _, _, error = _filters(request, viewer.lang)
    return await _page(request, viewer, 400 if error else 200, added=added)


@router.get("/processing.csv")
async def record_csv(
    request: Request, viewer: Annotated[Viewer, Depends(require(*VIEW))]
) -> Response:
    args, _, error = _filters(request, viewer.lang)
    if error is not None:
        return await _page(request, viewer, 400)
    rows, _ = await run_in_threadpool(_read, request, viewer, args, 1_000_000)
    await run_in_threadpool(
        audit_now, request, viewer, "processing-csv", target=str(args.get("campaign_id") or "")
    )
    return Response(
        processing_report.records_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={
            **PAGE_HEADERS,
            "Content-Disposition": 'attachment; filename="record-of-processing.csv"',
        },
    )


@router.post("/processing/agreements")
async def add_agreement(
    request: Request, viewer: Annotated[Viewer, Depends(require_post("operator"))]
) -> Response:
    form = await read_form(request)
    fields = {k: form.get(k, "") for k in AGREEMENT_FIELDS}
    ip = client_address(request)

    def run() -> int:
        with console_of(request).engine.begin() as conn:
            a = processing.add_agreement(conn, **fields, by=processing.By(viewer.username))
            audit.record(conn, viewer, "agreement-add", target=str(a.id), ip=ip)
            return a.id

    try:
        new_id = await run_in_threadpool(run)
    except MppError as exc:
        shown = {k: v[:2000] for k, v in fields.items()}
        return await _page(request, viewer, 400, error_text(viewer.lang, exc), shown)
    return RedirectResponse(
        f"/console/processing?added={new_id}#agreements", status_code=303, headers=PAGE_HEADERS
    )
