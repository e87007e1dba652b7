"""kill -9 of the sync client between claiming a batch and settling its answer, and inside
the set-based claim and settle transactions: nothing lost, nothing counted twice. (While
a pass is sending, an answer is settled and the next batch claimed in one transaction:
its COMMIT is then the settle's and the claim's.)

A child process runs a real pass against a real central and kills itself at a chosen
point: at the n-th settle, before it writes (the central already holds the batch and
answered); at the COMMIT of the n-th settle (its UPDATEs ran, uncommitted); at the COMMIT
of the n-th claim. After each kill nothing is marked sent that the central does not hold;
a later pass resends what was in flight, verbatim, and the central counts it once.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central
from central.conftest import _central, sqlite_url  # noqa: F401 - fixtures
from mpp_counter.sync.client import sync_pass

from ._faults_support import (
    assert_exactly_once,
    assert_never_acked_unheld,
    cli_env,
    local_states,
    new_counter,
    open_counter,
    record_visits,
)

CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from mpp_counter.store import outbox_repo
    from mpp_counter.store.counter import CounterStore
    from mpp_counter.sync.client import sync_pass

    data, url, mode, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = CounterStore.open_admin(Path(data), os.environ["MPP_COUNTER_PASSPHRASE"])
    calls = {"settle": 0, "claim": 0}

    def die(sql=None):
        if sql is None or sql.startswith("COMMIT"):
            os.kill(os.getpid(), signal.SIGKILL)

    real = outbox_repo.Outbox.settle, outbox_repo.Outbox.claim, outbox_repo.Outbox.settle_and_claim

    def settling():
        calls["settle"] += 1
        if calls["settle"] == nth and mode == "before_settle":
            die()
        if calls["settle"] == nth and mode == "settle_commit":
            store.con.set_trace_callback(die)

    def claiming():
        calls["claim"] += 1
        if calls["claim"] == nth and mode == "claim_commit":
            store.con.set_trace_callback(die)

    def settle(self, *args):
        settling()
        return real[0](self, *args)

    def claim(self, *args):
        claiming()
        return real[1](self, *args)

    def settle_and_claim(self, *args):  # one transaction: both points are its COMMIT
        settling()
        claiming()
        return real[2](self, *args)

    outbox_repo.Outbox.settle, outbox_repo.Outbox.claim = settle, claim
    outbox_repo.Outbox.settle_and_claim = settle_and_claim
    sync_pass(lambda fn: fn(store), base_url=url, batch_size=25)
    print("not killed", flush=True)
""")


@pytest.fixture
def live(sqlite_url: str, tmp_path: Path) -> Iterator[Central]:  # noqa: F811
    c = _central(sqlite_url, tmp_path)
    yield c
    c.stop()


def _kill_run(data: Path, home: Path, url: str, mode: str, nth: int) -> None:
    p = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), url, mode, str(nth)],
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == -9, (p.returncode, p.stdout, p.stderr[-2000:])


@pytest.mark.parametrize("mode", ["before_settle", "settle_commit", "claim_commit"])
def test_kill9_between_claim_and_settle_loses_nothing_counts_once(
    live: Central, tmp_path: Path, mode: str
) -> None:
    import random

    rnd = random.Random(14)
    data, home = tmp_path / "counter", tmp_path / "home"
    home.mkdir()
    store = new_counter(data, live)
    record_visits(store, 120, rnd)  # ~170 records: 7 batches of 25
    store.close()
    for nth in (1, 3, 2):  # an early, a later and a repeated point; records made between
        _kill_run(data, home, live.url, mode, nth)
        store = open_counter(data)
        try:
            assert_never_acked_unheld(store, live.db_url)
            states = {s for _, s in local_states(store).values()}
            if mode != "claim_commit":  # the claimed batches are in flight, for a resend
                assert "in_flight" in states
            record_visits(store, 10, rnd)
        finally:
            store.close()
    store = open_counter(data)
    try:
        report = sync_pass(lambda fn: fn(store), base_url=live.url, batch_size=25)
        assert report.ok, report
        assert_exactly_once(store, live.db_url)
    finally:
        store.close()
