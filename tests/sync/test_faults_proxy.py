"""The fault proxy itself, against a tiny real HTTP server that counts what it received."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from .faultproxy import FaultProxy, Mode


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[bytes] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append(body)
        out = json.dumps({"echo": body.decode(), "pad": "x" * 2000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[tuple[int, list[bytes]]]:
    seen: list[bytes] = []
    handler = type("Echo", (_Echo,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def post(url: str, body: str, timeout: float = 5) -> requests.Response:
    return requests.post(url + "/x", data=body.encode(), timeout=timeout)


def test_pass_through_and_refuse_then_recover(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    with FaultProxy(port) as p:
        r = post(p.url, "one")
        assert r.status_code == 200 and r.json()["echo"] == "one"
        p.set(Mode.REFUSE)
        with pytest.raises(requests.ConnectionError) as exc:
            post(p.url, "two")
        assert "refused" in str(exc.value).lower()
        p.set(Mode.PASS)  # the same port listens again
        assert post(p.url, "three").json()["echo"] == "three"
    assert seen == [b"one", b"three"]


def test_drop_answer_after_the_server_acted(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    with FaultProxy(port, Mode.DROP) as p:
        with pytest.raises(requests.ConnectionError):
            post(p.url, "acted")
        assert seen == [b"acted"] and p.forwarded == 1


def test_truncated_answer_is_not_a_whole_answer(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    with FaultProxy(port, Mode.TRUNCATE) as p:
        with pytest.raises((requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
            post(p.url, "cut")
        assert seen == [b"cut"]


def test_delay_beyond_the_client_timeout(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    with FaultProxy(port, Mode.DELAY, delay_s=1.0) as p:
        t = time.monotonic()
        with pytest.raises(requests.ReadTimeout):
            post(p.url, "late", timeout=0.3)
        assert seen == [b"late"]
        r = post(p.url, "patient", timeout=5)
        assert r.json()["echo"] == "patient" and time.monotonic() - t >= 1.0


def test_plan_then_standing_mode_and_counts(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    with FaultProxy(port, Mode.REFUSE) as p:
        p.plan([Mode.DROP, Mode.REFUSE, Mode.PASS])
        outcomes = []
        for body in ("a", "b", "c", "d"):
            try:
                outcomes.append(post(p.url, body).status_code)
            except requests.ConnectionError:
                outcomes.append("error")
        assert outcomes == ["error", "error", 200, "error"]
        assert seen == [b"a", b"c"]  # "b" was reset unread, "d" met the closed port
        assert p.applied[Mode.DROP] == 1 and p.applied[Mode.PASS] == 1


def test_stops_by_itself_after_its_lifetime(upstream: tuple[int, list[bytes]]) -> None:
    port, _ = upstream
    now = [1000.0]
    p = FaultProxy(port, lifetime_s=600, clock=lambda: now[0]).start()
    assert post(p.url, "alive").status_code == 200  # the loop runs: its end is fixed
    now[0] += 599
    assert not p.wait_stopped(0.2) and post(p.url, "still").status_code == 200
    now[0] += 2  # past the lifetime
    assert p.wait_stopped(10)
    with pytest.raises(requests.ConnectionError):
        post(p.url, "gone", timeout=1)
    p.stop()


def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def test_bounded_connections_are_reset(upstream: tuple[int, list[bytes]]) -> None:
    port, seen = upstream
    slow_failed: list[BaseException] = []

    def slow() -> None:
        try:
            post(p.url, "slot", timeout=60)
        except requests.RequestException as e:  # the proxy stops before it answers
            slow_failed.append(e)

    with FaultProxy(port, Mode.DELAY, delay_s=60, max_conns=1) as p:
        t = threading.Thread(target=slow)
        t.start()
        _until(lambda: p.forwarded == 1)  # "slot" holds the one connection, delayed
        with pytest.raises(requests.ConnectionError):
            post(p.url, "over", timeout=5)
    t.join(10)
    assert seen == [b"slot"] and len(slow_failed) == 1
