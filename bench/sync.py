"""Sync throughput: a backlog of pending records sent by the real client to a local central,
against posting the same bytes raw with ``requests`` in the same run.

Two counter stores (10k and 100k pending records by default) are enrolled at a central
whose database is then cloned: the client syncs to one copy, the raw baseline posts the
same wire records (built by the client's own record builder, gzip-compressed the way the
client does it, prepared before the clock starts) to the other, so both centrals do the
same ingest work. The client runs in a child process, so its peak RSS (VmHWM) for the
small and the large backlog can be compared, and, in a second run on a pristine copy of
the store, the Python heap's peak during the sync (tracemalloc): it should be flat in
the backlog size.

The stores are filled through the store's own ``visits.record`` (sealing, outbox, audit
row), grouped 1,000 to a transaction for setup only; the per-record rate with a
transaction each is measured on a sample and printed too.

The client's figure is end to end (counter store, sync client, central); the raw posts'
figure is what the central alone gives for the same bodies. Both backends run by default.
Beside the rates: CPU per record of the central (and PostgreSQL) for each, and of the
client itself (its process's user+system time): on a shared machine these move less than
the rates. ``SYNC_PROFILE=FILE`` writes a cProfile of the client's pass.

Run: python bench/sync.py [--sizes 10000,100000] [--backends sqlite,postgresql] [--pg]
Goal (issue 14): >= 10,000 records/s end to end and client time <= 1.5x the raw posts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
__import__("fast_kdf").install()  # the tests' cheap KDF here: unlocking is not measured

import requests  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' real-parts helpers: server, cluster
sys.path.insert(0, str(ROOT / "bench"))

from _cpu import postmaster_pid, tree_seconds  # noqa: E402

from central._support import Central, PgCluster, cli, new_pg_database  # noqa: E402
from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.protocol.fields import iso  # noqa: E402
from mpp_counter.protocol.messages import MAX_RECORDS, PROTOCOL_VERSION  # noqa: E402
from mpp_counter.store import outbox, outbox_counts, visits  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402
from mpp_counter.store.db import transaction  # noqa: E402
from mpp_counter.sync import records as wire_records  # noqa: E402
from mpp_counter.sync.enrolment import enrol  # noqa: E402
from mpp_counter.sync.transport import encode  # noqa: E402

PASS = "bench passphrase 2026"
SERVICES = ("DUK-KTP", "DUK-KK", "DUK-AKL")
GOAL_RATE, GOAL_RATIO = 10_000, 1.5


def fill(store: CounterStore, n_records: int, rnd: random.Random) -> float:
    """Visits (40 % with a consent) until the outbox holds ``n_records``; returns seconds."""
    t = time.perf_counter()
    real = visits.transaction
    visits.transaction = lambda con: contextlib.nullcontext(con)  # type: ignore[assignment]
    try:
        made = outbox_counts.counts(store.con)["pending"]
        while made < n_records:
            with transaction(store.con):
                for _ in range(1000):
                    if made >= n_records:
                        break
                    if made < n_records - 1 and rnd.random() < 0.4:
                        store.record(
                            rnd.choice(SERVICES),
                            Outcome.AGREED,
                            phone=f"0812-0000-{rnd.randrange(10000):04d}",
                        )
                        made += 2
                    else:
                        store.record(rnd.choice(SERVICES), Outcome.DECLINED)
                        made += 1
    finally:
        visits.transaction = real  # type: ignore[assignment]
    return time.perf_counter() - t


def per_record_rate(store: CounterStore, n: int = 200) -> float:
    """The store API as the window uses it: one durable transaction per visit."""
    t = time.perf_counter()
    for _ in range(n):
        store.record("DUK-KTP", Outcome.DECLINED)
    return n / (time.perf_counter() - t)


def raw_bodies(store: CounterStore) -> list[bytes]:
    """The wire batches of everything pending, encoded like the client's (transport.encode)."""
    entries = [
        outbox.OutboxEntry(r[0], r[1], int(r[2]))
        for r in store.con.execute(
            "SELECT record_id, kind, seq FROM outbox WHERE state = 'pending'"
            " ORDER BY seq, record_id"
        )
    ]
    device = store.setting("device_id")
    out = []
    for i in range(0, len(entries), MAX_RECORDS):
        chunk = tuple(entries[i : i + MAX_RECORDS])
        built = wire_records.build(store.outbox.rows(chunk), chunk, store.zone)
        assert not built.invalid
        body = {
            "protocol": PROTOCOL_VERSION,
            "batch_id": str(uuid.uuid4()),
            "device_id": device,
            "sent_at": iso(datetime.now(UTC)),
            "records": list(built.records),
        }
        out.append(encode(body))
    return out


def post_raw(url: str, token: str, bodies: list[bytes]) -> tuple[float, int]:
    s = requests.Session()
    s.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        }
    )
    n = 0
    t = time.perf_counter()
    for b in bodies:
        r = s.post(url + "/api/v1/batches", data=b, timeout=120)
        r.raise_for_status()
        a = r.json()
        n += len(a["accepted"]) + len(a["duplicate"])
    dt = time.perf_counter() - t
    s.close()
    return dt, n


def vm(field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of this process, KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(data_dir: str, url: str, trace: bool) -> None:
    """The client, alone in a process: sync until nothing is pending; print JSON."""
    import tracemalloc

    from mpp_counter.sync.client import sync_once

    store = CounterStore.open_admin(Path(data_dir), PASS)
    rss0 = vm("VmHWM")
    if trace:
        tracemalloc.start()
    prof = None
    if os.environ.get("SYNC_PROFILE") and not trace:  # cProfile of the client, to this file
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    acked = passes = 0
    while True:
        passes += 1
        report = sync_once(store, base_url=url, deadline_s=3600)
        acked += report.acked
        if report.ok or passes > 5:
            break
    dt = time.perf_counter() - t
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    if prof is not None:
        prof.disable()
        prof.dump_stats(os.environ["SYNC_PROFILE"])
    heap_peak = tracemalloc.get_traced_memory()[1] if trace else 0
    store.close()
    print(
        json.dumps(
            {
                "seconds": dt,
                "cpu_s": ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime,
                "acked": acked,
                "passes": passes,
                "ok": report.ok,
                "rss0_kib": rss0,
                "rss_peak_kib": vm("VmHWM"),
                "heap_peak_kib": heap_peak // 1024,
            }
        )
    )


def run_child(data_dir: Path, url: str, trace: bool = False) -> dict:
    p = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), url, "trace" if trace else "time"],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if p.returncode != 0:
        raise SystemExit(f"client child failed: {p.stderr[-2000:]}")
    return json.loads(p.stdout.splitlines()[-1])


def clone(url: str, work: Path, pg: PgCluster | None) -> str:
    """A copy of the (stopped) central's database: the raw baseline's own central."""
    if pg is None:
        src = Path(url.removeprefix("sqlite:///"))
        dst = work / "raw.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(str(src) + suffix).exists():
                shutil.copy(str(src) + suffix, str(dst) + suffix)
        return f"sqlite:///{dst}"
    import psycopg

    name = "raw_" + uuid.uuid4().hex[:8]
    plain = pg.admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {url.rsplit('/', 1)[1]}")
    return pg.admin_url.rsplit("/", 1)[0] + "/" + name


def bench(sizes: list[int], use_pg: bool, work: Path) -> bool:
    pg = None
    if use_pg:
        pg = PgCluster()
        pg.start()

    def cpu(server: Central) -> tuple[float, float]:
        """CPU seconds so far of the server's processes and of PostgreSQL's."""
        db_cpu = tree_seconds(postmaster_pid(pg.data)) if pg is not None else 0.0
        return tree_seconds(server.proc.pid), db_cpu

    try:
        url = new_pg_database(pg.admin_url) if pg else f"sqlite:///{work / 'central.db'}"
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
        central = Central(url, work).start()
        stores: dict[int, Path] = {}
        tokens: dict[int, str] = {}
        rnd = random.Random(1)
        for n in sizes:
            d = work / f"store-{n}"
            store = CounterStore.create(
                d,
                mpp_code="BKL01",
                mpp_name="MPP Bench",
                counter=f"Loket {n}",
                zone="WIB",
                passphrase=PASS,
            )
            code = central.cli(
                "enrol-code", "--mpp", "BKL01", "--counter", f"Loket {n}"
            ).stdout.splitlines()[-1]
            enrol(store, central.url, code)
            if n == sizes[0]:
                print(
                    f"store API, one transaction per visit: {per_record_rate(store):.0f} "
                    "visits/s (setup below groups 1,000 visits per transaction)"
                )
            secs = fill(store, n, rnd)
            print(f"filled {n} pending records in {secs:.1f} s ({n / secs:.0f}/s)")
            stores[n], tokens[n] = d, store.setting("device_token")
            store.close()
        central.stop()
        raw = Central(clone(url, work, pg), work).start()
        central.start()
        ok = True
        backend = "postgresql" if pg else "sqlite"
        for n in sizes:
            store = CounterStore.open_admin(stores[n], PASS)
            pending = outbox_counts.counts(store.con)["pending"]
            bodies = raw_bodies(store)
            store.close()
            copy = shutil.copytree(stores[n], work / f"copy-{n}")  # pristine, for tracemalloc

            r0 = cpu(raw)
            raw_s, raw_n = post_raw(raw.url, tokens[n], bodies)
            r1, c0 = cpu(raw), cpu(central)
            c = run_child(stores[n], central.url)
            c1 = cpu(central)
            traced = run_child(copy, raw.url, trace=True)  # all duplicates there by now
            rate = c["acked"] / c["seconds"]
            ratio = c["seconds"] / raw_s
            print(
                f"[{backend}] backlog {pending}: client {c['acked']} acked in "
                f"{c['seconds']:.1f} s = {rate:.0f} rec/s ({c['passes']} pass); raw requests "
                f"{raw_n} in {raw_s:.1f} s = {raw_n / raw_s:.0f} rec/s; ratio {ratio:.2f}; "
                f"client peak RSS {c['rss0_kib'] / 1024:.0f} MiB after unlock, "
                f"{c['rss_peak_kib'] / 1024:.0f} MiB after the sync; Python heap peak "
                f"during the sync (tracemalloc, separate run) "
                f"{traced['heap_peak_kib'] / 1024:.1f} MiB"
            )
            client_us = 1e6 * c["cpu_s"] / pending
            us = [1e6 * (b - a) / pending for a, b in zip(r0 + c0, r1 + c1, strict=True)]
            db_part = f", PostgreSQL {us[1]:.0f} / {us[3]:.0f}" if pg is not None else ""
            print(
                f"[{backend}] CPU per record (load-independent), raw posts / client sync: "
                f"central {us[0]:.0f} / {us[2]:.0f} µs{db_part}; the client itself "
                f"{client_us:.1f} µs"
            )
            ok &= c["ok"] and c["acked"] == pending == raw_n
            ok &= rate >= GOAL_RATE and ratio <= GOAL_RATIO
        s = json.loads(central.cli("stats", "--json").stdout)
        print(
            f"[{backend}] central holds {s['visits']} visits + {s['consents']} consents "
            f"= {s['visits'] + s['consents']} (sent {sum(sizes)})"
        )
        raw.stop()
        central.stop()
        return ok
    finally:
        if pg is not None:
            pg.stop()


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4] == "trace")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg", action="store_true", help="PostgreSQL only (a throw-away cluster)")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    backends = ["postgresql"] if a.pg else a.backends.split(",")
    print(f"load average (1/5/15 min) at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ok = True
    for backend in backends:
        with tempfile.TemporaryDirectory(
            prefix="mpp-syncbench-", dir=os.environ.get("BENCH_DIR")
        ) as d:
            ok &= bench(sizes, backend == "postgresql", Path(d))
    print(f"load average (1/5/15 min) at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"goal {'met' if ok else 'NOT met'} (>= {GOAL_RATE:,} rec/s end to end, "
        f"<= {GOAL_RATIO}x the raw posts)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
