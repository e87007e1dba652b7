"""A hypothesis state machine over the outbox: record, sync, crash, duplicate delivery.

Real parts throughout: one live central (SQLite) and the fault proxy for the whole test,
a fresh encrypted counter store enrolled as a new device for every example. Hypothesis
interleaves:

- ``record``    visits (some with a consent) saved through the store's API;
- ``sync``      a clean pass with some batch size;
- ``crash``     a pass whose answers are dropped after the central acted (or cut short,
                or refused), then the client "dies": the store is closed and reopened;
- ``duplicate`` a batch the central already answered is delivered to it again, raw.

Invariant after every step: what the counter marked acknowledged is held by the central,
what the central holds the counter made and has not forgotten (acked or still in flight),
and nothing is held twice. After a final clean pass the three sets are equal.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from central._support import Central
from central.conftest import _central, sqlite_url  # noqa: F401 - fixture
from mpp_counter.central import db as central_db
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_pass

from ._faults_support import local_states, made_ids, new_counter, open_counter, record_visits
from .faultproxy import FaultProxy, Mode


@pytest.fixture
def rig(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[Central, FaultProxy]]:  # noqa: F811
    c = _central(sqlite_url, tmp_path, MPP_CENTRAL_ENROL_RATE="100000")  # a device per example
    with FaultProxy(c.port) as proxy:
        yield c, proxy
    c.stop()


class OutboxMachine(RuleBasedStateMachine):
    central: Central
    proxy: FaultProxy
    root: Path
    engine: object
    examples = 0
    uncertain = 0  # steps where the central held records the counter did not know it had

    @initialize()
    def new_device(self) -> None:
        type(self).examples += 1
        self.data = self.root / f"counter-{self.examples}"
        self.store: CounterStore = new_counter(self.data, self.central)
        self.device_id = self.store.setting("device_id")
        self.rnd = random.Random(self.examples)
        self.proxy.set(Mode.PASS)
        self.proxy.sent.clear()
        record_visits(self.store, 4, self.rnd)

    def held(self) -> list[str]:
        with self.engine.connect() as conn:  # type: ignore[attr-defined]
            return [
                r[0]
                for t in (central_db.visits, central_db.consents)
                for r in conn.execute(select(t.c.id).where(t.c.device_id == self.device_id))
            ]

    def sync(self, deadline_s: float, batch_size: int) -> bool:
        return sync_pass(
            lambda fn: fn(self.store),
            base_url=self.proxy.url,
            deadline_s=deadline_s,
            batch_size=batch_size,
        ).ok

    @rule(n=st.integers(1, 6))
    def record(self, n: int) -> None:
        record_visits(self.store, n, self.rnd)

    @precondition(lambda self: self.unsent() > 0)
    @rule(batch_size=st.sampled_from([2, 5, 500]))
    def clean_sync(self, batch_size: int) -> None:
        self.proxy.set(Mode.PASS)
        assert self.sync(20.0, batch_size)

    def unsent(self) -> int:
        return sum(s != "acked" for _, s in local_states(self.store).values())

    @precondition(lambda self: self.unsent() > 0)
    @rule(
        mode=st.sampled_from([Mode.DROP, Mode.TRUNCATE, Mode.REFUSE]),
        batch_size=st.sampled_from([2, 5, 500]),
        died=st.booleans(),
    )
    def crash(self, mode: Mode, batch_size: int, died: bool) -> None:
        self.proxy.set(mode)  # every attempt of this pass meets the fault
        assert not self.sync(1.0, batch_size) or not any(
            s != "acked" for _, s in local_states(self.store).values()
        )
        self.proxy.set(Mode.PASS)
        if died:
            self.store.close()
            self.store = open_counter(self.data)

    def batches_sent(self) -> list[bytes]:
        """The batches among the requests (a pass also asks for withdrawals made elsewhere)."""
        return [r for r in list(self.proxy.sent) if r.startswith(b"POST /api/v1/batches")]

    @precondition(lambda self: len(self.batches_sent()) > 0)
    @rule(pick=st.integers(0, 63))
    def duplicate(self, pick: int) -> None:
        sent = self.batches_sent()  # drawn as an index: the list depends on timing
        request = sent[pick % len(sent)]
        before = sorted(self.held())
        status, body = self.proxy.replay(request)
        assert status == 200, body[:200]
        assert json.loads(body)["duplicate"] == []  # the stored answer, not a new one
        assert sorted(self.held()) == before

    @invariant()
    def acked_held_made(self) -> None:
        held = self.held()
        assert len(held) == len(set(held)), "a record stored twice"
        states = local_states(self.store)
        acked = {i for i, (_, s) in states.items() if s == "acked"}
        unsure = {i for i, (_, s) in states.items() if s == "in_flight"}
        made = made_ids(self.store)
        assert set(states) == made["visit"] | made["consent"]
        assert acked <= set(held), "marked sent but not held"
        assert set(held) <= acked | unsure, "held but neither acked nor in flight"
        type(self).uncertain += bool(set(held) - acked)

    def teardown(self) -> None:
        if not hasattr(self, "store"):  # the example failed before it had a store
            return
        try:
            self.proxy.set(Mode.PASS)
            assert self.sync(20.0, 500)
            states = local_states(self.store)
            held = self.held()
            made = made_ids(self.store)
            assert {s for _, s in states.values()} <= {"acked"}
            assert len(held) == len(set(held))
            assert set(held) == set(states) == made["visit"] | made["consent"]
        finally:
            self.store.close()


def test_outbox_state_machine(rig: tuple[Central, FaultProxy], tmp_path: Path) -> None:
    central, proxy = rig
    engine = central_db.make_engine(central.db_url)
    machine = type(
        "Machine",
        (OutboxMachine,),
        {
            "central": central,
            "proxy": proxy,
            "root": tmp_path,
            "engine": engine,
            "examples": 0,
            "uncertain": 0,
        },
    )
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=12,
                stateful_step_count=15,
                deadline=None,
                derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        engine.dispose()
    assert machine.examples >= 12
    assert machine.uncertain > 0  # a dropped answer after the central acted was exercised
