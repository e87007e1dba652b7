"""``/console/handoffs``: the survey hand-off for the survey team (operators read only).

The survey team previews stratum sizes for a set of strata and quotas, prepares a draw
(recorded, versioned, audited; no number is opened: that happens on its own machine),
follows each hand-off's state and downloads the suppression list. An operator sees the
same pages without the form; an MPP administrator gets 403.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...domain.errors import MppError
from .. import db, processing
from ..handoff import prepare as ho
from ..handoff import records, suppression
from ..handoff import spec as ho_spec
from ..handoff.texts import error_text
from ..httpkit import client_address
from ..pages import PAGE_HEADERS
from . import audit
from .auth import Refused, Viewer, console_of, require, require_post
from .render import add_nav, page

add_nav("/console/handoffs", "nav_handoffs", ("survey", "operator"), order=40)
router = APIRouter()
SEE, PREPARE = ("survey", "operator"), ("survey",)
FIELDS = ("campaign", "period", "quota", "quota_file", "seed", "k", "agreement", "recipient")


def _campaigns(conn: Any) -> list[str]:
    rows = conn.execute(db.campaigns.select().order_by(db.campaigns.c.created_at.desc()))
    return [r.id for r in rows]


def _view(request: Request, campaign: str | None, form: dict[str, str]) -> dict[str, Any]:
    """Everything the page shows; ``form`` is what the viewer typed (kept on errors)."""
    with db.reading(console_of(request).engine) as conn:
        ids = _campaigns(conn)
        chosen = campaign if campaign in ids else (ids[0] if ids else None)
        return {
            "campaigns": ids,
            "campaign": chosen,
            "handoffs": ho.listed(conn, chosen) if chosen else [],
            "agreements": processing.list_agreements(conn),
            "form": {
                **dict.fromkeys(FIELDS, ""),
                "strata": "agency,mpp,period",
                "period": "month",
                "k": "3",
                **form,
            },
            "sizes": None,
            "error": None,
            "prepared": None,
        }


def _render(request: Request, viewer: Viewer, view: dict[str, Any], status: int = 200) -> Response:
    return page(request, viewer, "console/handoffs.html", "ho_title", status, **view)


def _spec(form: dict[str, str]) -> ho_spec.DrawSpec:
    strata = ",".join(d for d in ho_spec.DIMENSIONS if form.get("by_" + d))
    quota_file = form.get("quota_file", "").strip()
    return ho_spec.build(
        form.get("campaign", ""),
        strata=strata,
        period=form.get("period"),
        quota=form.get("quota"),
        quota_file=quota_file.encode("utf-8") if quota_file else None,
        seed=form.get("seed"),
        k=form.get("k", ""),
        agreement=form.get("agreement"),
        recipient=form.get("recipient"),
    )


def _typed(form: dict[str, str]) -> dict[str, str]:
    kept = {k: form.get(k, "")[:2000] for k in FIELDS}
    kept["strata"] = ",".join(d for d in ho_spec.DIMENSIONS if form.get("by_" + d))
    return kept


@router.get("/handoffs")
async def handoffs_page(
    request: Request, viewer: Annotated[Viewer, Depends(require(*SEE))]
) -> Response:
    view = await run_in_threadpool(_view, request, request.query_params.get("campaign"), {})
    return _render(request, viewer, view)


@router.post("/handoffs/preview")
async def preview(
    request: Request, viewer: Annotated[Viewer, Depends(require_post(*PREPARE))]
) -> Response:
    form = getattr(request.state, "console_form", {})

    def work() -> tuple[dict[str, Any], int]:
        view = _view(request, form.get("campaign"), _typed(form))
        try:
            spec = _spec(form)
            with db.reading(console_of(request).engine) as conn:
                ho.campaign_row(conn, spec.campaign_id)
                records.recipient_under(conn, spec.agreement_id, spec.recipient)
                view["sizes"] = ho.sizes(conn, spec.campaign_id, spec.strata, spec.quotas)
        except MppError as exc:
            view["error"] = error_text(viewer.lang, exc)
            return view, 400
        return view, 200

    view, status = await run_in_threadpool(work)
    return _render(request, viewer, view, status)


@router.post("/handoffs/prepare")
async def prepare_draw(
    request: Request, viewer: Annotated[Viewer, Depends(require_post(*PREPARE))]
) -> Response:
    form = getattr(request.state, "console_form", {})
    ip = client_address(request)

    def also(conn: Any, h: ho.Handoff) -> None:
        target = f"{h.campaign_id} v{h.version}"
        audit.record(conn, viewer, "handoff-prepare", target, {"handoff": h.id}, ip=ip)

    def work() -> tuple[dict[str, Any] | None, int]:
        try:
            done = ho.prepare(
                console_of(request).engine, _spec(form), records.Who(viewer.username), also
            )
        except MppError as exc:
            view = _view(request, form.get("campaign"), _typed(form))
            view["error"] = error_text(viewer.lang, exc)
            return view, 400
        return None, done.handoff.id

    view, result = await run_in_threadpool(work)
    if view is not None:
        return _render(request, viewer, view, result)
    return RedirectResponse(
        f"/console/handoffs/{result}?prepared=1", status_code=303, headers=PAGE_HEADERS
    )


@router.get("/handoffs/suppression.csv")
async def suppression_csv(
    request: Request, viewer: Annotated[Viewer, Depends(require(*PREPARE))]
) -> Response:
    campaign = request.query_params.get("campaign", "")[:64]
    ip = client_address(request)

    def also(conn: Any, n: int) -> None:
        audit.record(conn, viewer, "handoff-suppression", campaign, {"rows": n}, ip=ip)

    def work() -> str:
        try:
            return suppression.fetch(
                console_of(request).engine, campaign, records.Who(viewer.username), also
            )
        except MppError as exc:
            raise Refused(404, "err_not_found", viewer) from exc

    body = await run_in_threadpool(work)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in campaign)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            **PAGE_HEADERS,
            "Content-Disposition": f'attachment; filename="suppression-{name}.csv"',
        },
    )


@router.get("/handoffs/{handoff_id}")
async def handoff_detail(
    request: Request, handoff_id: str, viewer: Annotated[Viewer, Depends(require(*SEE))]
) -> Response:
    if not handoff_id.isdigit() or len(handoff_id) > 9:
        raise Refused(404, "err_not_found", viewer)

    def work() -> tuple[ho.Handoff, list[ho.StratumSize]] | None:
        with db.reading(console_of(request).engine) as conn:
            try:
                h = ho.load(conn, int(handoff_id))
            except MppError:
                return None
            return h, ho.sizes_when_prepared(h)

    found = await run_in_threadpool(work)
    if found is None:
        raise Refused(404, "err_not_found", viewer)
    h, sizes = found
    return page(
        request,
        viewer,
        "console/handoff.html",
        "ho_detail_h",
        h=h,
        sizes=sizes,
        prepared=request.query_params.get("prepared") == "1",
    )
