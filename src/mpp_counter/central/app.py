"""The HTTP face of the central: protocol v1 and the receipt page, one FastAPI app.

Bodies are read by hand rather than through FastAPI models: the contract is
protocol/openapi.yaml, parsing is protocol/messages.py (shared with the client), and
the limits (size, gzip, record count) must hold before any JSON is built (httpkit.py).
Database work runs in the thread pool; a database error is a 503 with Retry-After,
which the client treats as "try again". The access log never shows a ``/r/`` address
(it holds a secret) nor a header. The receipt page's routes are in pages.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from ..domain.catalog import campaign_to_json
from ..domain.errors import BadInput, MppError
from ..protocol import messages as m
from . import campaigns, db, enrolment, ingest
from .httpkit import HttpError, RateLimiter, client_address, parse_json, read_body
from .notice_page import add_notice_routes
from .pages import add_receipt_routes

log = logging.getLogger("mpp_central")
access = logging.getLogger("mpp_central.access")


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    import yaml

    text = resources.files("mpp_counter.protocol").joinpath("openapi.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _redact(path: str) -> str:
    return "/r/…" if path.lower().startswith("/r/") else path[:100]


def _json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(engine: Engine, receipt_rate: int = 30, enrol_rate: int = 30) -> FastAPI:
    app = FastAPI(title="mpp-counter central", docs_url=None, redoc_url=None,
                  openapi_url=None)
    enrol_limiter = RateLimiter(enrol_rate)

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
        if not enrol_limiter.allow(client_address(request)):
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

    add_receipt_routes(app, engine, RateLimiter(receipt_rate))
    add_notice_routes(app, engine)
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory: workers are separate processes, so settings come by env."""
    engine = db.make_engine(os.environ.get("MPP_CENTRAL_DB", ""))
    db.require_schema(engine)
    return create_app(engine,
                      receipt_rate=int(os.environ.get("MPP_CENTRAL_RECEIPT_RATE", "30")),
                      enrol_rate=int(os.environ.get("MPP_CENTRAL_ENROL_RATE", "30")))
