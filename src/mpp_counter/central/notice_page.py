"""``GET /notice/<campaign>``: the full privacy notice, the page behind the counter
poster's QR. Public (no secret in the address), Indonesian, the same words as the poster
(``domain.notice``). A campaign unknown here is a 404; the campaign shipped with the
program is known even before the central has created it, as counters print it already.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ..domain.catalog import Campaign
from ..domain.notice import build_notice
from . import campaigns
from .html_page import Page, message, render
from .pages import page_response


def find_campaign(engine: Engine, campaign_id: str) -> Campaign | None:
    with engine.connect() as conn:
        found = campaigns.load(conn, campaign_id)
    if found is None:
        shipped = campaigns.default_campaign()
        found = shipped if shipped.id == campaign_id else None
    return found


def notice_page(campaign: Campaign) -> Page:
    notice = build_notice(campaign, slips_have_qr=True)
    sections = "\n".join(
        f'<section class="card"><h2>{escape(s.heading)}</h2><p>{escape(s.text)}</p></section>'
        for s in notice.sections
    )
    return render(
        f"{notice.title} - {notice.campaign_name}",
        "notice.html",
        markup={"sections": sections},
        heading=notice.title,
        campaign=notice.campaign_name,
        law=notice.law,
        sender_name=notice.official_sender_name,
        sender_number=notice.official_sender_number,
        warning=notice.warning,
        version=notice.version,
    )


def add_notice_routes(app: FastAPI, engine: Engine) -> None:
    @app.get("/notice/{campaign}")
    async def notice(campaign: str) -> Response:
        found = await run_in_threadpool(find_campaign, engine, campaign[:64])
        if found is None:
            return page_response(
                message(
                    404,
                    "Pemberitahuan tidak ditemukan",
                    "Survei ini tidak dikenal. Periksa kembali kode QR pada poster di loket.",
                )
            )
        return page_response(notice_page(found))
