"""The HTTP face of the central: protocol v1 and the receipt page, one FastAPI app.

Bodies are read by hand rather than through FastAPI models: the contract is
protocol/openapi.yaml, parsing is protocol/messages.py and records.py (shared with the
client), and the limits (size, gzip, record count) must hold before any JSON is built
(httpkit.py).
``POST /api/v1/batches`` is served as plain ASGI in front of the FastAPI app, and errors
and the access log are plain ASGI layers too (edge.py).
Database work runs in the thread pool; a database error is a 503 with Retry-After,
which the client treats as "try again". The access log shows the route template that
matched (``/r/{receipt}/{secret}``), never the path the client sent: a receipt address
holds a secret, and ``//r/…`` or ``/./r/…`` reach no route yet still carry it. Nor does
it show a header. The receipt page's routes are in pages.py.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from ..domain import key_fingerprint
from ..domain.catalog import campaign_to_dict
from ..domain.errors import BadInput
from ..protocol import messages as m
from ..protocol.withdrawn import parse_after
from . import campaigns, db, enrolment, ingest
from .console.auth import Refused
from .console.render import refused_page
from .console.routes import build_router
from .edge import Door, ErrorsAndLog
from .httpkit import (
    HttpError,
    client_address,
    decode_body,
    header,
    parse_json,
    read_body,
    receive_raw,
)
from .limits import SharedRateLimiter
from .notice_page import add_notice_routes
from .pages import add_receipt_routes
from .withdrawals import notices_for


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    import yaml

    text = resources.files("mpp_counter.protocol").joinpath("openapi.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def stored(store: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A batch's answer, or the status its refusal gets."""
    try:
        return store()
    except ingest.BatchConflict as exc:
        raise HttpError(409, exc.message) from exc
    except BadInput as exc:  # the batch names another device than its token's
        raise HttpError(403, exc.message) from exc


BATCH_THREADS_ENV = "MPP_CENTRAL_BATCH_THREADS"


def batch_threads() -> int:
    """How many batches one worker stores at once (the others wait their turn, holding
    no thread or connection): a few keep the database busy; dozens only contend, for the
    interpreter's lock here and for buffers and index pages in the database."""
    try:
        n = int(os.environ.get(BATCH_THREADS_ENV, "8"))
    except ValueError:
        return 8
    return n if n > 0 else 8


def create_app(engine: Engine, receipt_rate: int = 30, enrol_rate: int = 30) -> Door:
    app = FastAPI(title="mpp-counter central", docs_url=None, redoc_url=None, openapi_url=None)
    enrol_limiter = SharedRateLimiter(engine, "enrol", enrol_rate)

    slots: list[anyio.CapacityLimiter] = []

    def batch_slots() -> anyio.CapacityLimiter:
        """Batches stored at once by this worker (made in its event loop, on first use)."""
        if not slots:
            slots.append(anyio.CapacityLimiter(batch_threads()))
        return slots[0]

    def device_for(conn: Any, authorization: str) -> Any:
        scheme, _, token = authorization.partition(" ")
        device = enrolment.authenticate(conn, token.strip()) if scheme.lower() == "bearer" else None
        if device is None:
            raise HttpError(401, "Unknown or revoked device token.", {"WWW-Authenticate": "Bearer"})
        return device

    def device_of(request: Request) -> Any:
        with engine.connect() as conn:
            return device_for(conn, request.headers.get("authorization", ""))

    def take_batch(authorization: str, raw: bytes, encoding: str | None) -> dict[str, Any]:
        """Authenticate, then (only then) open and parse the body, then store it: one
        thread-pool call. On PostgreSQL all in the batch's own transaction (one connection,
        no extra round trips); SQLite reads the token outside the write lock."""

        def parse() -> m.BatchRequest:
            return m.parse_batch(parse_json(decode_body(raw, encoding)))

        if engine.dialect.name != "postgresql":
            with db.reading(engine) as conn:
                device = device_for(conn, authorization)
            batch = parse()
            return stored(lambda: ingest.ingest(engine, device, batch))
        with engine.begin() as conn:
            device = device_for(conn, authorization)
            batch = parse()
            return stored(lambda: ingest.store(conn, device, batch))

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> Response:
        return JSONResponse(openapi_document())

    @app.get("/api/v1/health")
    async def health() -> Response:
        return JSONResponse(m.health(db.now()))

    @app.post("/api/v1/enrol")
    async def enrol(request: Request) -> Response:
        if not await run_in_threadpool(enrol_limiter.allow, client_address(request)):
            raise HttpError(429, "Too many attempts; wait a minute.", {"Retry-After": "60"})
        req = m.parse_enrol(parse_json(await read_body(request, 16 * 1024)))
        try:
            answer = await run_in_threadpool(enrolment.enrol, engine, req)
        except enrolment.EnrolRefused as exc:
            raise HttpError(403, exc.message) from exc
        except enrolment.NoCampaign as exc:
            return JSONResponse({"error": exc.message, "reason": "no_campaign"}, 409)
        except enrolment.CounterMismatch as exc:  # the code's names, for the counter to say
            return JSONResponse(
                {
                    "error": exc.message,
                    "reason": "counter_mismatch",
                    "code_mpp": exc.args_map["mpp"],
                    "code_counter": exc.args_map["counter"],
                },
                409,
            )
        # the answer carries the device token: no cache or proxy may keep a copy
        return JSONResponse(answer, headers={"Cache-Control": "no-store"})

    def catalog_body() -> tuple[bytes, dict[str, str]]:
        with engine.connect() as conn:
            campaign = campaigns.active(conn) or campaigns.default_campaign()
        catalog = json.loads(campaigns.default_catalog_text())
        doc = {
            "version": catalog.get("version", "1"),
            "agencies": catalog["agencies"],
            "campaign": campaign_to_dict(campaign),
        }
        body = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"ETag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"'}
        if campaign.public_key:  # a 304 names the key too: the counter checks every answer
            headers[key_fingerprint.HEADER] = key_fingerprint.fingerprint(campaign.public_key)
        return body, headers

    @app.get("/api/v1/catalog")
    async def catalog(request: Request) -> Response:
        await run_in_threadpool(device_of, request)
        body, headers = await run_in_threadpool(catalog_body)
        wanted = [
            t.strip().removeprefix("W/")
            for t in request.headers.get("if-none-match", "").split(",")
        ]
        if headers["ETag"] in wanted or "*" in wanted:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    async def batches(scope: Scope, receive: Receive, send: Send) -> None:
        """``POST /api/v1/batches``, served by edge.Door (the route a national day hits)."""
        raw = await receive_raw(scope, receive)
        auth, encoding = header(scope, b"authorization"), header(scope, b"content-encoding")
        answer = await anyio.to_thread.run_sync(
            take_batch, auth or "", raw, encoding, limiter=batch_slots()
        )
        await JSONResponse(answer)(scope, receive, send)

    @app.get("/api/v1/withdrawn")
    async def withdrawn(request: Request) -> Response:
        device = await run_in_threadpool(device_of, request)
        try:
            after = parse_after(request.query_params.get("after"))
        except BadInput as exc:
            raise HttpError(400, exc.message) from exc
        answer = await run_in_threadpool(notices_for, engine, device, after)
        return JSONResponse(answer.to_json(), headers={"Cache-Control": "no-store"})

    add_receipt_routes(app, engine, SharedRateLimiter(engine, "receipt", receipt_rate))
    add_notice_routes(app, engine)
    app.include_router(build_router(engine))
    app.add_exception_handler(Refused, refused_page)
    app.add_middleware(ErrorsAndLog)
    return Door(app, {("POST", "/api/v1/batches"): batches})


def app_from_env() -> Door:
    """The uvicorn factory: workers are separate processes, so settings come by env."""
    engine = db.make_engine(os.environ.get("MPP_CENTRAL_DB", ""))
    db.require_schema(engine)
    return create_app(
        engine,
        receipt_rate=int(os.environ.get("MPP_CENTRAL_RECEIPT_RATE", "30")),
        enrol_rate=int(os.environ.get("MPP_CENTRAL_ENROL_RATE", "30")),
    )
