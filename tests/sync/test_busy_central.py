"""A central that rate-limits (429 + Retry-After) is busy, not unreachable: the counter says
when to try again, at once, and changes nothing (issue 16, item 6)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mpp_counter.store.counter import CounterStore
from sync._client_support import fake_enrolment, new_store, record_day, serve

from support import PASSPHRASE


def too_many(seconds: str | None) -> Callable[[Any], tuple[int, dict[str, str], bytes]]:
    headers = {"Retry-After": seconds} if seconds is not None else {}
    return lambda body: (429, headers, json.dumps({"error": "too many requests"}).encode())


@pytest.fixture
def busy_central():  # type: ignore[no-untyped-def]
    state, stop = serve([too_many("60")])
    yield state
    stop()


def test_enrol_at_a_busy_central_says_busy_and_when(busy_central, data_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    new_store(data_dir).close()
    t0 = time.monotonic()
    r = cli("--data-dir", str(data_dir), "enrol", busy_central.url, "ABCD-EFGH-JKMN")
    took = time.monotonic() - t0
    assert r.returncode == 1
    line = r.stderr.strip().splitlines()[-1]
    assert line.startswith("mpp-counter: ") and "busy" in line and "60 seconds" in line, line
    assert "cannot be reached" not in r.stderr and "Traceback" not in r.stderr
    assert took < 15  # it did not wait out a 30 s deadline pretending to retry
    assert len(busy_central.seen) == 1  # asked once, believed the answer
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    assert not s.status().enrolled
    s.close()


def test_sync_to_a_busy_central_says_busy_and_keeps_everything(
    busy_central, data_dir: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    s = new_store(data_dir)
    record_day(s)
    fake_enrolment(s, busy_central.url)
    pending = s.status().pending
    s.close()
    r = cli("--data-dir", str(data_dir), "sync", "--timeout", "20")
    assert r.returncode == 1
    assert "busy" in r.stderr and "60 seconds" in r.stderr, r.stderr
    assert "cannot be reached" not in r.stderr
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    assert s.status().pending == pending
    s.close()


def test_a_short_retry_after_is_waited_out(data_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from sync._client_support import good_answer

    state, stop = serve([too_many("1"), good_answer])
    try:
        s = new_store(data_dir)
        record_day(s)
        fake_enrolment(s, state.url)
        s.close()
        r = cli("--data-dir", str(data_dir), "sync", "--timeout", "20")
        assert r.returncode == 0, r.stderr
        assert len(state.seen) >= 2
    finally:
        stop()


def test_429_without_retry_after_is_still_busy(data_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    state, stop = serve([too_many(None)])
    try:
        s = new_store(data_dir)
        record_day(s)
        fake_enrolment(s, state.url)
        s.close()
        r = cli("--data-dir", str(data_dir), "sync", "--timeout", "3")
        assert r.returncode == 1
        assert "busy" in r.stderr and "try again" in r.stderr, r.stderr
        assert "cannot be reached" not in r.stderr
    finally:
        stop()
