"""Real parts for the central's tests: a throw-away PostgreSQL cluster, a uvicorn
server in its own process on a free loopback port, the CLI as a subprocess, and
record builders that seal numbers the way a counter does (PyNaCl SealedBox)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import requests
from nacl.public import PublicKey, SealedBox

from mpp_counter.central import cli as central_cli
from mpp_counter.domain import receipt as receipt_codes
from mpp_counter.domain.catalog import Campaign

from support import sweep_dead_sessions

SRC = Path(__file__).resolve().parents[2] / "src"
PG_BIN = Path(os.environ.get("MPP_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
WIB = timezone(timedelta(hours=7))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(SRC) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("MPP_CENTRAL_DB", None)
    e.update(extra)
    return e


def cli(
    db_url: str, *args: str, check: bool = True, process: bool = False
) -> subprocess.CompletedProcess:
    """``mpp-central`` in a child process, or in this one (same code, no interpreter start)
    for the many set-up calls whose process boundary is not what is being tested."""
    argv = ["--db", db_url, *args]
    if process:
        p = subprocess.run(
            [sys.executable, "-m", "mpp_counter.central.cli", *argv],
            capture_output=True,
            text=True,
            env=env(),
            timeout=120,
        )
    else:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = central_cli.main(argv)
            except SystemExit as exc:
                code = int(exc.code or 0)
        p = subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    if check and p.returncode != 0:
        raise AssertionError(f"mpp-central {args[0]} exited {p.returncode}: {p.stderr}")
    return p


# --- PostgreSQL ------------------------------------------------------------------------


class PgCluster:
    """initdb into a temp dir, listen on loopback only, trust auth; as root the server
    runs as the ``postgres`` user (PostgreSQL refuses to run as root)."""

    def __init__(self) -> None:
        sweep_dead_sessions("mpp-pg-")  # clusters of killed sessions
        self.dir = Path(tempfile.mkdtemp(prefix="mpp-pg-"))
        (self.dir / "owner.pid").write_text(str(os.getpid()))
        self.port = free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"

    def _run(self, *cmd: str) -> None:
        subprocess.run(
            [*self.prefix, *cmd], check=True, capture_output=True, timeout=120, cwd=self.dir
        )

    def start(self) -> None:
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )
        opts = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            opts,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"


def new_pg_database(admin_url: str) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + "/" + name


# --- the server ------------------------------------------------------------------------


@dataclass
class Central:
    db_url: str
    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: int = 1

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Central:
        log = open(self.workdir / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mpp_counter.central.cli",
                "--db",
                self.db_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env(**self.extra_env),
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the central exited: " + self.log_text()[-2000:])
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.05)
        raise AssertionError("the central did not start: " + self.log_text()[-2000:])

    def log_text(self) -> str:
        return (self.workdir / f"server-{self.port}.log").read_text("utf-8", "replace")

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the server and any worker it spawned
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def cli(
        self, *args: str, check: bool = True, process: bool = False
    ) -> subprocess.CompletedProcess:
        return cli(self.db_url, *args, check=check, process=process)

    def enrol(self, mpp: str = "BKL01", counter: str = "Loket 1") -> Device:
        code = self.cli("enrol-code", "--mpp", mpp, "--counter", counter).stdout.splitlines()[-1]
        r = requests.post(
            self.url + "/api/v1/enrol",
            json={"code": code, "client_version": "test", "mpp": mpp, "counter": counter},
            timeout=10,
        )
        assert r.status_code == 200, r.text
        a = r.json()
        return Device(
            self,
            a["device_id"],
            a["token"],
            mpp,
            counter,
            base64.b64decode(a["campaign"]["public_key"]),
            a["campaign"],
        )


@dataclass
class Device:
    central: Central
    id: str
    token: str
    mpp: str
    counter: str
    public_key: bytes
    campaign: dict[str, Any]
    seq: int = 0

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def post(self, body: Any, **kw: Any) -> requests.Response:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **self.auth, **kw.pop("headers", {})}
        return requests.post(
            self.central.url + "/api/v1/batches",
            data=data,
            headers=headers,
            timeout=kw.pop("timeout", 30),
            **kw,
        )

    def batch(self, records: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
        return {
            "protocol": 1,
            "batch_id": batch_id or str(uuid.uuid4()),
            "device_id": self.id,
            "sent_at": iso(datetime.now(UTC)),
            "records": records,
        }

    # --- records, as a counter makes them --------------------------------------------

    def visit(
        self,
        outcome: str = "declined",
        consent_id: str | None = None,
        service: str = "DUK-KTP",
        agency: str = "DUKCAPIL",
        at: datetime | None = None,
        clerk: str = "Sari",
    ) -> dict[str, Any]:
        at = at or datetime.now(UTC)
        return {
            "kind": "visit",
            "id": str(uuid.uuid4()),
            "seq": self.next_seq(),
            "at": iso(at),
            "device_time": at.astimezone(WIB).isoformat(),
            "mpp": self.mpp,
            "counter": self.counter,
            "clerk": clerk,
            "agency": agency,
            "service": service,
            "outcome": outcome,
            "not_asked_reason": "no_phone" if outcome == "not_asked" else None,
            "consent_id": consent_id,
        }

    def agreed(
        self,
        phone: str,
        service: str = "DUK-KTP",
        agency: str = "DUKCAPIL",
        at: datetime | None = None,
        clerk: str = "Sari",
    ) -> tuple[dict[str, Any], dict[str, Any], str]:
        """A visit with its consent; returns (visit, consent, receipt secret)."""
        at = at or datetime.now(UTC)
        consent_id = str(uuid.uuid4())
        v = self.visit("agreed", consent_id, service, agency, at, clerk)
        secret = receipt_codes.new_secret()
        c = consent_record(consent_id, self.next_seq(), v["id"], at, self, phone, secret, clerk)
        return v, c, secret

    def withdrawal(
        self,
        *,
        consent_id: str | None = None,
        receipt: str | None = None,
        phone: str | None = None,
        at: datetime | None = None,
        last4: str | None = None,
    ) -> dict[str, Any]:
        """``last4`` with ``receipt``: a withdrawal by code at a counter that never saw it."""
        return {
            "kind": "withdrawal",
            "id": str(uuid.uuid4()),
            "seq": self.next_seq(),
            "at": iso(at or datetime.now(UTC)),
            "consent_id": consent_id,
            "receipt": receipt,
            "phone_sealed": seal(self.public_key, phone) if phone else None,
            "sealed_to": self.campaign["id"] if phone else None,
            "mpp": self.mpp,
            "counter": self.counter,
            "clerk": "Sari",
            **({"phone_last4": last4} if last4 is not None else {}),
        }


def iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def seal(public_key: bytes, e164: str) -> str:
    return base64.b64encode(SealedBox(PublicKey(public_key)).encrypt(e164.encode())).decode()


def consent_record(
    consent_id: str,
    seq: int,
    visit_id: str,
    at: datetime,
    dev: Device,
    phone: str,
    secret: str,
    clerk: str = "Sari",
) -> dict[str, Any]:
    c = Campaign(**{k: v for k, v in dev.campaign.items()})
    return {
        "kind": "consent",
        "id": consent_id,
        "seq": seq,
        "visit_id": visit_id,
        "at": iso(at),
        "receipt": receipt_codes.new_code(),
        "receipt_secret_sha256": hashlib.sha256(secret.encode()).hexdigest(),
        "campaign_id": c.id,
        "notice_version": c.notice_version,
        "notice_hash": c.notice_hash,
        "purpose": c.purpose_id,
        "channel": "WhatsApp",
        "controller": c.controller,
        "controller_contact": c.controller_contact,
        "retention_days": c.retention_days,
        "jurisdiction": "ID",
        "collection_method": "verbal notice at the counter, recorded by the clerk",
        "mpp": dev.mpp,
        "counter": dev.counter,
        "clerk": clerk,
        "phone_sealed": seal(dev.public_key, phone),
        "phone_last4": phone[-4:],
        "sealed_to": c.id,
    }


def phone(n: int) -> str:
    """Fake numbers only, in the 0812-0000-xxxx range, as E.164."""
    assert 0 <= n <= 9999
    return f"+6281200000{n:04d}"


def withdraw_on_page(central: Central, receipt: str, secret: str) -> requests.Response:
    """What the citizen's browser does on the QR page: open the confirmation, send its
    form back from the same origin. Returns the answer to the POST (a 303)."""
    base = f"{central.url}/r/{receipt}/{secret}"
    page = requests.get(base + "/withdraw", timeout=10, allow_redirects=False)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    return requests.post(
        base + "/withdraw",
        data={"csrf": token.group(1)},
        timeout=10,
        headers={"Origin": central.url},
        allow_redirects=False,
    )
