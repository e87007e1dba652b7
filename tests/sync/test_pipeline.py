"""The pass's pipeline (sync/pipeline.py), against a tiny real HTTP server: batches leave
in outbox order, one at a time, each record once; records this counter cannot build are
flagged wherever they fall (inside a batch or a whole batch of them), and the rest goes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_pass

from ._client_support import fake_enrolment, good_answer, new_store, outbox_states, serve


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CounterStore]:
    s = new_store(tmp_path / "counter")
    for i in range(40):
        s.record(
            "DUK-KTP",
            Outcome.DECLINED if i % 3 else Outcome.NOT_ASKED,
            not_asked_reason=None if i % 3 else "no_phone",
        )
    yield s
    s.close()


def _ids_by_seq(store: CounterStore) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT id FROM visits ORDER BY seq")]


def test_batches_leave_in_order_once_each_and_unbuildable_records_are_flagged(
    store: CounterStore,
) -> None:
    ids = _ids_by_seq(store)
    broken = [ids[7], *ids[20:25], ids[33]]  # one inside a batch, a whole batch, one more
    store.con.execute(
        "UPDATE visits SET at = 'not a time' WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(broken),),
    )
    server, stop = serve([good_answer])
    try:
        fake_enrolment(store, server.url)
        report = sync_pass(lambda fn: fn(store), base_url=server.url, batch_size=5)
    finally:
        stop()
    assert report.ok and report.acked == 40 - len(broken) and report.rejected == len(broken)
    posted = [r["id"] for body in server.seen for r in body["records"]]
    assert posted == [i for i in ids if i not in broken]  # in order, each once
    assert all(0 < len(body["records"]) <= 5 for body in server.seen)
    assert len({body["batch_id"] for body in server.seen}) == len(server.seen)
    states = outbox_states(store)
    assert {states[i] for i in broken} == {"rejected"}
    assert {states[i] for i in ids if i not in broken} == {"acked"}
    reasons = {rid: why for rid, _, why in store.outbox.rejected()}
    assert all(reasons[i].startswith("local: ") for i in broken)
    # what the central was told was still waiting, batch by batch: never more than before
    backlogs = [body["client"]["backlog"] for body in server.seen]
    assert backlogs == sorted(backlogs, reverse=True) and backlogs[0] == 40


def test_one_batch_on_the_wire_at_a_time(store: CounterStore) -> None:
    """The next batch leaves only after the previous answer came (a batch's answer is what
    settles it): the server never holds two requests at once."""
    import threading

    inside = threading.Semaphore(1)
    overlapped: list[bool] = []

    def step(body):  # type: ignore[no-untyped-def]
        got = inside.acquire(blocking=False)
        overlapped.append(not got)
        try:
            return good_answer(body)
        finally:
            if got:
                inside.release()

    server, stop = serve([step])
    try:
        fake_enrolment(store, server.url)
        report = sync_pass(lambda fn: fn(store), base_url=server.url, batch_size=4)
    finally:
        stop()
    assert report.ok and report.acked == 40 and len(overlapped) == 10
    assert not any(overlapped)


def _refused(body):  # type: ignore[no-untyped-def]
    return 400, {}, json.dumps({"error": "bad batch"}).encode()


def _html(body):  # type: ignore[no-untyped-def]
    return 200, {"Content-Type": "text/html"}, b"<html>a proxy's page</html>"


@pytest.mark.parametrize(
    ("first", "leaving"),
    [(_refused, 1), (_html, 2)],
    ids=["an error status: nothing more leaves", "an unusable 2xx: at most one more"],
)
def test_batches_queued_behind_a_failed_one_wait_for_the_next_pass(
    store: CounterStore, first, leaving: int
) -> None:  # type: ignore[no-untyped-def]
    """The wire sends the queued batch on a 2xx reply without waiting for the pass to read
    it; anything else stops it. What did not leave, or left without a usable answer, is
    in flight and goes verbatim with the next pass; nothing is lost or sent twice there."""
    import sys

    interval = sys.getswitchinterval()
    server, stop = serve([first])
    try:
        fake_enrolment(store, server.url)
        report = sync_pass(lambda fn: fn(store), base_url=server.url, batch_size=4)
    finally:
        stop()
    assert not report.ok and report.acked == 0
    assert len(server.seen) == leaving and report.sent == 4 * leaving
    assert sys.getswitchinterval() == interval  # the pass's setting is undone
    first_pass = {body["batch_id"]: body["records"] for body in server.seen}
    in_flight = {
        r[0] for r in store.con.execute("SELECT batch_id FROM outbox WHERE state = 'in_flight'")
    }
    assert set(first_pass) <= in_flight and len(in_flight) == 3  # the pipeline's three
    server, stop = serve([good_answer])
    try:
        report = sync_pass(lambda fn: fn(store), base_url=server.url, batch_size=4)
    finally:
        stop()
    assert report.ok and report.acked == 40
    again = [body["batch_id"] for body in server.seen]
    assert set(again[: len(in_flight)]) == in_flight  # the unanswered ones first
    for body in server.seen:  # verbatim: the same records under the same batch id
        assert body["records"] == first_pass.get(body["batch_id"], body["records"])
    posted = [r["id"] for body in server.seen for r in body["records"]]
    assert sorted(posted) == sorted(_ids_by_seq(store))  # each record once in this pass
    assert set(outbox_states(store).values()) == {"acked"}
