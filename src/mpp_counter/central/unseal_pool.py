"""Open many sealed numbers on every core, in order, in bounded memory.

The export and the survey sample read sealed numbers from a cursor and need them back in
the cursor's order, one by one, without ever holding the campaign in memory. Opening a
number costs ≈ 50 µs of one core (≈ 30 µs X25519 + XSalsa20 in libsodium, ≈ 20 µs of
``normalize`` in Python): that work is spread over worker *processes*. Threads were
measured and do not help (2 cores, 60,000 numbers, load 1.2: in-process 52.6 µs/number,
2 threads 50.2, 2 processes 27.2): PyNaCl's cffi call releases the GIL, but each call is
short and wrapped in Python, and ``normalize`` holds the GIL throughout.

Memory is bounded by ``workers * IN_FLIGHT`` chunks of ``chunk`` items each: the input is
read only as fast as results are consumed. The key reaches the workers through their
start-up pipe (never a command line) and stays in their memory only; a worker dies with
its parent (PR_SET_PDEATHSIG on Linux), so a kill -9 of the export leaves no orphan
holding it. A small input (one chunk or less) is opened in-process: no pool to start.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

from ..protocol.sealed import SealedInvalid, opener

K = TypeVar("K")
C = TypeVar("C")
CHUNK = 2048
IN_FLIGHT = 2  # chunks per worker submitted ahead: keeps every core busy, memory bounded

_open: Callable[[bytes], str] | None = None  # the worker's prepared key


def open_one(open_: Callable[[bytes], str], blob: bytes | None) -> str | None:
    """The number, or None when there is none or this key cannot open it (export.open_sealed)."""
    if not blob:
        return None
    try:
        return open_(blob)
    except SealedInvalid:
        return None


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _init(key: bytes, parent: int) -> None:
    global _open
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _open = opener(key)


def _open_chunk(blobs: list[bytes | None]) -> list[str | None]:
    assert _open is not None
    return [open_one(_open, b) for b in blobs]


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    """fork where it exists and this process has one thread (starts in milliseconds,
    nothing to re-import); a threaded caller (a web server) gets forkserver, since a
    fork copies locks other threads may hold; spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def open_numbers(
    key: bytes,
    items: Iterable[tuple[K, bytes | None]],
    *,
    workers: int | None = None,
    chunk: int = CHUNK,
) -> Iterator[tuple[K, str | None]]:
    """Yield ``(k, number or None)`` for each ``(k, sealed blob or None)``, in input order.

    None: no blob, or one this key cannot open (counted as unreadable by the callers).
    A key that is not a private key at all raises SealedInvalid before any item is read.
    ``k`` never leaves this process; only the blobs travel to the workers.
    """
    for keys, numbers in open_chunks(key, _chunked(items, chunk), workers=workers):
        yield from zip(keys, numbers, strict=True)


def open_chunks(
    key: bytes,
    chunks: Iterable[tuple[C, list[bytes | None]]],
    *,
    workers: int | None = None,
) -> Iterator[tuple[C, list[str | None]]]:
    """Yield ``(c, numbers)`` for each ``(c, sealed blobs)``, in input order: one list
    in, one list out, for a caller that reads and handles its rows a chunk at a time.
    The blobs must be bytes or None (``_blob``); ``c`` never leaves this process. A
    single chunk, or a single worker, is opened in-process: no process to start."""
    with Pool(key, workers=workers) as pool:
        yield from pool.open_chunks(chunks)


class Pool:
    """Worker processes that outlive one ``open_chunks``: a caller that must query and
    sort before its first row (the export) ``start``s them first, so that their start
    overlaps its query, and opens more than one sequence on them. One worker:
    everything is opened in-process."""

    def __init__(self, key: bytes, *, workers: int | None = None) -> None:
        self._open = opener(key)  # a garbage key fails here, clearly, not in a worker
        self._key = bytes(key)
        self.workers = default_workers() if workers is None else max(1, workers)
        self._pool: ProcessPoolExecutor | None = None  # made when first needed

    def start(self) -> Pool:
        """Start the worker processes now (they start with the first task otherwise)."""
        if self.workers > 1:
            self._executor().submit(_open_chunk, [])
        return self

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = _context()
            # a forkserver's worker is the forkserver's child (it dies with it, and that with us)
            parent = 0 if context.get_start_method() == "forkserver" else os.getpid()
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_init,
                initargs=(self._key, parent),
            )
        return self._pool

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def open_numbers(
        self, items: Iterable[tuple[K, bytes | None]], *, chunk: int = CHUNK
    ) -> Iterator[tuple[K, str | None]]:
        """``open_numbers`` on these workers."""
        for keys, numbers in self.open_chunks(_chunked(items, chunk)):
            yield from zip(keys, numbers, strict=True)

    def open_chunks(
        self, chunks: Iterable[tuple[C, list[bytes | None]]]
    ) -> Iterator[tuple[C, list[str | None]]]:
        """``open_chunks`` on these workers; a single chunk is opened in-process (a few
        withdrawals: no waiting for a worker that may still be starting)."""
        it = iter(chunks)
        ahead = list(islice(it, 2))
        if self.workers == 1 or len(ahead) < 2:
            for c, blobs in itertools.chain(ahead, it):
                yield c, [open_one(self._open, b) for b in blobs]
            return
        pool = self._executor()
        pending: deque[tuple[C, Future[list[str | None]]]] = deque()
        source = itertools.chain(ahead, it)
        try:
            more = True
            while more or pending:
                while more and len(pending) < self.workers * IN_FLIGHT:
                    nxt = next(source, None)
                    if nxt is None:
                        more = False
                        break
                    pending.append((nxt[0], pool.submit(_open_chunk, nxt[1])))
                if pending:
                    c, fut = pending.popleft()
                    yield c, fut.result()
        finally:
            for _, fut in pending:  # left early: what was submitted is not waited for
                fut.cancel()


def _chunked(
    items: Iterable[tuple[K, bytes | None]], chunk: int
) -> Iterator[tuple[list[K], list[bytes | None]]]:
    it = iter(items)
    chunk = max(1, chunk)
    while batch := list(islice(it, chunk)):
        yield [k for k, _ in batch], [_blob(b) for _, b in batch]


def _blob(blob: bytes | memoryview | None) -> bytes | None:
    """psycopg hands out memoryviews: bytes travel to a worker, and compare the same."""
    return None if blob is None else bytes(blob)
