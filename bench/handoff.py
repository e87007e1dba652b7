"""The survey hand-off at scale: prepare and open (``export --sample``) a stratified draw
from a campaign of N consents on SQLite, timed, with the opener's peak memory.

    python bench/handoff.py [N] [QUOTA]      # default 100000 consents, quota 50

The consents are spread over 20 MPPs × 5 agencies × 3 months (300 strata); 2 % of the
numbers repeat at another MPP and 0.2 % are brokers' (5 consents each). Numbers are fake
(0812-0000-xxxx and 0812-0000-xxxxx: 100,000 distinct valid numbers in the fake
range, never dialled). Reports seconds for seeding, prepare and
open, and the open process's peak RSS (VmHWM), as the survey team's machine would run it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from nacl.public import PublicKey, SealedBox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mpp_counter.central import cli, db  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
QUOTA = sys.argv[2] if len(sys.argv) > 2 else "50"


def seed(url: str, key_file: Path) -> None:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        pk = base64.b64decode(conn.execute(db.campaigns.select()).first().public_key)
    box = SealedBox(PublicKey(pk))
    rnd = random.Random(7)
    visits, consents = [], []
    for i in range(N):
        number = f"+628120000{i % 100_000:05d}"
        if rnd.random() < 0.02:
            # the same citizen elsewhere
            number = f"+628120000{rnd.randrange(max(1, i)) % 100_000:05d}"
        if rnd.random() < 0.002:
            number = "+6281200009999"  # a broker
        mpp, agency = f"MPP{rnd.randrange(20):02d}", f"AG{rnd.randrange(5)}"
        day = f"2026-0{rnd.randrange(3) + 3}-{rnd.randrange(28) + 1:02d}"
        vid, cid = str(uuid.uuid4()), str(uuid.uuid4())
        at = f"{day}T02:00:00.000Z"
        arrival = {"device_id": None, "batch_id": None, "received_at": at}
        visits.append(
            {
                "id": vid,
                "seq": i,
                "at": at,
                "device_time": at,
                "local_date": day,
                "mpp": mpp,
                "counter": "L1",
                "clerk": "Sari",
                "agency": agency,
                "service": "S",
                "outcome": "agreed",
                "consent_id": cid,
                **arrival,
            }
        )
        consents.append(
            {
                "id": cid,
                "seq": i,
                "visit_id": vid,
                "at": at,
                "receipt": f"R{i:07d}",
                "receipt_secret_sha256": hashlib.sha256(cid.encode()).hexdigest(),
                "campaign_id": "SPI-2026",
                "notice_version": "1",
                "notice_hash": "x",
                "purpose": "SPI",
                "channel": "WhatsApp",
                "controller": "KPK",
                "controller_contact": "x",
                "retention_days": 365,
                "jurisdiction": "ID",
                "collection_method": "bench",
                "mpp": mpp,
                "counter": "L1",
                "clerk": "Sari",
                "phone_sealed": box.encrypt(number.encode()),
                "phone_last4": number[-4:],
                "sealed_to": "SPI-2026",
                **arrival,
            }
        )
        if len(visits) == 5000 or i == N - 1:
            with engine.begin() as conn:
                conn.execute(db.visits.insert(), visits)
                conn.execute(db.consents.insert(), consents)
            visits, consents = [], []
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/central.db"
        key = Path(tmp) / "key.json"
        cli.main(["--db", url, "init"])
        cli.main(
            [
                "--db",
                url,
                "campaign",
                "create",
                "--id",
                "SPI-2026",
                "--name",
                "Bench",
                "--private-key-out",
                str(key),
            ]
        )
        t = time.perf_counter()
        seed(url, key)
        print(f"seeded {N} consents in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        p = subprocess.run(
            [
                sys.executable,
                "-m",
                "mpp_counter.central.cli",
                "--db",
                url,
                "handoff",
                "prepare",
                "--campaign",
                "SPI-2026",
                "--quota",
                QUOTA,
                "--seed",
                "00" * 16,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        strata = sum(1 for line in p.stdout.splitlines() if line.count("\t") == 3) - 1
        print(f"prepare: {time.perf_counter() - t:.2f} s ({strata} strata)")
        hid = p.stdout.splitlines()[-1]
        out = Path(tmp) / "sample.csv"
        t = time.perf_counter()
        p = subprocess.run(
            [
                "/usr/bin/time",
                "-f",
                "%M %U %S",
                sys.executable,
                "-m",
                "mpp_counter.central.cli",
                "--db",
                url,
                "export",
                "--sample",
                hid,
                "--private-key",
                str(key),
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        took = time.perf_counter() - t
        rows = out.read_text().count("\n") - 1
        peak, user, sys_ = p.stderr.strip().splitlines()[-1].split()
        cpu = float(user) + float(sys_)
        print(
            f"open: {took:.2f} s wall, {cpu:.2f} s CPU (workers included), {rows} rows, "
            f"peak RSS {int(peak) / 1024:.0f} MiB (load average now {os.getloadavg()[0]:.1f})"
        )
        print("\n".join(p.stderr.strip().splitlines()[:-1]))


if __name__ == "__main__":
    main()
