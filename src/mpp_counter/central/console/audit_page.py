"""``/console/audit``: the audit trail for operators, newest first, 50 rows a page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import db
from . import audit, texts
from .auth import Viewer, console_of, require
from .render import add_nav, page

texts.register(
    {
        "audit_title": ("Jejak audit", "Audit trail"),
        "audit_at": ("Waktu (UTC)", "Time (UTC)"),
        "audit_actor": ("Pengguna", "User"),
        "audit_role": ("Peran", "Role"),
        "audit_action": ("Tindakan", "Action"),
        "audit_target": ("Sasaran", "Target"),
        "audit_detail": ("Rincian", "Detail"),
        "audit_ip": ("Alamat IP", "IP address"),
        "audit_empty": ("Belum ada catatan.", "No entries yet."),
        "audit_older": ("Lebih lama →", "Older →"),
        "audit_newest": ("← Terbaru", "← Newest"),
    }
)
add_nav("/console/audit", "nav_audit", ("operator",), order=90)
router = APIRouter()
PAGE = 50


@router.get("/audit")
async def audit_trail(
    request: Request, viewer: Annotated[Viewer, Depends(require("operator"))]
) -> Response:
    raw = request.query_params.get("before", "")
    before = int(raw) if raw.isdigit() and len(raw) < 12 else None

    def read() -> list:
        with db.reading(console_of(request).engine) as conn:
            return audit.page_of(conn, before, PAGE)

    rows = await run_in_threadpool(read)
    older = rows[-1].id if len(rows) == PAGE else None
    return page(
        request,
        viewer,
        "console/audit.html",
        "audit_title",
        rows=rows,
        older=older,
        newer=before is not None,
    )
