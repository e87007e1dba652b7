"""A national day into PostgreSQL: every counter's day posted at once, against the COPY
of the same rows into the same tables in the same run (the database's own limit).

10,000 devices (``--scale 1``) each with a day of 150 visits, 45 % of them with a
consented number (≈ 2.2 M records), post it as a counter's backlog sync does (gzip
bodies of at most 500 records) over ``--connections`` concurrent HTTP connections to
``mpp-central serve --workers 2`` on loopback. Each device connects on its own, as
10,000 counters do (``Connection: close`` after its body; ``--reuse`` keeps the 32
connections open instead, which lets one worker accept them all). Devices are enrolled
in this process through the central's own enrolment code (no HTTP: not measured); the numbers
are sealed to the campaign key from a pool of sealed blobs (the central never opens
them). Bodies and the COPY text are prepared before any clock starts.

The baseline is ``COPY visits/consents FROM STDIN`` of the rows the central stores for
those records (the same row builders) into a second database made the same way.
Printed: records/s of both and the ratio (goal ≥ 25 %), HTTP errors and rejected
records, row counts against the expected, ids stored twice, a replay of a sample of
bodies (all duplicate, nothing added), and the load average.

Run: python bench/national_day.py [--scale 0.1] [--connections 32] [--workers 2]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' real-parts helpers: cluster, server
sys.path.insert(0, str(ROOT / "bench"))

from _cpu import postmaster_pid, tree_seconds  # noqa: E402

from central._support import Central, PgCluster, cli, new_pg_database  # noqa: E402
from mpp_counter.central import db, enrolment, ingest_rows  # noqa: E402
from mpp_counter.domain import receipt  # noqa: E402
from mpp_counter.domain.catalog import Campaign  # noqa: E402
from mpp_counter.protocol import messages as m  # noqa: E402
from mpp_counter.protocol.messages import MAX_RECORDS  # noqa: E402

VISITS_PER_DEVICE = 150
AGREED = 0.45
SERVICES = ("DUK-KTP", "DUK-KK", "DUK-AKL", "IMI-PASPOR", "BPJS-KES")
WIB = 7 * 3600


def enrol_all(url: str, n: int) -> list[dict[str, Any]]:
    engine = db.make_engine(url)
    try:
        out = []
        for i in range(n):
            mpp, counter = f"MPP{i // 20:04d}", f"Loket {i % 20 + 1}"
            code = enrolment.new_code(engine, mpp, counter)
            req = m.parse_enrol(
                {"code": code, "client_version": "bench", "mpp": mpp, "counter": counter}
            )
            out.append(enrolment.enrol(engine, req))
        return out
    finally:
        engine.dispose()


def day_records(dev: dict[str, Any], seals: list[str], rnd: random.Random) -> list[dict]:
    """One counter's day: visits 08:00-15:00 WIB today, a consent after 45 % of them."""
    camp = Campaign(**dev["campaign"])
    start = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0)
    seq, out = 0, []
    for j in range(VISITS_PER_DEVICE):
        at = start + timedelta(seconds=j * 168 + rnd.randrange(60))
        stamp = at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        agreed = rnd.random() < AGREED
        vid, cid = str(uuid.uuid4()), str(uuid.uuid4()) if agreed else None
        seq += 1
        out.append(
            {
                "kind": "visit", "id": vid, "seq": seq, "at": stamp,
                "device_time": (at + timedelta(seconds=WIB)).replace(tzinfo=None).isoformat()
                + "+07:00",
                "mpp": dev["mpp"], "counter": dev["counter"], "clerk": "Sari",
                "agency": "DUKCAPIL", "service": rnd.choice(SERVICES),
                "outcome": "agreed" if agreed else "declined",
                "not_asked_reason": None, "consent_id": cid,
            }
        )  # fmt: skip
        if agreed:
            seq += 1
            last4 = f"{rnd.randrange(10000):04d}"
            out.append(
                {
                    "kind": "consent", "id": cid, "seq": seq, "visit_id": vid, "at": stamp,
                    "receipt": receipt.new_code(rnd),
                    "receipt_secret_sha256": f"{rnd.getrandbits(256):064x}",
                    "campaign_id": camp.id, "notice_version": camp.notice_version,
                    "notice_hash": camp.notice_hash, "purpose": camp.purpose_id,
                    "channel": "WhatsApp", "controller": camp.controller,
                    "controller_contact": camp.controller_contact,
                    "retention_days": camp.retention_days, "jurisdiction": "ID",
                    "collection_method": "verbal notice at the counter, recorded by the clerk",
                    "mpp": dev["mpp"], "counter": dev["counter"], "clerk": "Sari",
                    "phone_sealed": seals[rnd.randrange(len(seals))], "phone_last4": last4,
                    "sealed_to": camp.id,
                }
            )  # fmt: skip
    return out


def _copy_value(v: Any) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Prepared:
    """Bodies to post and the COPY text of the rows the central would store from them."""

    def __init__(self, work: Path) -> None:
        self.bodies: list[tuple[str, bytes]] = []  # (token, gzip body)
        self.files = {
            k: open(work / f"{k}.copy", "w", encoding="utf-8") for k in ("visit", "consent")
        }  # noqa: SIM115
        self.cols: dict[str, list[str]] = {}
        self.expected = {"visit": 0, "consent": 0}

    def add(self, dev: dict[str, Any], recs: list[dict]) -> None:
        now = datetime.now(UTC)
        for i in range(0, len(recs), MAX_RECORDS):
            body = {
                "protocol": 1, "batch_id": str(uuid.uuid4()), "device_id": dev["device_id"],
                "sent_at": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "records": recs[i : i + MAX_RECORDS],
            }  # fmt: skip
            raw = json.dumps(body, separators=(",", ":")).encode()
            self.bodies.append((dev["token"], gzip.compress(raw, 6)))
            batch = m.parse_batch(body)
            assert not batch.rejected, batch.rejected
            arrival = ingest_rows.Arrival(batch, dev["device_id"], now)  # the central's own
            for rec in batch.records:
                build = ingest_rows.visit_row if rec.kind == "visit" else ingest_rows.consent_row
                row = {**build(rec, arrival(rec.at)), **arrival.base}
                cols = self.cols.setdefault(rec.kind, list(row))
                self.files[rec.kind].write("\t".join(_copy_value(row[c]) for c in cols) + "\n")
                self.expected[rec.kind] += 1

    def close(self) -> None:
        for f in self.files.values():
            f.close()


def prepare(devices: list[dict[str, Any]], work: Path, seed: int) -> Prepared:
    from nacl.public import PublicKey, SealedBox

    key = PublicKey(base64.b64decode(devices[0]["campaign"]["public_key"]))
    rnd = random.Random(seed)
    seals = [
        base64.b64encode(SealedBox(key).encrypt(f"+6281200000{n:04d}".encode())).decode()
        for n in rnd.sample(range(10000), 2000)
    ]
    prep = Prepared(work)
    for dev in devices:
        prep.add(dev, day_records(dev, seals, rnd))
    prep.close()
    return prep


class Poster:
    """``connections`` threads, each its own HTTP connection, taking the next body."""

    def __init__(
        self, url: str, bodies: list[tuple[str, bytes]], connections: int, reuse: bool = False
    ) -> None:
        self.url, self.bodies, self.connections = url, bodies, connections
        self.close = {} if reuse else {"Connection": "close"}
        self.next = 0
        self.lock = threading.Lock()
        self.errors: dict[str, int] = {}
        self.accepted = self.duplicate = self.rejected = 0
        self.answers: dict[bytes, dict[str, Any]] = {}

    def _take(self) -> tuple[str, bytes] | None:
        with self.lock:
            if self.next >= len(self.bodies):
                return None
            self.next += 1
            return self.bodies[self.next - 1]

    def _worker(self) -> None:
        s = requests.Session()
        s.headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        while (job := self._take()) is not None:
            token, body = job
            for _attempt in range(5):  # a 503 says "try again", as the client does
                try:
                    r = s.post(
                        self.url + "/api/v1/batches", data=body, timeout=300,
                        headers={"Authorization": f"Bearer {token}", **self.close},
                    )  # fmt: skip
                    why = f"HTTP {r.status_code}"
                except requests.RequestException as exc:
                    r, why = None, type(exc).__name__
                with self.lock:
                    if r is not None and r.status_code == 200:
                        a = r.json()
                        self.answers[body] = a
                        self.accepted += len(a["accepted"])
                        self.duplicate += len(a["duplicate"])
                        self.rejected += len(a["rejected"])
                        break
                    self.errors[why] = self.errors.get(why, 0) + 1
                time.sleep(1)
        s.close()

    def run(self) -> float:
        threads = [threading.Thread(target=self._worker) for _ in range(self.connections)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return time.perf_counter() - t


def copy_rows(url: str, prep: Prepared, work: Path) -> float:
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    t = time.perf_counter()
    with psycopg.connect(plain) as conn, conn.cursor() as cur:
        for kind, table in (("visit", "visits"), ("consent", "consents")):
            names = ", ".join(f'"{c}"' for c in prep.cols[kind])
            with (
                cur.copy(f"COPY {table} ({names}) FROM STDIN") as cp,
                open(work / f"{kind}.copy", "rb") as f,
            ):
                while block := f.read(1 << 20):
                    cp.write(block)
    return time.perf_counter() - t


def checks(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            q = lambda sql: int(conn.exec_driver_sql(sql).scalar_one())  # noqa: E731
            return {
                "visits": q("SELECT count(*) FROM visits"),
                "consents": q("SELECT count(*) FROM consents"),
                "visit ids twice": q("SELECT count(*) - count(DISTINCT id) FROM visits"),
                "consent ids twice": q("SELECT count(*) - count(DISTINCT id) FROM consents"),
                "batches": q("SELECT count(*) FROM batches"),
            }
    finally:
        engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1 = 10,000 devices")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--reuse", action="store_true", help="keep each connection open")
    a = ap.parse_args()
    n_dev = max(1, round(10_000 * a.scale))
    with tempfile.TemporaryDirectory(prefix="mpp-nday-", dir=os.environ.get("BENCH_DIR")) as d:
        work = Path(d)
        pg = PgCluster()
        pg.start()
        try:
            return run(a, n_dev, work, pg)
        finally:
            pg.stop()


def run(a: argparse.Namespace, n_dev: int, work: Path, pg: PgCluster) -> int:
    url = new_pg_database(pg.admin_url)
    cli(url, "init")
    cli(url, "campaign", "create", "--id", "SPI-2026", "--name", "Survei SPI 2026",
        "--private-key-out", str(work / "key.json"))  # fmt: skip
    t = time.perf_counter()
    devices = enrol_all(url, n_dev)
    print(f"{n_dev} devices enrolled in {time.perf_counter() - t:.0f} s")
    copy_url = new_pg_database(pg.admin_url)  # the baseline's twin, made the same way
    import psycopg

    plain = pg.admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {copy_url.rsplit('/', 1)[1]}")
        conn.execute(
            f"CREATE DATABASE {copy_url.rsplit('/', 1)[1]} TEMPLATE {url.rsplit('/', 1)[1]}"
        )
    t = time.perf_counter()
    prep = prepare(devices, work, a.seed)
    expected = prep.expected["visit"] + prep.expected["consent"]
    mib = sum(len(b) for _, b in prep.bodies) / 2**20
    print(
        f"prepared {expected:,} records ({prep.expected['visit']:,} visits, "
        f"{prep.expected['consent']:,} consents) in {len(prep.bodies):,} gzip bodies "
        f"({mib:.0f} MiB) in {time.perf_counter() - t:.0f} s"
    )
    central = Central(url, work, workers=a.workers).start()
    try:
        load0 = os.getloadavg()
        pm = postmaster_pid(pg.data)
        cpu0 = (tree_seconds(central.proc.pid), tree_seconds(pm), time.process_time())
        poster = Poster(central.url, prep.bodies, a.connections, a.reuse)
        secs = poster.run()
        cpu1 = (tree_seconds(central.proc.pid), tree_seconds(pm), time.process_time())
        load1 = os.getloadavg()
        app_cpu, pg_cpu, post_cpu = (y - x for x, y in zip(cpu0, cpu1, strict=True))
        rate = expected / secs
        print(
            f"POST /batches: {expected:,} records in {secs:.1f} s = {rate:,.0f} rec/s "
            f"({a.connections} connections, {a.workers} workers); accepted {poster.accepted:,}, "
            f"duplicate {poster.duplicate:,}, rejected {poster.rejected:,}; errors "
            f"{sum(poster.errors.values())} {poster.errors}"
        )
        loads = " ".join(f"{x:.2f}" for x in load1)
        print(f"  load average before {load0[0]:.2f}, after (1/5/15 min) {loads}")
        got = checks(url)
        sample = random.Random(a.seed).sample(prep.bodies, min(200, len(prep.bodies)))
        replay = Poster(central.url, sample, min(8, a.connections), a.reuse)
        replay.run()
        again = checks(url)
    finally:
        central.stop()
    c0 = (tree_seconds(pm), time.process_time())
    csecs = copy_rows(copy_url, prep, work)
    copy_pg, copy_self = (
        y - x for x, y in zip(c0, (tree_seconds(pm), time.process_time()), strict=True)
    )
    crate = expected / csecs
    cgot = checks(copy_url)
    ratio = rate / crate
    same = sum(replay.answers.get(b) == poster.answers.get(b) for _, b in sample)
    print(f"COPY baseline: {expected:,} rows in {csecs:.1f} s = {crate:,.0f} rec/s")
    print(f"ratio ingest/COPY: {ratio:.1%} (goal >= 25 %)")
    per_cpu = expected / (app_cpu + pg_cpu)
    copy_per_cpu = expected / (copy_pg + copy_self)
    print(
        f"CPU spent (independent of the load): central {app_cpu:.1f} s "
        f"({app_cpu / expected * 1e6:.0f} µs/record), PostgreSQL {pg_cpu:.1f} s, posting "
        f"threads {post_cpu:.1f} s: {per_cpu:,.0f} records per CPU-second of central + "
        f"database; COPY: PostgreSQL {copy_pg:.1f} s + reader {copy_self:.1f} s = "
        f"{copy_per_cpu:,.0f} per CPU-second (ratio {per_cpu / copy_per_cpu:.1%})"
    )
    print(f"  central: {got}")
    print(f"  COPY:    {cgot}")
    print(
        f"  replay of {len(sample)} bodies: {same} answers the same as the first time, "
        f"errors {sum(replay.errors.values())}; rows after {again['visits'] + again['consents']:,}"
    )
    ok = (
        not poster.errors
        and poster.rejected == poster.duplicate == 0
        and poster.accepted == expected
        and got["visits"] == prep.expected["visit"] == cgot["visits"]
        and got["consents"] == prep.expected["consent"] == cgot["consents"]
        and got["visit ids twice"] == got["consent ids twice"] == 0
        and same == len(sample)
        and not replay.errors
        and again == got
        and ratio >= 0.25
    )
    print("goal met" if ok else "goal NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
