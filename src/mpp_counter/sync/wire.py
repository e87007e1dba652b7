"""The pass's one connection to the central: batches leave in the order they are handed
over, one on the wire at a time, and the next one leaves from this thread the moment the
previous one got a 2xx reply.

The pass's own thread reads each answer, but by then it is building the batch after the
next (pure Python, holding the GIL): handing the next POST over through it cost 5 to 9 ms
per batch in which the central had nothing to do. A reply that is not 2xx, or no reply at
all, stops the sending: what is still queued does not leave (its batch stays in flight
and a later pass resends it verbatim, like any batch whose answer was lost). A 2xx reply
that the pass then finds unusable may already have let one more batch leave: the same
case, nothing more.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from .transport import Reply, Transport

# How long a thread holding the GIL keeps it while another waits (CPython's default is
# 5 ms): during a pass, the store's and the wire's threads each wake for a moment between
# two pieces of work done without the GIL (a SQLite statement, a socket read) and would
# wait that long for the pass's thread, which is building a batch, at every such step.
SWITCH_INTERVAL_S = 0.0005
_passes = 0  # passes running in this process (the interval is set by the first, restored
_saved = 0.005  # by the last: the window's background sync and a CLI pass never share one)
_interval_lock = threading.Lock()


def _enter() -> None:
    global _passes, _saved
    with _interval_lock:
        if _passes == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SWITCH_INTERVAL_S))
        _passes += 1


def _leave() -> None:
    global _passes
    with _interval_lock:
        _passes -= 1
        if _passes == 0:
            sys.setswitchinterval(_saved)


class Wire:
    """Sends prepared bodies (transport.encode) with ``POST /api/v1/batches``, in order."""

    def __init__(self, http: Transport) -> None:
        self._http = http
        self._lock = threading.Lock()
        self._queue: deque[tuple[bytes, int, Future[Reply]]] = deque()
        self._running = False  # a worker is draining the queue
        self._stopped = False  # an error or close(): nothing more leaves
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="mpp-sync-post")
        self.sent = 0  # records put on the wire
        self._closed = False
        _enter()

    def send(self, body: bytes, records: int) -> Future[Reply]:
        """The reply to ``body`` once it left and was answered; cancelled if it never
        leaves (an earlier batch was not answered with a 2xx)."""
        fut: Future[Reply] = Future()
        with self._lock:
            if self._stopped:
                fut.cancel()
                return fut
            self._queue.append((body, records, fut))
            if not self._running:
                self._running = True
                self._pool.submit(self._run)
        return fut

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopped or not self._queue:
                    self._running = False
                    return
                body, records, fut = self._queue.popleft()
            self._http.renew()  # each batch gets the whole deadline: a backlog is not an outage
            self.sent += records
            try:
                reply = self._http.request("POST", "/api/v1/batches", encoded=body)
            except BaseException as exc:  # noqa: BLE001 (handed to the pass's thread with the future)
                self._stop()
                fut.set_exception(exc)
                continue
            if not 200 <= reply.status < 300:
                self._stop()
            fut.set_result(reply)

    def _stop(self) -> None:
        with self._lock:
            self._stopped = True
            dropped = list(self._queue)
            self._queue.clear()
        for _body, _records, fut in dropped:
            fut.cancel()

    def close(self) -> None:
        """Nothing more leaves; the batch on the wire, if any, is waited for."""
        self._stop()
        self._pool.shutdown(wait=True)
        if not self._closed:
            self._closed = True
            _leave()
