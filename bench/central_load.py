"""The central under many counters: N devices post batches concurrently on loopback.

Each simulated device is a thread with its own HTTP connection (as a counter has) that
posts a batch of fresh records (a quarter of them consents with a sealed number), then
waits a random 0..THINK s, until the time is up. With the defaults (50 records every
~1 s per device) this is N counters coming back online together with a backlog: it
saturates the central, so latency is queueing; ``--batch 10 --think 60`` is closer to
counters that are simply online. Reports p50/p99/max batch latency,
batches and records per second, and every error (the goal: none).

The baseline in the same run is the same server answering ``GET /api/v1/health`` to the
same N threads: what loopback HTTP, uvicorn and Python threads cost before any ingest.

Run: python bench/central_load.py [--devices 500] [--seconds 20] [--batch 50]
                                  [--think 2] [--workers 2] [--pg]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' real-parts helpers: server, records

from central._support import (  # noqa: E402
    Central,
    Device,
    PgCluster,
    cli,
    new_pg_database,
    phone,
)


def records(dev: Device, n: int, rnd: random.Random) -> list[dict]:
    out: list[dict] = []
    while len(out) < n:
        if len(out) < n - 1 and rnd.random() < 0.25:
            v, c, _ = dev.agreed(phone(rnd.randrange(10000)))
            out += [v, c]
        else:
            out.append(dev.visit(rnd.choice(["declined", "not_asked"])))
    return out


class Load:
    def __init__(
        self, devices: list[Device], seconds: float, batch: int, health: bool, think: float
    ):
        self.devices, self.seconds, self.batch, self.health = devices, seconds, batch, health
        self.think = think
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.records = 0
        self.lock = threading.Lock()
        self.start = threading.Barrier(len(devices) + 1)

    def device(self, dev: Device, seed: int) -> None:
        rnd = random.Random(seed)
        s = requests.Session()
        s.headers.update({**dev.auth, "Content-Type": "application/json"})
        self.start.wait()
        ends = time.monotonic() + self.seconds
        time.sleep(rnd.uniform(0, min(self.think, self.seconds / 2)))
        while time.monotonic() < ends:
            body = None if self.health else json.dumps(dev.batch(records(dev, self.batch, rnd)))
            t = time.perf_counter()
            try:
                if self.health:
                    r = s.get(dev.central.url + "/api/v1/health", timeout=60)
                else:
                    r = s.post(dev.central.url + "/api/v1/batches", data=body, timeout=60)
                ok = r.status_code == 200 and (self.health or not r.json()["rejected"])
                why = f"HTTP {r.status_code}"
            except requests.RequestException as exc:
                ok, why = False, type(exc).__name__
            dt = time.perf_counter() - t
            with self.lock:
                if ok:
                    self.latencies.append(dt)
                    self.records += 0 if self.health else self.batch
                else:
                    self.errors[why] += 1
            time.sleep(min(rnd.uniform(0, self.think), max(0.0, ends - time.monotonic())))
        s.close()

    def run(self) -> float:
        threads = [
            threading.Thread(target=self.device, args=(d, i), daemon=True)
            for i, d in enumerate(self.devices)
        ]
        for t in threads:
            t.start()
        self.start.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join(self.seconds + 120)
        return time.perf_counter() - t0


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


def report(name: str, load: Load, wall: float) -> None:
    lat = load.latencies
    print(
        f"{name}: {len(lat)} requests in {wall:.1f} s ({len(lat) / wall:.0f}/s), "
        f"{load.records / wall:.0f} records/s"
    )
    if lat:
        print(
            f"  latency p50 {pct(lat, 0.5) * 1e3:.0f} ms  p99 {pct(lat, 0.99) * 1e3:.0f} ms  "
            f"max {max(lat) * 1e3:.0f} ms  mean {statistics.fmean(lat) * 1e3:.0f} ms"
        )
    print(f"  errors: {sum(load.errors.values())} {dict(load.errors)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devices", type=int, default=500)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--think", type=float, default=2.0, help="each device waits 0..THINK s between its batches"
    )
    ap.add_argument("--pg", action="store_true", help="PostgreSQL (a throw-away cluster)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mpp-load-") as d:
        work = Path(d)
        pg = None
        if a.pg:
            pg = PgCluster()
            pg.start()
            url = new_pg_database(pg.admin_url)
        else:
            url = f"sqlite:///{work / 'central.db'}"
        try:
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
                str(work / "key.json"),
            )
            central = Central(
                url, work, workers=a.workers, extra_env={"MPP_CENTRAL_ENROL_RATE": "1000000"}
            ).start()
            try:
                t = time.perf_counter()
                devices = [central.enrol("BKL01", f"Loket {i + 1}") for i in range(a.devices)]
                print(
                    f"backend {'postgresql' if a.pg else 'sqlite'}, {a.workers} server "
                    f"workers, {a.devices} devices enrolled in {time.perf_counter() - t:.1f} s,"
                    f" batches of {a.batch}, 0-{a.think:g} s between them, "
                    f"{a.seconds:.0f} s each run"
                )
                base = Load(devices, a.seconds, a.batch, health=True, think=a.think)
                report("baseline GET /health", base, base.run())
                load = Load(devices, a.seconds, a.batch, health=False, think=a.think)
                wall = load.run()
                report("POST /batches", load, wall)
                s = json.loads(central.cli("stats", "--json").stdout)
                print(
                    f"  central holds {s['visits']} visits + {s['consents']} consents = "
                    f"{s['visits'] + s['consents']} records (acknowledged: {load.records})"
                )
                base_p50 = pct(base.latencies, 0.5)
                print(f"  p50 ratio batches/health: {pct(load.latencies, 0.5) / base_p50:.1f}")
            finally:
                central.stop()
        finally:
            if pg is not None:
                pg.stop()
    return 1 if load.errors or base.errors else 0


if __name__ == "__main__":
    sys.exit(main())
