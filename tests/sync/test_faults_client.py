"""The real sync client against a real central, through faults: exactly once.

Through the fault proxy (refused connections, answers held past the timeout, cut short,
dropped after the server acted) and with the ``mpp-counter sync`` process killed -9 at
random moments: records are made between passes, passes are retried until nothing is
pending, and at every step nothing is marked sent that the central does not hold; at
the end the central holds every visit and consent the counter made, each once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central
from central.conftest import (  # noqa: F401 - fixtures
    _central,
    db_url,
    pg_admin_url,
    sqlite_url,
)
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_pass

from ._faults_support import (
    assert_exactly_once,
    assert_never_acked_unheld,
    cli_env,
    counter_cmd,
    new_counter,
    open_counter,
    record_visits,
)
from .faultproxy import FaultProxy, Mode


@pytest.fixture
def live(db_url: str, tmp_path: Path) -> Iterator[Central]:  # noqa: F811 - imported fixture
    c = _central(db_url, tmp_path)
    yield c
    c.stop()


def one_pass(store: CounterStore, url: str, deadline_s: float = 4.0, batch_size: int = 20) -> bool:
    report = sync_pass(
        lambda fn: fn(store), base_url=url, deadline_s=deadline_s, batch_size=batch_size
    )
    return report.ok


FAULTS = (Mode.REFUSE, Mode.DELAY, Mode.TRUNCATE, Mode.DROP)


@pytest.fixture
def sqlite_live(sqlite_url: str, tmp_path: Path) -> Iterator[Central]:  # noqa: F811
    c = _central(sqlite_url, tmp_path)
    yield c
    c.stop()


def test_exactly_once_through_every_fault(sqlite_live: Central, tmp_path: Path) -> None:
    """SQLite only: the central's backend is not what this exercises (see the kill tests)."""
    live = sqlite_live
    rnd = random.Random(5)
    store = new_counter(tmp_path / "counter", live)
    try:
        with FaultProxy(live.port, delay_s=3.5) as proxy:  # longer than the read timeout
            for rnd_no in range(6):
                record_visits(store, 25, rnd)
                proxy.plan(rnd.choices(FAULTS, k=3) + [FAULTS[rnd_no % 4]])
                one_pass(store, proxy.url, deadline_s=3.0)
                assert_never_acked_unheld(store, live.db_url)
            for _ in range(10):  # every planned fault is met before the plan is dropped
                if not proxy.planned:
                    break
                record_visits(store, 1, rnd)
                one_pass(store, proxy.url, deadline_s=3.0)
                assert_never_acked_unheld(store, live.db_url)
            assert proxy.planned == 0
            for mode in FAULTS:  # a standing fault: the pass gives up, nothing is lost
                record_visits(store, 5, rnd)
                proxy.set(mode)
                assert not one_pass(store, proxy.url, deadline_s=2.5)
                assert_never_acked_unheld(store, live.db_url)
            proxy.set(Mode.PASS)
            for _ in range(5):
                if one_pass(store, proxy.url, deadline_s=20):
                    break
            for mode in FAULTS:
                assert proxy.applied[mode] >= 2, proxy.applied
        assert_exactly_once(store, live.db_url)
        assert store.status().pending == 0
    finally:
        store.close()


def test_kill9_of_the_client_mid_sync(live: Central, tmp_path: Path) -> None:
    """A third of the trials kill at a random moment of the process's life, a third
    just after the request reached the central (acting, answering, or the client
    settling), a third while the proxy holds back an answer already committed."""
    rnd = random.Random(9)
    data = tmp_path / "counter"
    home = tmp_path / "home"
    home.mkdir()
    new_counter(data, live).close()
    env = cli_env(home, MPP_COUNTER_CENTRAL_URL=live.url)
    t = time.monotonic()  # a whole uninterrupted run: the span kills are drawn from
    first = subprocess.run(counter_cmd(data, "sync"), env=env, capture_output=True, timeout=60)
    assert first.returncode == 0, first.stderr
    span = time.monotonic() - t
    kills = 0
    with FaultProxy(live.port, Mode.DELAY, delay_s=0.8) as proxy:
        for trial in range(12):
            store = open_counter(data)
            record_visits(store, 30, rnd)
            store.close()
            how = trial % 3  # 0: any moment; 1: server acting / client settling; 2: answer held
            proxy.set(Mode.DELAY if how == 2 else Mode.PASS)
            env = cli_env(home, MPP_COUNTER_CENTRAL_URL=live.url if how == 0 else proxy.url)
            before = proxy.forwarded
            p = subprocess.Popen(
                counter_cmd(data, "sync", "--timeout", "20"),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            if how == 0:
                time.sleep(rnd.uniform(0.05, 0.95) * span)
            else:
                deadline = time.monotonic() + 30
                while proxy.forwarded == before and p.poll() is None:
                    assert time.monotonic() < deadline
                    time.sleep(0.002)
                time.sleep(rnd.uniform(0.0, 0.85 if how == 2 else 0.08))
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                kills += 1
            p.wait(30)
            store = open_counter(data)
            try:
                assert_never_acked_unheld(store, live.db_url)
            finally:
                store.close()
    assert kills >= 8, f"only {kills} of 12 trials killed the client mid-sync"
    env = cli_env(home, MPP_COUNTER_CENTRAL_URL=live.url)
    done = subprocess.run(
        counter_cmd(data, "sync"), env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    status = subprocess.run(
        counter_cmd(data, "status", "--json"), env=env, capture_output=True, text=True, timeout=60
    )
    assert json.loads(status.stdout)["pending"] == 0
    store = open_counter(data)
    try:
        assert_exactly_once(store, live.db_url)
    finally:
        store.close()
