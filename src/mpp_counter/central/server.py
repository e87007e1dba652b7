"""Running the central under uvicorn with limits a slow client cannot outwait.

uvicorn alone never closes a connection that trickles its request line or headers one
byte at a time (its keep-alive timer is cancelled by any byte), nor one that opens and
says nothing: a few hundred such sockets hold every worker's connection slots for as
long as the client likes. :class:`GuardedH11Protocol` closes a connection whose request
head is not complete ``header_timeout`` seconds after its first byte (or after the
connection opened); the body is bounded in time by ``httpkit.read_body``. nginx in front
remains the real defence (see packaging/central/OPERATOR.md); these limits make the bare
server safe to leave on a private network.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .httpkit import env_seconds

# Counters reuse their connection between batches; uvicorn's 5 s default closes it just as
# a slow or busy counter sends the next request ("connection reset" at the counter).
KEEP_ALIVE_S = 75
HEADER_TIMEOUT_ENV = "MPP_CENTRAL_HEADER_TIMEOUT"
DEFAULT_HEADER_TIMEOUT_S = 15.0
MAX_HEAD_BYTES = 16 * 1024  # request line and headers together (h11's own ceiling)


def header_timeout() -> float:
    return env_seconds(HEADER_TIMEOUT_ENV, DEFAULT_HEADER_TIMEOUT_S)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus a deadline on each request head."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()  # a connection that never sends a byte is closed too

    def data_received(self, data: bytes) -> None:
        waiting = self.cycle is None or self.cycle.response_complete
        if waiting and self._head_timer is None:
            self._arm_head_timer()  # first byte of the next request on a kept connection
        before = self.cycle
        super().data_received(data)
        if self.cycle is not None and self.cycle is not before:
            self._disarm_head_timer()  # the head is complete: the app owns the body now

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(header_timeout(), self._head_too_slow)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    workers: int
    proxy_headers: bool
    forwarded_allow_ips: str


def run(opts: ServeOptions) -> None:
    import uvicorn

    uvicorn.run(
        "mpp_counter.central.app:app_from_env",
        factory=True,
        host=opts.host,
        port=opts.port,
        workers=opts.workers if opts.workers > 1 else None,
        http="mpp_counter.central.server:GuardedH11Protocol",
        access_log=False,
        server_header=False,
        proxy_headers=opts.proxy_headers,
        forwarded_allow_ips=opts.forwarded_allow_ips,
        log_level="info",
        timeout_graceful_shutdown=5,
        timeout_keep_alive=KEEP_ALIVE_S,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        limit_concurrency=1000,
    )
