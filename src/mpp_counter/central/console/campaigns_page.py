"""``/console/campaigns``: the survey campaigns, their notice, sender, retention and key;
creating one from a public key and closing one (operator).

The private key never reaches the server: the survey team runs ``mpp-central campaign
keygen`` on its own machine and pastes only the public half here. The form is checked
first and the key's fingerprint shown back, so the operator compares it with what keygen
printed before anything is stored. Every change goes through campaigns.py, which writes
the record of processing; the console's audit row is written in the same transaction.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...domain.errors import MppError
from ...domain.key_fingerprint import fingerprint
from .. import campaign_info, campaigns, db, processing
from ..httpkit import client_address
from ..pages import PAGE_HEADERS
from . import audit, texts
from .auth import Refused, Viewer, console_of, read_form, require, require_post
from .campaigns_texts import ERRORS, KEY_CHANGED, TEXTS
from .render import add_nav, page

texts.register(TEXTS)
add_nav("/console/campaigns", "nav_campaigns", ("operator", "survey"), order=55)
router = APIRouter()
VIEW = ("operator", "survey")
FIELDS = ("id", "name", "public_key", "verify_base_url")


def error_text(lang: str, exc: MppError) -> str:
    """A refusal in the viewer's language (the English message if it is not catalogued)."""
    key = ERRORS.get(exc.msgid)
    return texts.t(lang, key, **exc.args_map) if key else exc.message


def _by(request: Request, viewer: Viewer, action: str, target: str) -> processing.By:
    ip = client_address(request)

    def also(conn: Any) -> None:
        audit.record(conn, viewer, action, target=target, ip=ip)

    return processing.By(viewer.username, also=also)


def _list(request: Request) -> list[campaign_info.CampaignInfo]:
    with db.reading(console_of(request).engine) as conn:
        return campaign_info.all_campaigns(conn)


async def _list_page(
    request: Request, viewer: Viewer, status: int = 200, error: str | None = None, **form: str
) -> Response:
    rows = await run_in_threadpool(_list, request)
    values = {k: form.get(k, "")[:500] for k in FIELDS}  # a 10 kB paste is not echoed whole
    return page(
        request,
        viewer,
        "console/campaigns.html",
        "camp_title",
        status,
        rows=rows,
        error=error,
        form=values,
    )


@router.get("/campaigns")
async def campaign_list(
    request: Request, viewer: Annotated[Viewer, Depends(require(*VIEW))]
) -> Response:
    return await _list_page(request, viewer)


def _fields(form: dict[str, str]) -> dict[str, str]:
    return {k: form.get(k, "") for k in FIELDS}


@router.post("/campaigns/check")
async def check(
    request: Request, viewer: Annotated[Viewer, Depends(require_post("operator"))]
) -> Response:
    f = _fields(await read_form(request))
    engine = console_of(request).engine
    try:
        c = await run_in_threadpool(
            campaigns.check_new,
            engine,
            f["id"],
            f["name"],
            f["public_key"],
            f["verify_base_url"].strip() or None,
        )
    except MppError as exc:
        return await _list_page(request, viewer, 400, error_text(viewer.lang, exc), **f)
    assert c.public_key is not None
    return page(
        request,
        viewer,
        "console/campaign_confirm.html",
        "camp_confirm_title",
        campaign=c,
        fingerprint=fingerprint(c.public_key),
        form=f,
    )


@router.post("/campaigns/create")
async def create(
    request: Request, viewer: Annotated[Viewer, Depends(require_post("operator"))]
) -> Response:
    form = await read_form(request)
    f = _fields(form)
    engine = console_of(request).engine

    def run() -> str:
        shown = form.get("fingerprint", "")
        checked = campaigns.check_new(
            engine, f["id"], f["name"], f["public_key"], f["verify_base_url"].strip() or None
        )
        assert checked.public_key is not None
        if fingerprint(checked.public_key) != shown:
            raise MppError(KEY_CHANGED)
        c = campaigns.create_from_public_key(
            engine,
            f["id"],
            f["name"],
            f["public_key"],
            f["verify_base_url"].strip() or None,
            _by(request, viewer, "campaign-create", f["id"]),
        )
        return c.id

    try:
        cid = await run_in_threadpool(run)
    except MppError as exc:
        return await _list_page(request, viewer, 400, error_text(viewer.lang, exc), **f)
    return RedirectResponse(
        f"/console/campaigns/{quote(cid, safe='')}?done=created",
        status_code=303,
        headers=PAGE_HEADERS,
    )


def _detail(request: Request, cid: str) -> tuple[Any, list[Any]]:
    with db.reading(console_of(request).engine) as conn:
        info = campaign_info.one(conn, cid[:64])
        versions = campaign_info.notice_versions(conn, info) if info else []
    return info, versions


@router.get("/campaigns/{cid}")
async def detail(
    request: Request, cid: str, viewer: Annotated[Viewer, Depends(require(*VIEW))]
) -> Response:
    info, versions = await run_in_threadpool(_detail, request, cid)
    if info is None:
        raise Refused(404, "err_not_found", viewer)
    done = request.query_params.get("done")
    return page(
        request,
        viewer,
        "console/campaign.html",
        "camp_detail_title",
        c=info,
        versions=versions,
        done={"created": "camp_created_ok", "closed": "camp_closed_ok"}.get(done or ""),
    )


@router.get("/campaigns/{cid}/close")
async def close_form(
    request: Request, cid: str, viewer: Annotated[Viewer, Depends(require("operator"))]
) -> Response:
    info, _ = await run_in_threadpool(_detail, request, cid)
    if info is None:
        raise Refused(404, "err_not_found", viewer)
    return page(request, viewer, "console/campaign_close.html", "camp_close", c=info, error=None)


@router.post("/campaigns/{cid}/close")
async def close(
    request: Request, cid: str, viewer: Annotated[Viewer, Depends(require_post("operator"))]
) -> Response:
    engine = console_of(request).engine
    cid = cid[:64]
    try:
        await run_in_threadpool(
            campaigns.close, engine, cid, _by(request, viewer, "campaign-close", cid)
        )
    except MppError as exc:
        info, _ = await run_in_threadpool(_detail, request, cid)
        if info is None:
            raise Refused(404, "err_not_found", viewer) from exc
        return page(
            request,
            viewer,
            "console/campaign_close.html",
            "camp_close",
            409,
            c=info,
            error=error_text(viewer.lang, exc),
        )
    return RedirectResponse(
        f"/console/campaigns/{quote(cid, safe='')}?done=closed",
        status_code=303,
        headers=PAGE_HEADERS,
    )
