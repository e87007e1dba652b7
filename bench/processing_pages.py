"""The console's record-of-processing and campaign pages with a long record.

Fills a fresh central (SQLite, or PostgreSQL with --pg) with N processing records spread
over C campaigns (years of hand-offs, purges and campaign changes: a real record grows
by a few rows a day, so 100 000 is generous), then signs an operator in and times each
page R times on loopback: p50 and max in milliseconds. The CSV is the whole record.

Run: python bench/processing_pages.py [--records 100000] [--campaigns 50] [--repeat 20] [--pg]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' real-parts helpers

from central._console import add_account, http_sign_in  # noqa: E402
from central._support import Central, PgCluster, cli, new_pg_database  # noqa: E402
from mpp_counter.central import db, processing  # noqa: E402
from mpp_counter.protocol.sealed import key_to_b64, new_keypair  # noqa: E402


def fill(url: str, n: int, campaigns: int) -> None:
    engine = db.make_engine(url)
    actions = processing.ACTIONS
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    try:
        with engine.begin() as conn:
            for i in range(campaigns):
                pk = key_to_b64(new_keypair()[1])
                conn.execute(
                    db.campaigns.insert().values(
                        id=f"C-{i:03d}",
                        name=f"Kampanye {i}",
                        body=_body(f"C-{i:03d}", pk),
                        public_key=pk,
                        created_at=db.iso(t0),
                    )
                )
            rows = [
                {
                    "at": db.iso(t0 + timedelta(minutes=i)),
                    "actor": f"operator-{i % 7}",
                    "action": actions[i % len(actions)],
                    "campaign_id": f"C-{i % campaigns:03d}",
                    "count": i % 5000,
                    "recipient": "PT Survei Contoh",
                    "agreement_id": None,
                    "detail": f"bench row {i}",
                }
                for i in range(n)
            ]
            for k in range(0, n, 5000):
                conn.execute(processing.processing_records.insert(), rows[k : k + 5000])
    finally:
        engine.dispose()


def _body(cid: str, pk: str) -> str:
    from dataclasses import replace

    from mpp_counter.central.campaigns import default_campaign
    from mpp_counter.domain.catalog import campaign_to_json

    return campaign_to_json(replace(default_campaign(), id=cid, public_key=pk))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--campaigns", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--pg", action="store_true")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-proc-"))
    cluster = None
    if a.pg:
        cluster = PgCluster()
        cluster.start()
        url = new_pg_database(cluster.admin_url)
    else:
        url = f"sqlite:///{work / 'central.db'}"
    cli(url, "init")
    t = time.perf_counter()
    fill(url, a.records, a.campaigns)
    print(f"filled {a.records} records, {a.campaigns} campaigns in {time.perf_counter() - t:.1f} s")
    central = Central(url, work).start()
    try:
        s = http_sign_in(central, add_account(central, "bench-operator", "operator"))
        pages = [
            "/console/processing",
            "/console/processing?campaign=C-007",
            "/console/processing?action=purge",
            "/console/processing?since=2026-01-20&until=2026-01-21",
            "/console/campaigns",
            "/console/campaigns/C-007",
            "/console/processing.csv",
        ]
        for path in pages:
            times = []
            for _ in range(a.repeat if not path.endswith(".csv") else 3):
                t = time.perf_counter()
                r = s.get(central.url + path, timeout=120)
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (path, r.status_code)
            print(
                f"{path:58s} p50 {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms"
                f"  ({len(r.content) // 1024} KiB)"
            )
    finally:
        central.stop()
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
