"""Real parts for the sync client's tests: a live central with a campaign, a counter store
enrolled at it, and a tiny scripted HTTP server for answers a real central never gives."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

from central._support import Central, cli, env, free_port
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE, new_store  # noqa: F401 - new_store for the sync tests

CAMPAIGN = "SPI-2026"
SERVICE = "DUK-KTP"


def fake(n: int) -> str:
    """Obviously fake numbers, 0812-0000-xxxx."""
    return f"08120000{n:04d}"


def start_central(tmp_path: Path, **extra_env: str) -> Central:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli(url, "init")
    cli(
        url,
        "campaign",
        "create",
        "--id",
        CAMPAIGN,
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp_path / "campaign-key.json"),
        "--verify-base-url",
        "https://spi.invalid",
    )
    return Central(url, tmp_path, extra_env=extra_env).start()


def running_central(tmp_path: Path) -> Iterator[Central]:
    """Body of a ``central`` fixture: a live central on loopback, stopped afterwards."""
    c = start_central(tmp_path)
    yield c
    c.stop()


@contextmanager
def running_tls_central(tmp_path: Path) -> Iterator[tuple[str, Path, Central]]:
    """A central database served by uvicorn over TLS on 127.0.0.1, its certificate from a
    throw-away CA (trustme): yields (https URL, CA file, the central for its CLI)."""
    import trustme

    plain = start_central(tmp_path)
    plain.stop()
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    key_pem, cert_pem, ca_pem = tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "ca.pem"
    cert.private_key_pem.write_to_path(str(key_pem))
    cert.cert_chain_pems[0].write_to_path(str(cert_pem))
    ca.cert_pem.write_to_path(str(ca_pem))
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "mpp_counter.central.app:app_from_env",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ssl-keyfile",
            str(key_pem),
            "--ssl-certfile",
            str(cert_pem),
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "5",
        ],
        env=env(MPP_CENTRAL_DB=plain.db_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"https://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:  # the positive control: with the CA trusted, the server answers
                if requests.get(url + "/api/v1/health", verify=str(ca_pem), timeout=1).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url, ca_pem, plain
    finally:
        proc.terminate()
        proc.wait(10)


def record_day(store: CounterStore, n_consents: int = 3, n_other: int = 2) -> list[str]:
    """Consents, declined and not-asked visits and one withdrawal; returns the receipts."""
    receipts = []
    for i in range(n_consents):
        r = store.record(SERVICE, Outcome.AGREED, phone=fake(1000 + i))
        assert r.receipt
        receipts.append(r.receipt)
    for i in range(n_other):
        store.record(
            SERVICE,
            Outcome.DECLINED if i % 2 else Outcome.NOT_ASKED,
            not_asked_reason=None if i % 2 else "no_phone",
        )
    if receipts:
        store.withdraw(receipts[-1])
    return receipts


def enrol_code(central: Central, mpp: str = "BKL01", counter: str = "Loket 1") -> str:
    """A code for one MPP and counter: the counter enrolling with it must be set up so."""
    return central.cli("enrol-code", "--mpp", mpp, "--counter", counter).stdout.splitlines()[-1]


def outbox_states(store: CounterStore) -> dict[str, str]:
    return dict(store.con.execute("SELECT record_id, state FROM outbox"))


def stats(central: Central) -> dict[str, int]:
    return json.loads(central.cli("stats", "--json").stdout)


# --- a scripted server ----------------------------------------------------------------


@dataclass
class Scripted:
    """Answers each POST with the next step of ``plan``; ``seen`` holds decoded bodies.

    A step is a function (request body as JSON) -> (status, headers, raw body bytes)."""

    plan: list[Callable[[Any], tuple[int, dict[str, str], bytes]]]
    seen: list[Any] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def serve(
    plan: list[Callable[[Any], tuple[int, dict[str, str], bytes]]],
    get: Callable[[str], tuple[int, dict[str, str], bytes]] | None = None,
) -> tuple[Scripted, Callable[[], None]]:
    import gzip

    state = Scripted(list(plan))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            if get is not None:
                self._answer(*get(self.path))
                return
            self._answer(
                200,
                {},
                json.dumps(
                    {"status": "ok", "protocol": 1, "server_time": "2026-01-01T00:00:00Z"}
                ).encode(),
            )

        def do_POST(self) -> None:  # noqa: N802
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("Content-Encoding") == "gzip":
                raw = gzip.decompress(raw)
            body = json.loads(raw)
            state.seen.append(body)
            state.headers.append(dict(self.headers))
            step = state.plan.pop(0) if len(state.plan) > 1 else state.plan[0]
            self._answer(*step(body))

        def _answer(self, status: int, headers: dict[str, str], out: bytes) -> None:
            self.send_response(status)
            for k, v in {"Content-Type": "application/json", **headers}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return state, stop


def good_answer(body: Any) -> tuple[int, dict[str, str], bytes]:
    """What a central says when it stored everything."""
    ids = [r["id"] for r in body["records"]]
    return (
        200,
        {},
        json.dumps(
            {
                "batch_id": body["batch_id"],
                "accepted": ids,
                "duplicate": [],
                "rejected": [],
                "server_time": "2026-01-01T00:00:00Z",
            }
        ).encode(),
    )


def fake_enrolment(store: CounterStore, url: str) -> None:
    """Enrol a store for a scripted server: the settings a real enrolment leaves."""
    from mpp_counter.store.db import transaction

    with transaction(store.con):
        store.con.executemany(
            "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
            [
                ("device_id", "6f1b7c2e-1111-4222-8333-944455556666"),
                ("device_token", "t" * 43),
                ("central_url", url),
            ],
        )
    store.forget_cached()
