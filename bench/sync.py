"""A backlog of N pending records synced to a local central (SQLite, or PostgreSQL).

The client pass (``sync_once``: claim, build, check, gzip, POST, strict answer check,
settle) against a baseline in the same run: the very same batch bodies, prebuilt,
posted raw with one ``requests.Session`` to a second central with a fresh database, so
both sides pay the same ingest. Also the client's peak Python memory (tracemalloc)
during a second pass over the same backlog (all duplicates by then), to compare
backlogs: it should stay flat, one batch at a time.

Run: python bench/sync.py [N ...] [--pg]     e.g.  python bench/sync.py 10000 100000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests

os.environ.setdefault("MPP_COUNTER_KDF_PROFILE", "test")  # unlock speed is not measured here
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from central._support import Central, PgCluster, cli, new_pg_database  # noqa: E402
from mpp_counter.domain import receipt as receipts  # noqa: E402
from mpp_counter.protocol.messages import iso  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402
from mpp_counter.store.db import transaction  # noqa: E402
from mpp_counter.store.sealing import public_from_b64, seal  # noqa: E402
from mpp_counter.sync import records  # noqa: E402
from mpp_counter.sync.client import sync_once  # noqa: E402
from mpp_counter.sync.enrolment import enrol  # noqa: E402

PASS = "bench passphrase 2026"


def central(work: Path, pg_admin: str | None) -> Central:
    url = new_pg_database(pg_admin) if pg_admin else f"sqlite:///{work / 'c.db'}"
    cli(url, "init")
    cli(url, "campaign", "create", "--id", "SPI-2026", "--name", "Bench",
        "--private-key-out", str(work / "key.json"))
    return Central(url, work).start()


def code(c: Central) -> str:
    return c.cli("enrol-code", "--mpp", "BKL01", "--counter", "Loket 1").stdout.split()[-1]


def backlog(store: CounterStore, n: int) -> None:
    """n outbox records (a quarter consents) in one transaction, as record() writes them."""
    camp = store.campaign()
    pk = public_from_b64(camp.public_key or "")
    now = datetime.now(UTC).isoformat()
    con = store.con
    with transaction(con):
        seq = 0
        made = 0
        while made < n:
            seq += 1
            vid = str(uuid.uuid4())
            agreed = made < n - 1 and seq % 3 == 0
            cid = str(uuid.uuid4()) if agreed else None
            con.execute("INSERT INTO visits VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (vid, seq, now, "BKL01", "Loket 1", "Sari", "DUK-KTP", "DUKCAPIL",
                         "agreed" if agreed else "declined", None, cid))
            con.execute("INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'visit', ?)",
                        (vid, seq))
            made += 1
            if agreed:
                con.execute("INSERT INTO consents(id, visit_id, receipt, receipt_secret, at,"
                            " campaign_id, notice_version, notice_hash, phone_masked,"
                            " phone_sealed, sealed_to) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            (cid, vid, receipts.new_code(), receipts.new_secret(), now,
                             camp.id, camp.notice_version, camp.notice_hash,
                             "08xx-xxxx-1234", seal(pk, f"+6281200{seq % 1000000:06d}"),
                             camp.id))
                con.execute("INSERT INTO outbox(record_id, kind, seq) VALUES (?, 'consent',"
                            " ?)", (cid, seq))
                made += 1
        con.execute("INSERT OR REPLACE INTO settings VALUES ('next_seq', ?)", (str(seq + 1),))


def raw_bodies(store: CounterStore, device_id: str) -> list[bytes]:
    """The batches the client would send, prebuilt, for the raw baseline."""
    from mpp_counter.store import outbox

    entries = [outbox.OutboxEntry(r[0], r[1], r[2]) for r in store.con.execute(
        "SELECT record_id, kind, seq FROM outbox ORDER BY seq, record_id")]
    out = []
    for i in range(0, len(entries), 500):
        wire = records.build(store.con, tuple(entries[i:i + 500]), store.zone).records
        body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "device_id": device_id,
                "sent_at": iso(datetime.now(UTC)), "records": list(wire)}
        out.append(gzip.compress(json.dumps(body, separators=(",", ":")).encode(), 6))
    return out


def run(n: int, pg_admin: str | None) -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        work = Path(d)
        (work / "a").mkdir()
        (work / "b").mkdir()
        c_client, c_raw = central(work / "a", pg_admin), central(work / "b", pg_admin)
        try:
            store = CounterStore.create(work / "store", mpp_code="BKL01", mpp_name="B",
                                        counter="Loket 1", zone="WIB", passphrase=PASS)
            enrol(store, c_client.url, code(c_client))
            backlog(store, n)
            # the baseline's device and bodies (same records, another central)
            r = requests.post(c_raw.url + "/api/v1/enrol", json={"code": code(c_raw),
                              "client_version": "bench"}, timeout=30).json()
            bodies = raw_bodies(store, r["device_id"])
            s = requests.Session()
            s.headers.update({"Authorization": f"Bearer {r['token']}",
                              "Content-Type": "application/json", "Content-Encoding": "gzip"})
            t = time.perf_counter()
            for b in bodies:
                assert s.post(c_raw.url + "/api/v1/batches", data=b, timeout=120).ok
            raw_s = time.perf_counter() - t

            t = time.perf_counter()
            report = sync_once(store, deadline_s=3600)
            ours_s = time.perf_counter() - t
            assert report.ok and report.acked == n, report
            # memory: the same pass again (all duplicates now), under tracemalloc
            with transaction(store.con):
                store.con.execute("UPDATE outbox SET state = 'pending', batch_id = NULL")
            tracemalloc.start()
            again = sync_once(store, deadline_s=3600)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert again.ok and again.acked == n, again
            store.close()
        finally:
            c_client.stop()
            c_raw.stop()
    backend = "postgresql" if pg_admin else "sqlite"
    print(f"{n} records, {backend}: client {n / ours_s:,.0f} rec/s ({ours_s:.1f} s), raw "
          f"requests {n / raw_s:,.0f} rec/s ({raw_s:.1f} s), ratio {ours_s / raw_s:.2f}x, "
          f"client peak {peak / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="*", type=int, default=[10000])
    ap.add_argument("--pg", action="store_true")
    args = ap.parse_args()
    cluster = None
    if args.pg:
        cluster = PgCluster()
        cluster.start()
    try:
        for n in args.n:
            run(n, cluster.admin_url if cluster else None)
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
