"""``/console/counters``: every enrolled device, enrolment codes, revocation.

Operators see every MPP (and may narrow to one); an MPP administrator sees, and issues
codes for, their own MPP only: another MPP's page or device is a 403. A code is shown
once, as text and as an inline SVG QR (no external request; the CSP allows none); the
audit names the MPP and counter it is for, never the code. Revoking asks first, then
is a CSRF-checked POST; the enrolment module does the work.
"""

from __future__ import annotations

from typing import Annotated, Any

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ...domain.errors import BadInput
from .. import db, enrolment
from ..httpkit import client_address
from ..pages import PAGE_HEADERS
from . import audit, devices_view, texts
from .auth import Refused, Viewer, console_of, read_form, require, require_post
from .counters_texts import TEXTS
from .render import add_nav, page

texts.register(TEXTS)
add_nav("/console/counters", "nav_counters", ("operator", "mpp-admin"), order=10)
router = APIRouter()
ROLES = ("operator", "mpp-admin")
Reader = Annotated[Viewer, Depends(require(*ROLES))]
Writer = Annotated[Viewer, Depends(require_post(*ROLES))]


def _scope(viewer: Viewer, wanted: str | None) -> str | None:
    """The MPP to list: an mpp-admin's own (asking for another is refused)."""
    if wanted and not viewer.may_see_mpp(wanted):
        raise Refused(403, "err_other_mpp", viewer)
    return viewer.scope_mpp or wanted or None


def _int(raw: str | None, default: int, lo: int, hi: int) -> int:
    if raw is None or not raw.isdigit() or len(raw) > 6:
        return default
    return max(lo, min(hi, int(raw)))


@router.get("/counters")
async def counters(request: Request, viewer: Reader) -> Response:
    q = request.query_params
    mpp = _scope(viewer, q.get("mpp"))
    silent_only = q.get("silent") == "1"
    page_no = _int(q.get("page"), 0, 0, 100000)
    ctx = console_of(request)

    def read() -> tuple[Any, ...]:
        with db.reading(ctx.engine) as conn:
            rows, total, silent = devices_view.devices(
                conn, mpp, ctx.now(), silent_only=silent_only, page=page_no
            )
            choices = devices_view.mpps(conn) if viewer.scope_mpp is None else []
        return rows, total, silent, choices

    rows, total, silent, choices = await run_in_threadpool(read)
    return page(
        request,
        viewer,
        "console/counters.html",
        "counters_title",
        rows=rows,
        total=total,
        silent=silent,
        mpp=mpp or "",
        mpps=choices,
        silent_only=silent_only,
        page_no=page_no,
        more=(page_no + 1) * devices_view.PAGE < total,
        local=devices_view.local,
        skew_text=devices_view.skew_text,
        done=q.get("done") if q.get("done") in ("revoked",) else None,
        form_mpp=viewer.scope_mpp or mpp or "",
        error=None,
    )


def qr_svg(text: str) -> Markup:
    """The QR as inline SVG markup (qrcode's own SVG path factory, no style attribute)."""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = img.to_string(encoding="unicode")
    return Markup(svg[svg.index("<svg") :])  # noqa: S704 - made here from our own code


@router.post("/counters/code")
async def issue_code(request: Request, viewer: Writer) -> Response:
    form = await read_form(request)
    mpp = form.get("mpp", "").strip()
    counter = form.get("counter", "").strip()
    if viewer.scope_mpp is not None and mpp != viewer.scope_mpp:
        raise Refused(403, "err_other_mpp", viewer)
    raw_days = form.get("days", "")
    days = int(raw_days) if raw_days.isdigit() and len(raw_days) <= 3 else 0
    engine = console_of(request).engine

    def issue() -> str:
        if not 1 <= days <= 365:
            raise BadInput("--days must be more than 0 and at most 365.")
        code = enrolment.new_code(engine, mpp, counter, float(days))
        with engine.begin() as conn:
            audit.record(
                conn,
                viewer,
                "enrol-code",
                f"{mpp} / {counter}",
                {"mpp": mpp, "counter": counter, "days": days},
                client_address(request),
            )
        return code

    try:
        code = await run_in_threadpool(issue)
    except BadInput:
        return page(
            request,
            viewer,
            "console/code.html",
            "code_title",
            400,
            error="code_bad_input",
            code=None,
            qr=None,
            mpp=mpp[:32],
            counter=counter[:64],
            days=days,
        )
    return page(
        request,
        viewer,
        "console/code.html",
        "code_title",
        error=None,
        code=code,
        qr=qr_svg(code),
        mpp=mpp,
        counter=counter,
        days=days,
    )


def _device_for(request: Request, viewer: Viewer, device_id: str) -> Any:
    with db.reading(console_of(request).engine) as conn:
        row = devices_view.device(conn, device_id)
    if row is None:
        raise Refused(404, "err_not_found", viewer)
    if not viewer.may_see_mpp(row.mpp):
        raise Refused(403, "err_other_mpp", viewer)
    return row


@router.get("/counters/{device_id}/revoke")
async def confirm_revoke(request: Request, device_id: str, viewer: Reader) -> Response:
    row = await run_in_threadpool(_device_for, request, viewer, device_id)
    return page(
        request,
        viewer,
        "console/revoke.html",
        "revoke_title",
        device=row,
        local=devices_view.local,
    )


@router.post("/counters/{device_id}/revoke")
async def revoke(request: Request, device_id: str, viewer: Writer) -> Response:
    row = await run_in_threadpool(_device_for, request, viewer, device_id)
    engine = console_of(request).engine

    def act() -> None:
        enrolment.revoke(engine, row.id)
        with engine.begin() as conn:
            audit.record(
                conn,
                viewer,
                "device-revoke",
                row.id,
                {"mpp": row.mpp, "counter": row.counter, "was_revoked": row.revoked_at is not None},
                client_address(request),
            )

    await run_in_threadpool(act)
    return RedirectResponse("/console/counters?done=revoked", status_code=303, headers=PAGE_HEADERS)
