"""BackgroundSync: notices the central coming online by itself, syncs on a nudge, stops on
revocation; store work runs on the store's own thread, HTTP on the sync thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from central._support import Central
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.enrolment import enrol
from mpp_counter.sync.worker import BackgroundSync, SyncEvent, SyncEventKind

from ._client_support import SERVICE, enrol_code, new_store, record_day, start_central, stats


class StoreThread:
    """What the window's StoreWorker gives the sync: run fn(store) on the one store thread."""

    def __init__(self, store: CounterStore) -> None:
        self.store = store
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="store")
        self.threads: set[str] = set()

    def __call__(self, fn: Callable[[CounterStore], Any]) -> Any:
        def run() -> Any:
            self.threads.add(threading.current_thread().name)
            return fn(self.store)

        return self.pool.submit(run).result()


class Events:
    def __init__(self) -> None:
        self.items: list[tuple[SyncEvent, str]] = []
        self.cond = threading.Condition()

    def __call__(self, e: SyncEvent) -> None:
        with self.cond:
            self.items.append((e, threading.current_thread().name))
            self.cond.notify_all()

    def kinds(self) -> list[SyncEventKind]:
        return [e.kind for e, _ in self.items]

    def wait_for(self, pred: Callable[[SyncEvent], bool], timeout: float = 20) -> SyncEvent:
        deadline = time.monotonic() + timeout
        seen = 0
        with self.cond:
            while True:
                for e, _ in self.items[seen:]:
                    if pred(e):
                        return e
                seen = len(self.items)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such event; got {self.kinds()}")
                self.cond.wait(left)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Central, CounterStore, StoreThread]]:
    central = start_central(tmp_path)
    store = new_store(tmp_path / "counter")
    enrol(store, central.url, enrol_code(central))
    on_store = StoreThread(store)
    yield central, store, on_store
    central.stop()
    on_store.pool.shutdown()
    store.close()


def test_goes_online_by_itself_and_syncs_on_a_nudge(setup) -> None:  # type: ignore[no-untyped-def]
    central, store, on_store = setup
    central.stop()  # the network is down
    on_store(lambda s: record_day(s, 2, 1))  # 3 visits, 2 consents, 1 withdrawal
    events = Events()
    bg = BackgroundSync(
        on_store, events, interval_s=60, min_backoff_s=0.2, max_backoff_s=0.5, deadline_s=10
    )
    bg.start()
    try:
        off = events.wait_for(lambda e: e.kind is SyncEventKind.OFFLINE)
        assert off.message and "cannot be reached" in off.message and off.next_check_s
        assert off.error is not None and off.error.msgid.startswith("The central at {host}")
        central.start()  # the network is back: no click needed
        done = events.wait_for(lambda e: e.kind is SyncEventKind.SYNCED)
        assert done.report is not None and done.report.acked == 6
        assert done.report.pending_after == 0
        kinds = events.kinds()
        assert kinds.index(SyncEventKind.ONLINE) < kinds.index(SyncEventKind.SYNCING)
        assert stats(central)["visits"] == 3

        on_store(lambda s: s.record(SERVICE, Outcome.DECLINED))
        n = len(events.items)
        bg.sync_now()  # after a save: at once, not after the 60 s interval
        t0 = time.monotonic()
        nxt = events.wait_for(
            lambda e: e.kind is SyncEventKind.SYNCED and events.items.index((e, "mpp-sync")) >= n,
            timeout=10,
        )
        assert time.monotonic() - t0 < 5
        assert nxt.report is not None and nxt.report.acked == 1
    finally:
        bg.stop()
    assert {t for _, t in events.items} == {"mpp-sync"}  # events come from the sync thread
    assert all(t.startswith("store") for t in on_store.threads)  # the store from its own
    assert stats(central)["visits"] == 4


def test_revoked_stops_until_asked(setup) -> None:  # type: ignore[no-untyped-def]
    central, store, on_store = setup
    device = on_store(lambda s: s.setting("device_id"))
    central.cli("revoke", device)
    on_store(lambda s: s.record(SERVICE, Outcome.DECLINED))
    events = Events()
    bg = BackgroundSync(
        on_store, events, interval_s=0.1, min_backoff_s=0.1, max_backoff_s=0.2, deadline_s=5
    )
    bg.start()
    try:
        e = events.wait_for(lambda e: e.kind is SyncEventKind.REVOKED)
        assert e.message and "revoked" in e.message
        assert e.error is not None and e.error.args_map["status"] == 401
        time.sleep(1.0)  # a revoked device does not hammer the central
        assert events.kinds().count(SyncEventKind.REVOKED) == 1
    finally:
        t0 = time.monotonic()
        bg.stop()
        assert time.monotonic() - t0 < 5
    assert on_store(lambda s: s.status().pending) == 1


def test_not_enrolled(tmp_path: Path) -> None:
    store = new_store(tmp_path / "counter")
    on_store = StoreThread(store)
    events = Events()
    bg = BackgroundSync(on_store, events, interval_s=60)
    bg.start()
    try:
        e = events.wait_for(lambda e: e.kind is SyncEventKind.NOT_ENROLLED)
        assert e.message and "not enrolled" in e.message
    finally:
        bg.stop()
        on_store.pool.shutdown()
        store.close()


def test_locked_store_and_a_broken_listener_do_not_stop_the_loop() -> None:
    from mpp_counter.domain.errors import MppError

    calls: list[int] = []

    def locked(_fn: Callable[[CounterStore], Any]) -> Any:
        calls.append(1)
        raise MppError("The counter is locked: unlock it first.")

    events = Events()

    def listener(e: SyncEvent) -> None:
        events(e)
        raise RuntimeError("a listener bug")

    bg = BackgroundSync(locked, listener, interval_s=0.05)
    bg.start()
    try:
        e = events.wait_for(lambda e: e.kind is SyncEventKind.STORE_UNAVAILABLE)
        assert e.message and "locked" in e.message
        deadline = time.monotonic() + 5
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(calls) >= 3  # still looping after the listener raised
    finally:
        bg.stop()
