"""The bare server against a log reader and a slow client: no receipt secret in the log
whatever the path's spelling, and no connection held open by trickling bytes."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._support import Central, cli, phone


@pytest.fixture
def slow_central(sqlite_url: str, tmp_path: Path) -> Iterator[Central]:
    cli(
        sqlite_url,
        "campaign",
        "create",
        "--id",
        "SPI-2026",
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp_path / "campaign-key.json"),
    )
    c = Central(
        sqlite_url,
        tmp_path,
        extra_env={"MPP_CENTRAL_HEADER_TIMEOUT": "1.5", "MPP_CENTRAL_BODY_TIMEOUT": "1.5"},
    ).start()
    yield c
    c.stop()


def raw_request(central: Central, head: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", central.port), timeout=10) as s:
        s.sendall(head)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def test_no_spelling_of_a_receipt_path_puts_its_secret_in_the_log(sqlite_central: Central) -> None:
    dev = sqlite_central.enrol()
    v, c, secret = dev.agreed(phone(4101))
    assert dev.post(dev.batch([v, c])).status_code == 200
    receipt = c["receipt"]
    paths = [
        f"/r/{receipt}/{secret}",
        f"/r/{receipt}/{secret}.json",
        f"/r/{receipt}/{secret}/withdraw",
        f"//r/{receipt}/{secret}",
        f"/./r/{receipt}/{secret}",
        f"/R/{receipt}/{secret}",
        f"/%72/{receipt}/{secret}",
        f"/x/../r/{receipt}/{secret}",
        f"/r//{receipt}/{secret}",
        f"/api/v1/../../r/{receipt}/{secret}",
        f"/r/{receipt}/{secret}?q={secret}",
        f"/{secret}",
    ]
    for path in paths:
        answer = raw_request(
            sqlite_central, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        )
        assert answer.startswith(b"HTTP/1.1 "), path
    time.sleep(0.3)  # the server's log handler writes after the answer is sent
    log = sqlite_central.log_text()
    assert secret not in log
    assert secret.upper() not in log
    assert "GET /r/{receipt}/{secret} 200" in log  # the route template is what is logged
    assert "GET (no route) 404" in log


def test_a_request_head_trickled_byte_by_byte_is_cut_off(slow_central: Central) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", slow_central.port), timeout=10) as s:
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
        closed = False
        for _ in range(40):  # one header byte every 0.25 s: uvicorn alone waits for ever
            try:
                s.sendall(b"X")
                time.sleep(0.25)
                s.setblocking(False)
                try:
                    closed = s.recv(1) == b""
                except BlockingIOError:
                    pass
                finally:
                    s.setblocking(True)
            except OSError:
                closed = True
            if closed:
                break
    assert closed, "the server kept a trickling request head open for 10 s"
    assert time.monotonic() - started < 5


def test_a_silent_connection_is_closed(slow_central: Central) -> None:
    with socket.create_connection(("127.0.0.1", slow_central.port), timeout=10) as s:
        started = time.monotonic()
        assert s.recv(1) == b""  # closed by the server, not by our 10 s timeout
    assert time.monotonic() - started < 5


def test_a_body_trickled_slowly_gets_408(slow_central: Central) -> None:
    dev = slow_central.enrol()
    with socket.create_connection(("127.0.0.1", slow_central.port), timeout=10) as s:
        s.sendall(
            f"POST /api/v1/batches HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            f"{dev.token}\r\nContent-Type: application/json\r\n"
            "Content-Length: 5000\r\n\r\n{".encode()
        )
        started = time.monotonic()
        answer = b""
        for _ in range(40):
            try:
                s.sendall(b" ")
            except OSError:
                break
            s.settimeout(0.25)
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                continue
            answer += chunk
            if not chunk or b"\r\n\r\n" in answer:
                break
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
    assert time.monotonic() - started < 5


def test_a_normal_request_on_a_kept_connection_still_works(slow_central: Central) -> None:
    with socket.create_connection(("127.0.0.1", slow_central.port), timeout=10) as s:
        for _ in range(2):
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while not answer.endswith(b"}"):
                chunk = s.recv(65536)
                assert chunk, "the server closed a kept connection between requests"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
            time.sleep(2)  # idle longer than the head timeout: keep-alive is 75 s
