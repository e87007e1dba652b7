"""Answers a real central never gives, from a tiny real HTTP server on 127.0.0.1:
nothing is marked delivered that was not, and what should be retried is retried."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_once

from ._client_support import (
    fake_enrolment,
    good_answer,
    new_store,
    outbox_states,
    record_day,
    serve,
)

Step = Any


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CounterStore]:
    s = new_store(tmp_path / "counter")
    record_day(s, 2, 2)  # 4 visits, 2 consents, 1 withdrawal
    yield s
    s.close()


def _run(store: CounterStore, plan: list[Step], deadline_s: float = 20.0):  # type: ignore[no-untyped-def]
    server, stop = serve(plan)
    try:
        fake_enrolment(store, server.url)
        return sync_once(store, deadline_s=deadline_s), server
    finally:
        stop()


def raw(status: int, body: bytes, **headers: str) -> Step:
    return lambda _body: (status, dict(headers), body)


def answer(**change: Any) -> Step:
    def step(body: Any) -> tuple[int, dict[str, str], bytes]:
        status, headers, out = good_answer(body)
        doc = json.loads(out)
        doc.update({k: (v(body) if callable(v) else v) for k, v in change.items()})
        return status, headers, json.dumps(doc).encode()

    return step


NOT_SENT = "0b5e2f0e-0000-4000-8000-000000000001"


@pytest.mark.parametrize(
    "bad",
    [
        raw(
            200,
            b"<html><body>Captive portal: please log in</body></html>",
            **{"Content-Type": "text/html"},
        ),
        lambda body: (200, {}, good_answer(body)[2][:40]),  # truncated JSON
        answer(batch_id="0b5e2f0e-0000-4000-8000-00000000ffff"),  # another batch
        answer(accepted=lambda b: [r["id"] for r in b["records"]] + [NOT_SENT]),  # never sent
        answer(
            accepted=lambda b: [r["id"] for r in b["records"]],
            rejected=lambda b: [{"id": b["records"][0]["id"], "reason": "x"}],
        ),  # both
        answer(server_time="yesterday"),
        raw(200, b"[]"),
    ],
    ids=[
        "html",
        "truncated",
        "wrong-batch",
        "acks-unsent",
        "acked-and-rejected",
        "bad-time",
        "not-an-object",
    ],
)
def test_bad_answer_marks_nothing(store: CounterStore, bad: Step) -> None:
    before = outbox_states(store)
    report, server = _run(store, [bad])
    assert report.error
    assert "nothing" in report.error.lower() or "malformed" in report.error.lower()
    assert report.acked == 0 and report.pending_after == 7
    after = outbox_states(store)
    assert sorted(after) == sorted(before)
    assert set(after.values()) == {"in_flight"}
    assert len(server.seen) == 1  # a bad answer is not retried within the pass

    # the next pass resends the very same batch, and a good answer settles it
    first = server.seen[0]
    report, server = _run(store, [good_answer])
    assert report.ok and report.acked == 7
    again = server.seen[0]
    assert again["batch_id"] == first["batch_id"] and again["records"] == first["records"]
    assert set(outbox_states(store).values()) == {"acked"}


def test_500_then_ok_retries_same_batch(store: CounterStore) -> None:
    report, server = _run(
        store,
        [
            raw(500, b'{"error": "Internal error."}'),
            raw(503, b"", **{"Retry-After": "0"}),
            good_answer,
        ],
    )
    assert report.ok and report.acked == 7 and report.error is None
    assert len(server.seen) == 3
    assert len({json.dumps(s["records"]) for s in server.seen}) == 1
    assert len({s["batch_id"] for s in server.seen}) == 1
    assert store.status().last_sync is not None


def test_429_honours_retry_after(store: CounterStore) -> None:
    t0 = time.monotonic()
    report, server = _run(
        store, [raw(429, b'{"error": "slow down"}', **{"Retry-After": "2"}), good_answer]
    )
    assert report.ok and len(server.seen) == 2
    assert time.monotonic() - t0 >= 2.0


def test_retry_after_past_the_deadline_gives_up(store: CounterStore) -> None:
    t0 = time.monotonic()
    report, server = _run(store, [raw(429, b"{}", **{"Retry-After": "120"})], deadline_s=5)
    assert time.monotonic() - t0 < 5
    # busy, not unreachable: the central answered, and said when to come back
    assert report.error == (
        "The central at 127.0.0.1 is busy: try again in 120 seconds. Nothing was lost."
    )
    assert "cannot be reached" not in report.error  # a rate limit is not an outage
    assert set(outbox_states(store).values()) == {"in_flight"}


def test_5xx_until_the_deadline_keeps_everything(store: CounterStore) -> None:
    t0 = time.monotonic()
    report, server = _run(store, [raw(502, b"bad gateway")], deadline_s=4)
    assert time.monotonic() - t0 < 8
    assert report.error and report.acked == 0 and len(server.seen) >= 2
    assert set(outbox_states(store).values()) == {"in_flight"}


def test_rejected_records_are_kept_and_flagged(store: CounterStore) -> None:
    def reject_consents(body: Any) -> tuple[int, dict[str, str], bytes]:
        ids = [r["id"] for r in body["records"] if r["kind"] != "consent"]
        bad = [
            {
                "id": r["id"],
                "reason": "The number is sealed to a campaign this central does not know.",
            }
            for r in body["records"]
            if r["kind"] == "consent"
        ]
        return (
            200,
            {},
            json.dumps(
                {
                    "batch_id": body["batch_id"],
                    "accepted": ids[:2],
                    "duplicate": ids[2:],
                    "rejected": bad,
                    "server_time": "2026-01-01T00:00:00Z",
                }
            ).encode(),
        )

    report, _ = _run(store, [reject_consents])
    assert report.ok and report.acked == 5 and report.rejected == 2
    st = store.status()
    assert st.rejected == 2 and st.pending == 0
    flagged = store.outbox.rejected()
    assert {k for _, k, _ in flagged} == {"consent"} and "campaign" in flagged[0][2]
    assert store.con.execute("SELECT count(*) FROM consents").fetchone()[0] == 2  # kept
    report, server = _run(store, [good_answer])
    assert report.sent == 0 and server.seen == []  # flagged records are not resent


def test_partial_answer_leaves_the_rest_for_later(store: CounterStore) -> None:
    half = answer(accepted=lambda b: [r["id"] for r in b["records"]][:3])
    report, server = _run(store, [half])
    assert report.ok and report.acked == 7 and len(server.seen) == 3  # 7 = 3 + 3 + 1
    states = outbox_states(store)
    first = server.seen[0]
    assert [states[r["id"]] for r in first["records"][:3]] == ["acked"] * 3
    # the 4 unanswered ids were sent again, in a new batch, within the same pass
    assert len(server.seen) >= 2 and server.seen[1]["batch_id"] != first["batch_id"]
    assert {r["id"] for r in server.seen[1]["records"]} == {r["id"] for r in first["records"][3:]}


def test_whole_batch_refused_is_kept(store: CounterStore) -> None:
    report, server = _run(store, [raw(400, b'{"error": "The batch is malformed."}')])
    assert report.error and "HTTP 400" in report.error and "kept" in report.error
    assert not report.revoked and len(server.seen) == 1
    rows = store.con.execute("SELECT state, last_error FROM outbox").fetchall()
    assert {s for s, _ in rows} == {"in_flight"} and all("400" in (e or "") for _, e in rows)


def test_wire_format_headers_and_gzip(store: CounterStore) -> None:
    report, server = _run(store, [good_answer])
    assert report.ok
    h = {k.lower(): v for k, v in server.headers[0].items()}
    assert h["content-encoding"] == "gzip"
    assert h["user-agent"].startswith("mpp-counter/")
    assert h["authorization"] == "Bearer " + "t" * 43
    body = server.seen[0]
    assert body["protocol"] == 1 and body["device_id"]
    kinds = sorted(r["kind"] for r in body["records"])
    assert kinds == ["consent"] * 2 + ["visit"] * 4 + ["withdrawal"]
    visits = [r for r in body["records"] if r["kind"] == "visit"]
    assert all(v["device_time"].endswith("+07:00") for v in visits)  # WIB local time
    assert sorted(r["seq"] for r in visits) == [1, 2, 3, 4]


def test_the_deadline_bounds_an_outage_not_a_long_backlog(store: CounterStore) -> None:
    """Three slow batches take longer than the deadline, yet each makes progress."""
    from mpp_counter.sync.client import sync_pass

    def slow(body: Any) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.7)
        return good_answer(body)

    server, stop = serve([slow])
    try:
        fake_enrolment(store, server.url)
        t0 = time.monotonic()
        report = sync_pass(lambda fn: fn(store), deadline_s=1.5, batch_size=3)
        assert time.monotonic() - t0 > 1.5
    finally:
        stop()
    assert report.ok and report.acked == 7 and len(server.seen) == 3


def test_cli_lists_flagged_records(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "cli-counter"
    s = new_store(data)
    try:
        record_day(s, 1, 1)
    finally:
        s.close()

    def reject_consent(body: Any) -> tuple[int, dict[str, str], bytes]:
        ok = [r["id"] for r in body["records"] if r["kind"] != "consent"]
        bad = [
            {"id": r["id"], "reason": "Not a campaign this central knows."}
            for r in body["records"]
            if r["kind"] == "consent"
        ]
        return (
            200,
            {},
            json.dumps(
                {
                    "batch_id": body["batch_id"],
                    "accepted": ok,
                    "duplicate": [],
                    "rejected": bad,
                    "server_time": "2026-01-01T00:00:00Z",
                }
            ).encode(),
        )

    server, stop = serve([reject_consent])
    try:
        s = CounterStore.open_admin(data, "kata sandi admin uji 2026")
        try:
            fake_enrolment(s, "http://127.0.0.1:9")
        finally:
            s.close()
        p = cli("--data-dir", str(data), "sync", env={"MPP_COUNTER_CENTRAL_URL": server.url})
    finally:
        stop()
    assert p.returncode == 0, p.stderr  # nothing pending: the flagged one waits for an admin
    assert p.stdout.startswith("sent 4, acknowledged 3, rejected 1, pending 0, flagged 1")
    p = cli("--data-dir", str(data), "sync", "--rejected")
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    assert len(rows) == 1 and rows[0][1] == "consent" and "campaign" in rows[0][2]


def test_a_central_that_never_answers_is_given_up_on(store: CounterStore) -> None:
    """Connections are accepted (by the kernel) and requests swallowed: read timeouts,
    retried, yet the pass ends near its deadline with everything kept."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        fake_enrolment(store, f"http://127.0.0.1:{silent.getsockname()[1]}")
        t0 = time.monotonic()
        report = sync_once(store, deadline_s=6)
        took = time.monotonic() - t0
    assert 5 < took < 6 + 5 + 1, took
    assert report.error and "cannot be reached" in report.error
    assert "acked" not in outbox_states(store).values()


def test_a_refused_batch_id_is_released_into_a_new_batch(store: CounterStore) -> None:
    report, server = _run(store, [raw(409, b'{"error": "This batch_id was already used."}')])
    assert report.error and "409" in report.error and report.acked == 0
    assert set(outbox_states(store).values()) == {"pending"}  # kept, not stuck in flight
    first = server.seen[0]
    report, server = _run(store, [good_answer])
    assert report.ok and report.acked == 7
    assert server.seen[0]["batch_id"] != first["batch_id"]
    assert server.seen[0]["records"] == first["records"]


def test_an_answer_without_progress_ends_the_pass(store: CounterStore) -> None:
    report, server = _run(store, [answer(accepted=[])])
    assert report.error and "without acknowledging" in report.error
    assert len(server.seen) == 1 and report.acked == 0
    assert set(outbox_states(store).values()) == {"pending"}


def test_a_redirect_is_not_followed(store: CounterStore) -> None:
    report, server = _run(store, [raw(301, b"", Location="https://elsewhere.invalid/")])
    assert report.error and "redirect" in report.error and len(server.seen) == 1
    assert set(outbox_states(store).values()) == {"in_flight"}
