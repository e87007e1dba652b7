"""Background sync for the window: notices the network by itself, never blocks anyone.

Plain Python (a thread and an Event), no Qt: the GUI hands in two callables.

* ``on_store(fn)`` runs ``fn(store)`` on the thread that owns the store and returns its
  result (the window's ``StoreWorker``; the CLI or a test can pass ``lambda fn:
  fn(store)``). Only the short database steps go there; the HTTP exchanges run on this
  worker's own thread, so neither the GUI thread nor the store thread waits on the
  network.
* ``on_event(event)`` receives a :class:`SyncEvent` (typed, frozen) from this thread;
  the GUI re-emits it through a Qt signal to update the status bar.

While offline it probes ``GET /api/v1/health`` with exponential backoff and full jitter
(5 s doubling to 5 min); once the probe answers it syncs, then syncs again every
``interval_s`` or at once when :meth:`BackgroundSync.sync_now` is called (after a save).
A revoked device stops the loop until ``sync_now`` (e.g. after a new enrolment).
"""

from __future__ import annotations

import enum
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.errors import MppError, SyncError
from .client import OnStore, SyncReport, enrolled, sync_pass
from .transport import Transport

log = logging.getLogger(__name__)


class SyncEventKind(enum.Enum):
    NOT_ENROLLED = "not_enrolled"
    STORE_UNAVAILABLE = "store_unavailable"  # locked or closing: nothing to do until unlocked
    OFFLINE = "offline"  # the probe failed; message says why, next_check_s when again
    ONLINE = "online"  # the probe answered after being offline (or at start)
    SYNCING = "syncing"
    SYNCED = "synced"  # a pass ran to the end; report holds the counts
    FAILED = "failed"  # a pass stopped early; message says why, records kept
    REVOKED = "revoked"  # the central refused the device: stopped until sync_now()


@dataclass(frozen=True)
class SyncEvent:
    kind: SyncEventKind
    report: SyncReport | None = None
    message: str | None = None  # English, filled; ``error`` carries msgid and args for tr()
    next_check_s: float | None = None
    error: MppError | None = field(default=None, compare=False)


def backoff_s(failures: int, base: float, cap: float) -> float:
    """Full jitter: uniform over [base, min(cap, base * 2**failures)]."""
    return random.uniform(base, min(cap, base * 2 ** min(failures, 20)))


def probe(base_url: str, timeout_s: float = 5.0) -> MppError | None:
    """None when the central answers its health check, else why not (no secret in it)."""
    try:
        with Transport(base_url, None, deadline_s=timeout_s, retries=0) as http:
            reply = http.request("GET", "/api/v1/health")
    except MppError as exc:
        return exc
    if reply.status == 200 and isinstance(reply.body, dict) and reply.body.get("status") == "ok":
        return None
    return SyncError("The central's health check answered HTTP {status}.", status=reply.status)


class BackgroundSync:
    def __init__(
        self,
        on_store: OnStore,
        on_event: Callable[[SyncEvent], None],
        *,
        interval_s: float = 60.0,
        min_backoff_s: float = 5.0,
        max_backoff_s: float = 300.0,
        deadline_s: float = 30.0,
        base_url: str | None = None,
    ) -> None:
        self._on_store = on_store
        self._emit = on_event
        self.interval_s = interval_s
        self.min_backoff_s = min_backoff_s
        self.max_backoff_s = max_backoff_s
        self.deadline_s = deadline_s
        self.base_url = base_url
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.online: bool | None = None  # unknown until the first probe

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="mpp-sync", daemon=True)
            self._thread.start()

    def sync_now(self) -> None:
        """Skip the current wait (a record was saved, or the admin asked)."""
        self._wake.set()

    def stop(self, timeout_s: float = 35.0) -> None:
        """Ask the loop to end and wait for it (a pass in progress ends within its deadline)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _event(self, event: SyncEvent) -> None:
        try:
            self._emit(event)
        except Exception:  # noqa: BLE001 - a broken listener must not stop the sync
            log.exception("sync event listener failed")

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                wait = self._step(failures)
            except Exception as exc:  # noqa: BLE001 - the loop must outlive any one failure
                log.error("background sync failed: %s", type(exc).__name__)
                self._event(SyncEvent(SyncEventKind.FAILED, message=type(exc).__name__))
                wait = backoff_s(failures, self.min_backoff_s, self.max_backoff_s)
            failures = 0 if wait is None else failures + 1
            if self._stop.is_set():
                break
            self._sleep(self.interval_s if wait is None else wait)

    def _step(self, failures: int) -> float | None:
        """One round; returns the backoff to wait after a failure, None after success."""
        try:
            info = self._on_store(lambda s: enrolled(s, self.base_url))
        except SyncError as exc:
            self._event(SyncEvent(SyncEventKind.NOT_ENROLLED, message=exc.message, error=exc))
            return None
        except MppError as exc:  # the window is locked: the store is closed
            self._event(SyncEvent(SyncEventKind.STORE_UNAVAILABLE, message=exc.message, error=exc))
            return None
        why = probe(info.central_url)
        if why is not None:
            wait = backoff_s(failures, self.min_backoff_s, self.max_backoff_s)
            self._event(
                SyncEvent(SyncEventKind.OFFLINE, message=why.message, next_check_s=wait, error=why)
            )
            self.online = False
            return wait
        if self.online is not True:
            self._event(SyncEvent(SyncEventKind.ONLINE))
        self.online = True
        self._event(SyncEvent(SyncEventKind.SYNCING))
        try:
            report = sync_pass(
                self._on_store, base_url=self.base_url, deadline_s=self.deadline_s, catalog=True
            )
        except MppError as exc:
            self._event(SyncEvent(SyncEventKind.FAILED, message=exc.message, error=exc))
            return backoff_s(failures, self.min_backoff_s, self.max_backoff_s)
        if report.revoked:
            self._event(
                SyncEvent(SyncEventKind.REVOKED, report, report.error, error=report.failure)
            )
            self._wake.clear()
            while not self._stop.is_set() and not self._wake.wait(3600):
                pass  # stopped until sync_now(): retrying a revoked token helps no one
            self._wake.set()  # woken on purpose: try at once, not after another interval
            return None
        if report.error is not None:
            self._event(SyncEvent(SyncEventKind.FAILED, report, report.error, error=report.failure))
            return backoff_s(failures, self.min_backoff_s, self.max_backoff_s)
        self._event(SyncEvent(SyncEventKind.SYNCED, report))
        return None
