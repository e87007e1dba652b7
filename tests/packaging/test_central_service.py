"""The central as packaging/central deploys it: the systemd unit's own command line with
4 uvicorn workers, the environment file's kind of database URL (PostgreSQL over its Unix
socket), counters posting concurrently; every record stored exactly once. Also checks
that the unit and the nginx site are accepted by systemd-analyze and nginx."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central._support import PG_BIN, Central, PgCluster, cli, free_port, new_pg_database, phone

CENTRAL = Path(__file__).resolve().parents[2] / "packaging" / "central"
UNIT = CENTRAL / "mpp-central.service"
ENV_FILE = CENTRAL / "central.env.example"
SITE = CENTRAL / "mpp-central.nginx"


def unit_value(key: str) -> str:
    lines = [
        ln.split("=", 1)[1]
        for ln in UNIT.read_text("utf-8").splitlines()
        if ln.startswith(f"{key}=")
    ]
    assert len(lines) == 1, f"{key}= appears {len(lines)} times in the unit"
    return lines[0]


def env_file_vars(text: str) -> dict[str, str]:
    return dict(
        ln.split("=", 1)
        for ln in text.splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    )


@pytest.fixture(scope="module")
def pg() -> Iterator[PgCluster]:
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql)")
    cluster = PgCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def _serve_as_the_unit_does(db_url: str, port: int, log: Path) -> subprocess.Popen:
    argv = shlex.split(unit_value("ExecStart"))
    assert argv[0].endswith("/mpp-central") and argv[1] == "serve"
    args = argv[1:]
    args[args.index("--port") + 1] = str(port)
    assert args[args.index("--workers") + 1] == "4"
    env = {k: v for k, v in os.environ.items() if k != "MPP_CENTRAL_DB"}
    example = env_file_vars(ENV_FILE.read_text("utf-8"))
    assert set(example) == {"MPP_CENTRAL_DB"}
    env["MPP_CENTRAL_DB"] = db_url  # the file's value, pointed at the test cluster
    out = open(log, "ab")  # noqa: SIM115 (owned by the child)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mpp_counter.central.cli", *args],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    out.close()
    return proc


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(x) for x in text.split()]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_four_workers_store_each_record_exactly_once(pg: PgCluster, tmp_path: Path) -> None:
    tcp_url = new_pg_database(pg.admin_url)
    name = tcp_url.rsplit("/", 1)[1]
    # the environment file's form: no host in the authority, the socket directory as ?host=
    template = env_file_vars(ENV_FILE.read_text("utf-8"))["MPP_CENTRAL_DB"]
    assert "@/" in template and "?host=" in template
    url = f"postgresql+psycopg://postgres@/{name}?host={pg.dir}&port={pg.port}"
    cli(url, "init")
    cli(
        url,
        "campaign",
        "create",
        "--id",
        "SPI-2026",
        "--name",
        "Survei SPI 2026",
        "--private-key-out",
        str(tmp_path / "campaign-key.json"),
    )
    port = free_port()
    proc = _serve_as_the_unit_does(url, port, tmp_path / "server.log")
    central = Central(url, tmp_path, port=port)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
            try:
                if requests.get(central.url + "/api/v1/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the central did not start"
            time.sleep(0.1)
        workers = _children(proc.pid)
        assert len(workers) >= 4, f"expected 4 worker processes, found {workers}"

        devices = [central.enrol("BKL01", f"Loket {i}") for i in range(6)]
        bodies: list[tuple[Any, dict[str, Any]]] = []
        n = 0
        for dev in devices:
            for _ in range(6):
                recs: list[dict[str, Any]] = []
                for _ in range(5):
                    n += 1
                    v, c, _secret = dev.agreed(phone(n))
                    recs += [v, c, dev.visit("declined")]
                bodies.append((dev, dev.batch(recs)))
                # the same records again under another batch id: a client resending after
                # a lost answer, racing its first attempt on another worker
                bodies.append((dev, dev.batch(recs[5:], batch_id=None)))
        unique = {r["id"]: r["kind"] for _, b in bodies for r in b["records"]}

        answers: list[tuple[str, int, dict[str, Any]]] = []
        lock = threading.Lock()

        def post(dev: Any, body: dict[str, Any]) -> None:
            with requests.Session() as s:
                s.headers.update(dev.auth)
                r = s.post(central.url + "/api/v1/batches", json=body, timeout=60)
            with lock:
                answers.append((body["batch_id"], r.status_code, r.json()))

        # every batch posted twice at once, all devices together
        threads = [
            threading.Thread(target=post, args=(dev, body))
            for dev, body in bodies
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert len(answers) == len(threads)
        assert all(code == 200 for _, code, _ in answers), [a for a in answers if a[1] != 200][:3]
        by_batch: dict[str, list[dict[str, Any]]] = {}
        for batch_id, _, a in answers:
            by_batch.setdefault(batch_id, []).append(a)
            assert a["rejected"] == []
        accepted_in = Counter()
        for batch_id, same in by_batch.items():
            # the same batch sent twice gets the same answer, whichever worker took it
            assert all(sorted(x["accepted"]) == sorted(same[0]["accepted"]) for x in same)
            accepted_in.update(same[0]["accepted"])
            body = next(b for _, b in bodies if b["batch_id"] == batch_id)
            held = set(same[0]["accepted"]) | set(same[0]["duplicate"])
            assert held == {r["id"] for r in body["records"]}
        assert set(accepted_in) == set(unique)
        assert max(accepted_in.values()) == 1, "a record was accepted by two batches"

        stats = cli(url, "stats", "--json").stdout
        import json

        counts = json.loads(stats)
        kinds = Counter(unique.values())
        assert (counts["visits"], counts["consents"]) == (kinds["visit"], kinds["consent"])
        assert counts["batches"] == len(by_batch)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_units_verify(tmp_path: Path) -> None:
    binary = Path(sys.executable).with_name("mpp-central")
    if not binary.exists():
        pytest.skip("mpp-central is not installed in this environment")
    names = ("mpp-central.service", "mpp-central-purge.service", "mpp-central-purge.timer")
    for name in names:
        text = (CENTRAL / name).read_text("utf-8")
        (tmp_path / name).write_text(
            text.replace("/opt/mpp-central/bin/mpp-central", str(binary)).replace(
                "/etc/mpp-central/central.env", str(ENV_FILE)
            ),
            "utf-8",
        )
    p = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in names)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    complaints = [ln for ln in p.stderr.splitlines() if "mpp-central" in ln]
    assert complaints == []


def _nginx() -> str | None:
    given = os.environ.get("MPP_TEST_NGINX")
    return (
        given
        or shutil.which("nginx")
        or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    )


@pytest.mark.skipif(
    not (_nginx() and shutil.which("openssl")),
    reason="nginx (or MPP_TEST_NGINX) and openssl are needed",
)
def test_nginx_site_is_accepted(tmp_path: Path) -> None:
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=central.example.go.id",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = SITE.read_text("utf-8")
    live = "/etc/letsencrypt/live/central.example.go.id/"
    assert live in site
    (tmp_path / "site.conf").write_text(site.replace(live, f"{tmp_path}/"), "utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        "http {\n access_log off;\n"
        + "".join(
            f" {kind}_temp_path {tmp_path}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f" include {tmp_path}/site.conf;\n}}\n",
        "utf-8",
    )
    p = subprocess.run(
        [_nginx() or "", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert "test is successful" in p.stderr
