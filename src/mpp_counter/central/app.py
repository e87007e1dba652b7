"""The HTTP face of the central: protocol v1 and the receipt page, one FastAPI app.

Bodies are read by hand rather than through FastAPI models: the contract is
protocol/openapi.yaml, parsing is protocol/messages.py (shared with the client), and
the limits (size, gzip, record count) must hold before any JSON is built. Database work
runs in the thread pool; a database error is a 503 with Retry-After, which the client
treats as "try again". The access log never shows a ``/r/`` address (it holds a secret)
nor a header.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import threading
import time
import zlib
from collections import deque
from collections.abc import Awaitable, Callable
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from ..domain.catalog import campaign_to_json
from ..domain.errors import BadInput, MppError
from ..protocol import messages as m
from . import campaigns, db, enrolment, ingest, receipts

log = logging.getLogger("mpp_central")
access = logging.getLogger("mpp_central.access")
CSRF_KEY = "csrf_key"


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class RateLimiter:
    """A sliding window per client address, per process (a proxy may add its own)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        t = time.monotonic()
        with self._lock:
            if len(self._hits) > 50_000:  # forget idle addresses, keep memory bounded
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > t - 60}
            q = self._hits.setdefault(key, deque())
            while q and q[0] <= t - 60:
                q.popleft()
            if len(q) >= self.per_minute:
                return False
            q.append(t)
            return True


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    import yaml

    text = resources.files("mpp_counter.protocol").joinpath("openapi.yaml").read_text("utf-8")
    return yaml.safe_load(text)


async def read_body(request: Request, limit: int = m.MAX_BODY_BYTES) -> bytes:
    """The body, gunzipped if so declared; 413 past the limit (before or after gzip)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, "The request body is too large.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, "The request body is too large.")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        raise HttpError(415, "Only gzip request bodies are supported.")
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise HttpError(400, "The gzip body is corrupt.") from exc
    if len(out) > limit:
        raise HttpError(413, "The request body is too large once decompressed.")
    if not d.eof:
        raise HttpError(400, "The gzip body is truncated.")
    return out


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HttpError(400, "The request body is not valid JSON.") from exc


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _redact(path: str) -> str:
    return "/r/…" if path.lower().startswith("/r/") else path[:100]


def _json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


# same-origin, not no-referrer: under no-referrer a browser sends ``Origin: null`` with
# the page's own withdraw form, which cross_site() must then refuse. The address (with its
# secret) still never leaves this origin.
_PAGE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin",
                 "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                 "X-Robots-Tag": "noindex"}


def page_response(page: receipts.Page) -> Response:
    csp = (f"default-src 'none'; style-src 'nonce-{page.nonce}'; form-action 'self'; "
           "frame-ancestors 'none'; base-uri 'none'")
    return Response(page.html, status_code=page.status, media_type="text/html; charset=utf-8",
                    headers={**_PAGE_HEADERS, "Content-Security-Policy": csp})


def ensure_csrf_key(engine: Engine) -> bytes:
    with engine.begin() as conn:
        value = db.get_setting(conn, CSRF_KEY)
        if value is None:
            value = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
            db.put_setting(conn, CSRF_KEY, value)
    return base64.b64decode(value)


def create_app(engine: Engine, receipt_rate: int = 30, enrol_rate: int = 30) -> FastAPI:
    app = FastAPI(title="mpp-counter central", docs_url=None, redoc_url=None,
                  openapi_url=None)
    csrf_key = ensure_csrf_key(engine)
    page_limiter, enrol_limiter = RateLimiter(receipt_rate), RateLimiter(enrol_rate)

    @app.middleware("http")
    async def errors_and_log(request: Request,
                             call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except HttpError as exc:
            response = _json_error(exc.status, exc.message, exc.headers)
        except MppError as exc:
            response = _json_error(400 if isinstance(exc, BadInput) else 409, exc.message)
        except SQLAlchemyError as exc:
            log.error("database error: %s", type(exc).__name__)
            response = _json_error(503, "The database is unavailable; try again.",
                                   {"Retry-After": "5"})
        except Exception as exc:  # noqa: BLE001 - one JSON line, never a traceback to clients
            log.error("internal error: %s", type(exc).__name__)
            response = _json_error(500, "Internal error.")
        access.info("%s %s %s %.1fms", request.method, _redact(request.url.path),
                    response.status_code, (time.perf_counter() - started) * 1000)
        return response

    def device_of(request: Request) -> Any:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        with engine.connect() as conn:
            device = enrolment.authenticate(conn, token.strip()) \
                if scheme.lower() == "bearer" else None
        if device is None:
            raise HttpError(401, "Unknown or revoked device token.",
                            {"WWW-Authenticate": "Bearer"})
        return device

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> Response:
        return JSONResponse(openapi_document())

    @app.get("/api/v1/health")
    async def health() -> Response:
        return JSONResponse(m.health(db.now()))

    @app.post("/api/v1/enrol")
    async def enrol(request: Request) -> Response:
        if not enrol_limiter.allow(_client(request)):
            raise HttpError(429, "Too many attempts; wait a minute.", {"Retry-After": "60"})
        req = m.parse_enrol(parse_json(await read_body(request, 16 * 1024)))
        try:
            answer = await run_in_threadpool(enrolment.enrol, engine, req)
        except enrolment.EnrolRefused as exc:
            raise HttpError(403, exc.message) from exc
        except enrolment.NoCampaign as exc:
            raise HttpError(409, exc.message) from exc
        return JSONResponse(answer)

    def catalog_body() -> bytes:
        with engine.connect() as conn:
            campaign = campaigns.active(conn) or campaigns.default_campaign()
        catalog = json.loads(campaigns.default_catalog_text())
        doc = {"version": catalog.get("version", "1"), "agencies": catalog["agencies"],
               "campaign": json.loads(campaign_to_json(campaign))}
        return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @app.get("/api/v1/catalog")
    async def catalog(request: Request) -> Response:
        await run_in_threadpool(device_of, request)
        body = await run_in_threadpool(catalog_body)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        wanted = [t.strip().removeprefix("W/") for t in
                  request.headers.get("if-none-match", "").split(",")]
        if etag in wanted or "*" in wanted:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(body, media_type="application/json", headers={"ETag": etag})

    @app.post("/api/v1/batches")
    async def batches(request: Request) -> Response:
        device = await run_in_threadpool(device_of, request)
        batch = m.parse_batch(parse_json(await read_body(request)))
        try:
            answer = await run_in_threadpool(ingest.ingest, engine, device, batch)
        except ingest.BatchConflict as exc:
            raise HttpError(409, exc.message) from exc
        except BadInput as exc:
            raise HttpError(403, exc.message) from exc
        return JSONResponse(answer)

    # --- the receipt page --------------------------------------------------------------

    async def lookup(request: Request, receipt: str, secret: str) -> Any:
        if not page_limiter.allow(_client(request)):
            raise HttpError(429, "Too many requests; wait a minute.", {"Retry-After": "60"})
        return await run_in_threadpool(receipts.find, engine, receipt, secret)

    def base_of(consent: Any, secret: str) -> str:
        return f"/r/{consent.receipt}/{secret.lower()}"

    async def too_many(request: Request, exc: HttpError) -> Response:
        page = receipts.message(429, "Terlalu banyak permintaan",
                                "Terlalu banyak permintaan dari alamat Anda. Tunggu satu "
                                "menit, lalu coba lagi.")
        resp = page_response(page)
        resp.headers["Retry-After"] = "60"
        return resp

    @app.get("/r/{receipt}/{secret}.json")
    async def receipt_json(request: Request, receipt: str, secret: str) -> Response:
        consent = await lookup(request, receipt, secret)
        if consent is None:
            return JSONResponse({"error": "Unknown receipt."}, status_code=404,
                                headers=_PAGE_HEADERS)
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return JSONResponse(receipts.consent_receipt(ctx), headers=_PAGE_HEADERS)

    @app.get("/r/{receipt}/{secret}")
    async def receipt_page(request: Request, receipt: str, secret: str) -> Response:
        try:
            consent = await lookup(request, receipt, secret)
        except HttpError as exc:
            return await too_many(request, exc)
        if consent is None:
            return page_response(receipts.not_found())
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return page_response(receipts.receipt_page(ctx, base_of(consent, secret)))

    @app.get("/r/{receipt}/{secret}/withdraw")
    async def confirm(request: Request, receipt: str, secret: str) -> Response:
        try:
            consent = await lookup(request, receipt, secret)
        except HttpError as exc:
            return await too_many(request, exc)
        if consent is None:
            return page_response(receipts.not_found())
        base = base_of(consent, secret)
        if consent.withdrawn_at is not None:
            return RedirectResponse(base, status_code=303, headers=_PAGE_HEADERS)
        ctx = await run_in_threadpool(receipts.context, engine, consent)
        return page_response(receipts.confirm_page(ctx, base, csrf_key))

    @app.post("/r/{receipt}/{secret}/withdraw")
    async def withdraw(request: Request, receipt: str, secret: str) -> Response:
        try:
            consent = await lookup(request, receipt, secret)
        except HttpError as exc:
            return await too_many(request, exc)
        if consent is None:
            return page_response(receipts.not_found())
        form = parse_qs((await read_body(request, 4096)).decode("utf-8", "replace"))
        token = (form.get("csrf") or [None])[0]
        if cross_site(request) or not receipts.csrf_ok(csrf_key, consent.id, token):
            return page_response(receipts.message(
                403, "Permintaan ditolak", "Formulir ini sudah kedaluwarsa atau tidak berasal "
                "dari halaman ini. Buka kembali kode QR pada struk Anda dan coba lagi."))
        await run_in_threadpool(receipts.withdraw, engine, consent)
        return RedirectResponse(base_of(consent, secret), status_code=303, headers=_PAGE_HEADERS)

    return app


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


def app_from_env() -> FastAPI:
    """The uvicorn factory: workers are separate processes, so settings come by env."""
    engine = db.make_engine(os.environ.get("MPP_CENTRAL_DB", ""))
    db.require_schema(engine)
    return create_app(engine,
                      receipt_rate=int(os.environ.get("MPP_CENTRAL_RECEIPT_RATE", "30")),
                      enrol_rate=int(os.environ.get("MPP_CENTRAL_ENROL_RATE", "30")))
