"""The routes of the page behind the slip's QR code (``/r/…``): the consent as a page and
as JSON, the confirmation, the withdrawal. What the pages say is receipts.py (and
consent_receipt.py for the JSON); this module
is their HTTP side: rate limiting per client, security headers and CSP, the form's CSRF
key, and refusing a cross-site POST."""

from __future__ import annotations

import base64
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from . import consent_receipt, db, receipts
from .html_page import Page, message
from .httpkit import HttpError, client_address, read_body
from .limits import SharedRateLimiter

CSRF_KEY = "csrf_key"
# same-origin, not no-referrer: under no-referrer a browser sends ``Origin: null`` with
# the page's own withdraw form, which cross_site() must then refuse. The address (with its
# secret) still never leaves this origin.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex",
}


def page_response(page: Page) -> Response:
    csp = (
        f"default-src 'none'; style-src 'nonce-{page.nonce}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return Response(
        page.html,
        status_code=page.status,
        media_type="text/html; charset=utf-8",
        headers={**PAGE_HEADERS, "Content-Security-Policy": csp},
    )


def ensure_csrf_key(engine: Engine) -> bytes:
    with engine.begin() as conn:
        value = db.get_setting(conn, CSRF_KEY)
        if value is None:
            value = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
            db.put_setting(conn, CSRF_KEY, value)
    return base64.b64decode(value)


def cross_site(request: Request) -> bool:
    """A browser tells where a POST comes from; anything but this very origin is refused.
    Sec-Fetch-Site, where the browser sends it, decides; else the Origin must be ours."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc != request.headers.get("host", "")


def too_many() -> Response:
    page = message(
        429,
        "Terlalu banyak permintaan",
        "Terlalu banyak permintaan dari alamat Anda. Tunggu satu menit, lalu coba lagi.",
    )
    resp = page_response(page)
    resp.headers["Retry-After"] = "60"
    return resp


def add_receipt_routes(app: FastAPI, engine: Engine, limiter: SharedRateLimiter) -> None:
    csrf_key = ensure_csrf_key(engine)

    async def lookup(request: Request, receipt: str, secret: str) -> Any:
        if not await run_in_threadpool(limiter.allow, client_address(request)):
            raise HttpError(429, "Too many requests; wait a minute.", {"Retry-After": "60"})
        return await run_in_threadpool(receipts.find, engine, receipt, secret)

    async def page_lookup(request: Request, receipt: str, secret: str) -> Any:
        """The consent behind a page's URL, or the page to answer instead (429, 404)."""
        try:
            consent = await lookup(request, receipt, secret)
        except HttpError:
            return too_many()
        return consent if consent is not None else page_response(receipts.not_found())

    def base_of(consent: Any, secret: str) -> str:
        return f"/r/{consent.receipt}/{secret.lower()}"

    @app.get("/r/{receipt}/{secret}.json")
    async def receipt_json(request: Request, receipt: str, secret: str) -> Response:
        consent = await lookup(request, receipt, secret)
        if consent is None:
            return JSONResponse(
                {"error": "Unknown receipt."}, status_code=404, headers=PAGE_HEADERS
            )
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return JSONResponse(consent_receipt.consent_receipt(ctx), headers=PAGE_HEADERS)

    @app.get("/r/{receipt}/{secret}")
    async def receipt_page(request: Request, receipt: str, secret: str) -> Response:
        consent = await page_lookup(request, receipt, secret)
        if isinstance(consent, Response):
            return consent
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return page_response(receipts.receipt_page(ctx, base_of(consent, secret)))

    @app.get("/r/{receipt}/{secret}/withdraw")
    async def confirm(request: Request, receipt: str, secret: str) -> Response:
        consent = await page_lookup(request, receipt, secret)
        if isinstance(consent, Response):
            return consent
        base = base_of(consent, secret)
        if consent.withdrawn_at is not None:
            return RedirectResponse(base, status_code=303, headers=PAGE_HEADERS)
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return page_response(receipts.confirm_page(ctx, base, csrf_key))

    @app.post("/r/{receipt}/{secret}/withdraw")
    async def withdraw(request: Request, receipt: str, secret: str) -> Response:
        consent = await page_lookup(request, receipt, secret)
        if isinstance(consent, Response):
            return consent
        form = parse_qs((await read_body(request, 4096)).decode("utf-8", "replace"))
        token = (form.get("csrf") or [None])[0]
        if cross_site(request) or not receipts.csrf_ok(csrf_key, consent.id, token):
            return page_response(
                message(
                    403,
                    "Permintaan ditolak",
                    "Formulir ini sudah kedaluwarsa atau tidak berasal "
                    "dari halaman ini. Buka kembali kode QR pada struk Anda dan coba lagi.",
                )
            )
        await run_in_threadpool(receipts.withdraw, engine, consent)
        return RedirectResponse(base_of(consent, secret), status_code=303, headers=PAGE_HEADERS)
