"""Console pages at the scale of a national day, over real HTTP with a signed-in session.

Builds a central database with ``--visits`` visits (default 1.5 M: ``--mpps`` MPPs × 12
counters × 6 agencies × 2 services × 2 clerks, working hours 08–15, about 30% agreed,
40% declined, 30% not asked; two planted counters: one records only consents, one
rarely asks) by set-based INSERT … SELECT over a generated series, one enrolled device
per counter, then fills the integrity counts with the migration's own backfill. Starts
``mpp-central serve`` on it, signs in an operator and an MPP admin (password + TOTP),
and times each page: the first request (cold: the national peer baseline is computed)
and then median and p95 of ``--requests`` requests, against ``GET /api/v1/health`` in
the same run. Goal: ≤ 200 ms per page. Prints the load average too (the machine is
shared).

Run: python bench/console.py [--visits 1500000] [--mpps 500] [--requests 30]
                             [--backend sqlite|postgresql|both]
Quick: python bench/console.py --visits 100000 --backend sqlite
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' real-parts helpers: server, cluster
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import text  # noqa: E402

from central._console import add_account, http_sign_in  # noqa: E402
from central._support import Central, PgCluster, cli, new_pg_database  # noqa: E402
from mpp_counter.central import db  # noqa: E402
from mpp_counter.central.integrity import aggregates  # noqa: E402

COUNTERS = 12


def fmt(dialect: str, expr: str, width: int) -> str:
    if dialect == "sqlite":
        return f"printf('%0{width}d', {expr})"
    return f"lpad(({expr})::text, {width}, '0')"


def visits_sql(dialect: str, n: int, mpps: int) -> str:
    """One INSERT … SELECT: every column derived from the row number."""
    series = (
        f"WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {n - 1}) "
        if dialect == "sqlite"
        else ""
    )
    source = "s" if dialect == "sqlite" else f"generate_series(0::bigint, {n - 1}) AS s(n)"
    f = lambda e, w: fmt(dialect, e, w)  # noqa: E731
    inner = (
        f"SELECT n, n % {mpps} AS m, (n / {mpps}) % {COUNTERS} AS k, "
        f"(n / {mpps * COUNTERS}) % 2 AS sv, (n / {mpps * COUNTERS * 2}) % 2 AS cl, "
        f"8 + ((n * 48271) % 2147483647) % 8 AS h, (n * 17) % 60 AS mi, "
        f"((n * 69621) % 2147483647) % 100 AS r FROM {source}"
    )
    outcome = (
        "CASE WHEN m = 0 AND k = 11 THEN 'agreed' "  # planted: records only consents
        "WHEN m = 1 AND k = 10 AND r < 90 THEN 'not_asked' "  # planted: rarely asks
        "WHEN r < 30 THEN 'agreed' WHEN r < 70 THEN 'declined' ELSE 'not_asked' END"
    )
    reasons = (
        "CASE r % 5 WHEN 0 THEN 'no_phone' WHEN 1 THEN 'minor' WHEN 2 THEN 'representative' "
        "WHEN 3 THEN 'language' ELSE 'other' END"
    )
    return (
        f"{series}INSERT INTO visits (id, seq, at, device_time, local_date, mpp, counter, "
        "clerk, agency, service, outcome, not_asked_reason, consent_id, received_at) "
        f"SELECT '00000000-0000-4000-8000-' || {f('n', 12)}, n, "
        f"'2026-03-02T' || {f('h - 7', 2)} || ':' || {f('mi', 2)} || ':00.000Z', "
        f"'2026-03-02T' || {f('h', 2)} || ':' || {f('mi', 2)} || ':00+07:00', '2026-03-02', "
        f"'MPP' || {f('m', 3)}, 'Loket ' || k, 'Petugas ' || k || '-' || cl, "
        "'AG' || (k % 6), 'AG' || (k % 6) || '-' || sv, o, "
        f"CASE WHEN o = 'not_asked' THEN {reasons} END, "
        f"CASE WHEN o = 'agreed' THEN '00000000-0000-4000-9000-' || {f('n', 12)} END, "
        "'2026-03-02T10:00:00.000Z' "
        f"FROM (SELECT x.*, {outcome} AS o FROM ({inner}) x) y"
    )


def devices_sql(dialect: str, mpps: int) -> str:
    n = mpps * COUNTERS
    series = (
        f"WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {n - 1}) "
        if dialect == "sqlite"
        else ""
    )
    source = "s" if dialect == "sqlite" else f"generate_series(0::bigint, {n - 1}) AS s(n)"
    f = lambda e, w: fmt(dialect, e, w)  # noqa: E731
    return (
        f"{series}INSERT INTO devices (id, token_sha256, mpp, counter, client_version, "
        "created_at, last_seen_at) "
        f"SELECT '00000000-0000-4000-a000-' || {f('n', 12)}, 'tok' || n, "
        f"'MPP' || {f(f'n % {mpps}', 3)}, 'Loket ' || (n / {mpps}), '1.0', "
        f"'2026-03-01T00:00:00.000Z', '2026-03-02T09:00:00.000Z' FROM {source}"
    )


def build(url: str, visits: int, mpps: int) -> None:
    cli(url, "init")
    engine = db.make_engine(url)
    try:
        dialect = engine.dialect.name
        t0 = time.perf_counter()
        with engine.begin() as conn:
            for sql in (visits_sql(dialect, visits, mpps), devices_sql(dialect, mpps)):
                conn.execute(text(sql.replace(":", "\\:")))  # colons are literal here
        t1 = time.perf_counter()
        with engine.begin() as conn:
            aggregates.backfill(conn)
            rows = conn.execute(text("SELECT count(*) FROM integrity_counts")).scalar_one()
        t2 = time.perf_counter()
        print(
            f"  built {visits:,} visits in {t1 - t0:.1f} s; integrity counts backfilled "
            f"({rows:,} rows) in {t2 - t1:.1f} s"
        )
    finally:
        engine.dispose()


def timed(s: requests.Session, url: str) -> float:
    t = time.perf_counter()
    r = s.get(url, timeout=120)
    dt = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
    return dt


def pages(central: Central, mpps: int) -> list[tuple[str, Any, list[str]]]:
    op = http_sign_in(central, add_account(central, "bench_op", "operator"))
    adm = http_sign_in(central, add_account(central, "bench_adm", "mpp-admin", "MPP007"))
    anon = requests.Session()
    u = central.url
    mpp_pages = [f"{u}/console/integrity?mpp=MPP{i % mpps:03d}" for i in range(3, 400, 7)]
    deep = (
        f"{u}/console/integrity/rows?mpp=MPP000&counter=Loket+11&after=2026-03-02%7C"
        "2026-03-02T07%3A00%3A00.000Z%7C00000000-0000-4000-8000-000000000000"
    )
    return [
        ("/api/v1/health (baseline)", anon, [f"{u}/api/v1/health"]),
        ("/console/integrity (national)", op, [f"{u}/console/integrity"]),
        ("/console/integrity?mpp=… (operator)", op, mpp_pages),
        ("/console/integrity (mpp-admin)", adm, [f"{u}/console/integrity"]),
        (
            "/console/integrity/rows (flag link)",
            op,
            [f"{u}/console/integrity/rows?mpp=MPP000&counter=Loket+11&agency=AG5&service=AG5-0"],
        ),
        ("/console/integrity/rows (deep page)", op, [deep]),
        (
            "/console/integrity/report.csv?mpp=…",
            op,
            [f"{u}/console/integrity/report.csv?mpp=MPP042"],
        ),
        ("/console/counters", op, [f"{u}/console/counters"]),
    ]


def measure(url: str, workdir: Path, n: int, mpps: int) -> None:
    central = Central(url, workdir).start()
    try:
        for name, s, urls in pages(central, mpps):
            cold = timed(s, urls[0])
            xs = [timed(s, urls[(i + 1) % len(urls)]) for i in range(n)]
            xs.sort()
            p95 = xs[min(len(xs) - 1, round(0.95 * len(xs)) - 1)]
            flag = "" if p95 <= 200 else "  > 200 ms"
            print(
                f"  {name:42s} first {cold:7.1f} ms   median {statistics.median(xs):6.1f} ms"
                f"   p95 {p95:6.1f} ms{flag}"
            )
    finally:
        central.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visits", type=int, default=1_500_000)
    ap.add_argument("--mpps", type=int, default=500)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = ap.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="mpp-bench-console-") as tmp:
        work = Path(tmp)
        if args.backend in ("sqlite", "both"):
            print("SQLite:")
            url = f"sqlite:///{work / 'central.db'}"
            build(url, args.visits, args.mpps)
            measure(url, work, args.requests, args.mpps)
        if args.backend in ("postgresql", "both"):
            print("PostgreSQL:")
            cluster = PgCluster()
            cluster.start()
            try:
                url = new_pg_database(cluster.admin_url)
                build(url, args.visits, args.mpps)
                measure(url, work, args.requests, args.mpps)
            finally:
                cluster.stop()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
