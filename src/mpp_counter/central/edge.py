"""The central's outermost HTTP layers, as plain ASGI: errors as one JSON line, the access
log, and the batch route served without the framework's stack.

Starlette's ``@app.middleware("http")`` costs a task group and a streamed copy of every
response; FastAPI's own layers (telemetry, body limit, exception and routing wrappers)
cost as much again per request. A national day is hundreds of batches a second, each
one request, so ``POST /api/v1/batches`` is answered here directly (its body read by
hand, as every route of the central does: httpkit.py) and everything else goes to the
FastAPI app, inside which :class:`ErrorsAndLog` does the same error and log work.

The access log names the route template that matched, never the path the client sent
(see app.py), nor a header.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..domain.errors import BadInput, MppError
from .httpkit import HttpError

log = logging.getLogger("mpp_central")
access = logging.getLogger("mpp_central.access")

CONSOLE_PREFIX = "/console"


def route_of(scope: Any) -> str:
    """The template of the route that matched, or a fixed word: never the raw path."""
    path = getattr(scope.get("route"), "path", None)
    if not isinstance(path, str):
        return "(no route)"
    # a route of an included router (the console's) keeps its own path, without the prefix
    raw = scope.get("path", "")
    if raw.startswith(CONSOLE_PREFIX + "/") and not path.startswith(CONSOLE_PREFIX):
        return CONSOLE_PREFIX + path
    return path


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def error_response(exc: Exception) -> Response:
    """The one JSON line a client gets for an error (never a traceback)."""
    if isinstance(exc, HttpError):
        return json_error(exc.status, exc.message, exc.headers)
    if isinstance(exc, MppError):
        return json_error(400 if isinstance(exc, BadInput) else 409, exc.message)
    if isinstance(exc, SQLAlchemyError):
        log.error("database error: %s", type(exc).__name__)
        return json_error(503, "The database is unavailable; try again.", {"Retry-After": "5"})
    log.error("internal error: %s", type(exc).__name__)
    return json_error(500, "Internal error.")


async def answered(
    scope: Scope,
    receive: Receive,
    send: Send,
    call: Callable[[Send], Awaitable[None]],
    route: Callable[[], str],
) -> None:
    """Run ``call``; an error it raises before answering becomes its JSON answer; then the
    access line (method, route template, status, time)."""
    started = time.perf_counter()
    status = 0

    async def sending(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        await send(message)

    try:
        await call(sending)
    except Exception as exc:  # noqa: BLE001 - one JSON line, never a traceback to clients
        if status:
            raise  # the answer had begun: nothing else can be said on it
        response = error_response(exc)
        status = response.status_code
        await response(scope, receive, send)
    access.info(
        "%s %s %s %.1fms",
        scope["method"][:10],
        route(),
        status,
        (time.perf_counter() - started) * 1000,
    )


class ErrorsAndLog:
    """Errors and the access log for the FastAPI app's routes (its innermost middleware:
    the route that matched is known when the call returns)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def call(sending: Send) -> None:
            await self.app(scope, receive, sending)

        await answered(scope, receive, send, call, lambda: route_of(scope))


Handler = Callable[[Scope, Receive, Send], Awaitable[None]]


class Door:
    """The outermost layer: the routes in ``direct`` ((method, exact path) → handler) are
    served here, with the same errors and access log; everything else goes to ``app``."""

    def __init__(self, app: ASGIApp, direct: dict[tuple[str, str], Handler]) -> None:
        self.app = app
        self.direct = direct

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = None
        if scope["type"] == "http":
            handler = self.direct.get((scope["method"], scope["path"]))
        if handler is None:
            await self.app(scope, receive, send)
            return
        path = scope["path"]  # one of ours: a fixed text, which is its template

        async def call(sending: Send) -> None:
            await handler(scope, receive, sending)

        await answered(scope, receive, send, call, lambda: path)
