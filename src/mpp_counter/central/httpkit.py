"""Small HTTP pieces the central's routes share: an error that becomes a status, and
reading a body within its limits (size, gzip, time) before any JSON is built. Rate
limits are in limits.py: in the database, shared by every worker."""

from __future__ import annotations

import asyncio
import json
import os
import zlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope

from ..protocol import messages as m


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


BODY_TIMEOUT_ENV = "MPP_CENTRAL_BODY_TIMEOUT"
DEFAULT_BODY_TIMEOUT_S = 60.0


def env_seconds(name: str, default: float) -> float:
    """A positive number of seconds from the environment (workers get settings by env)."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _collect(declared: str | None, chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """The body's bytes: 413 past the limit (declared or sent), 408 when it has not all
    arrived within the body timeout (a slow sender holds a worker)."""
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, "The request body is too large.")
    out: list[bytes] = []
    try:
        async with asyncio.timeout(env_seconds(BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT_S)):
            size = 0
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise HttpError(413, "The request body is too large.")
                out.append(chunk)
    except TimeoutError as exc:
        raise HttpError(408, "The request body came too slowly.", {"Connection": "close"}) from exc
    return b"".join(out)


async def read_raw(request: Request, limit: int = m.MAX_BODY_BYTES) -> bytes:
    """The body as sent (gzip not opened yet), within its limits in size and time."""
    return await _collect(request.headers.get("content-length"), request.stream(), limit)


def header(scope: Scope, name: bytes) -> str | None:
    """A request header by its lower-case name (the server gives names in lower case)."""
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def receive_raw(scope: Scope, receive: Receive, limit: int = m.MAX_BODY_BYTES) -> bytes:
    """:func:`read_raw` for a route served as plain ASGI (edge.Door)."""

    async def chunks() -> AsyncIterator[bytes]:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            yield message.get("body", b"")
            if not message.get("more_body", False):
                return

    return await _collect(header(scope, b"content-length"), chunks(), limit)


def decode_body(body: bytes, encoding: str | None, limit: int = m.MAX_BODY_BYTES) -> bytes:
    """The body gunzipped if so declared: 413 past the limit once decompressed. Runs in a
    worker thread, and only for a request already authenticated (a gzip bomb costs an
    anonymous sender nothing)."""
    encoding = (encoding or "identity").strip().lower()
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


async def read_body(request: Request, limit: int = m.MAX_BODY_BYTES) -> bytes:
    """The body, gunzipped if so declared, within its limits (before and after gzip)."""
    raw = await read_raw(request, limit)
    return decode_body(raw, request.headers.get("content-encoding"), limit)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HttpError(400, "The request body is not valid JSON.") from exc
