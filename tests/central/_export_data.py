"""A central database with many consents, fast: sealed numbers made on every core, rows
written set-based (executemany, 5,000 to a statement batch), the campaign's key pair
chosen by the caller so that sealed numbers can be reused between databases. For the
export's kill test and bench/export.py; records that go through ingest are the other
tests' business (their Central helper)."""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nacl.public import PublicKey, SealedBox
from sqlalchemy import create_engine

from mpp_counter.central import db
from mpp_counter.domain.catalog import campaign_to_json, parse_campaign
from mpp_counter.protocol.sealed import key_to_b64, public_of

from ._support import cli

CAMPAIGN = "SPI-2026"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
STEP = 5_000


def _seal_chunk(args: tuple[bytes, list[str]]) -> list[bytes]:
    box = SealedBox(PublicKey(args[0]))
    return [box.encrypt(n.encode("ascii")) for n in args[1]]


def seal_many(public_key: bytes, numbers: Sequence[str]) -> list[bytes]:
    """Seal on every core (X25519 per number: ≈ 60 µs each on one core)."""
    chunks = [(public_key, list(numbers[i : i + STEP])) for i in range(0, len(numbers), STEP)]
    if len(chunks) <= 1:
        return [b for c in chunks for b in _seal_chunk(c)]
    with ProcessPoolExecutor(max(1, len(os.sched_getaffinity(0)))) as pool:
        return [b for part in pool.map(_seal_chunk, chunks) for b in part]


def make_central(url: str, private_key: bytes, key_file: Path) -> None:
    """An initialised central whose campaign CAMPAIGN has this key pair."""
    cli(url, "init")
    scratch = key_file.with_name(key_file.name + ".unused")
    cli(
        url,
        "campaign",
        "create",
        "--id",
        CAMPAIGN,
        "--name",
        "Survei",
        "--private-key-out",
        str(scratch),
    )
    scratch.unlink()
    pk = key_to_b64(public_of(private_key))
    key_file.write_text(
        json.dumps({"campaign_id": CAMPAIGN, "private_key": key_to_b64(private_key)})
    )
    key_file.chmod(0o600)
    engine = create_engine(db.normalize_url(url))
    try:
        with engine.begin() as conn:
            row = conn.execute(db.campaigns.select()).one()
            body = campaign_to_json(replace(parse_campaign(row.body), public_key=pk))
            conn.execute(db.campaigns.update().values(public_key=pk, body=body))
    finally:
        engine.dispose()


def fill(
    url: str,
    blobs: Sequence[bytes | None],
    *,
    seed: int = 1,
    withdrawn: float = 0.005,
    awaiting: float = 0.002,
) -> None:
    """One consent per blob (None: an unreadable one, garbage of the right size), each with
    its visit except ``awaiting`` of them; ``withdrawn`` of them withdrawn by receipt."""
    rnd = random.Random(seed)
    engine = create_engine(db.normalize_url(url))
    stamp = db.iso(T0)
    try:
        for start in range(0, len(blobs), STEP):
            visits, consents = [], []
            for i in range(start, min(start + STEP, len(blobs))):
                at = db.iso(T0 + timedelta(seconds=rnd.randrange(30 * 86_400)))
                vid, cid, dev = str(uuid.uuid4()), str(uuid.uuid4()), f"dev-{i % 7}"
                common = {
                    "mpp": f"MPP{i % 5:02d}",
                    "counter": f"Loket {i % 7}",
                    "clerk": "Sari",
                    "device_id": dev,
                    "received_at": stamp,
                    "seq": i + 1,
                }
                if rnd.random() >= awaiting:
                    visits.append(
                        {
                            **common,
                            "id": vid,
                            "at": at,
                            "device_time": at,
                            "local_date": at[:10],
                            "agency": "DUKCAPIL",
                            "service": rnd.choice(("DUK-KTP", "DUK-KK")),
                            "outcome": "agreed",
                            "consent_id": cid,
                        }
                    )
                gone = rnd.random() < withdrawn
                blob = blobs[i] if blobs[i] is not None else os.urandom(62)
                consents.append(
                    {
                        **common,
                        "id": cid,
                        "visit_id": vid,
                        "at": at,
                        "receipt": f"R{i:09d}",
                        "receipt_secret_sha256": "f" * 64,
                        "campaign_id": CAMPAIGN,
                        "notice_version": "1",
                        "notice_hash": "f" * 64,
                        "purpose": "survey",
                        "channel": "WhatsApp",
                        "controller": "MPP",
                        "controller_contact": "-",
                        "retention_days": 365,
                        "jurisdiction": "ID",
                        "collection_method": "verbal",
                        "phone_sealed": None if gone else blob,
                        "phone_last4": None,
                        "sealed_to": CAMPAIGN,
                        "withdrawn_at": at if gone else None,
                        "withdrawn_via": "counter" if gone else None,
                    }
                )
            with engine.begin() as conn:
                if visits:
                    conn.execute(db.visits.insert(), visits)
                conn.execute(db.consents.insert(), consents)
    finally:
        engine.dispose()


def withdraw_by_number(url: str, blobs: Sequence[bytes], at: datetime) -> None:
    """Withdrawals by sealed number (slip lost), as ingest stores them before an export."""
    engine = create_engine(db.normalize_url(url))
    rows = [
        {
            "id": str(uuid.uuid4()),
            "seq": i + 1,
            "at": db.iso(at),
            "via": "counter",
            "phone_sealed": b,
            "sealed_to": CAMPAIGN,
            "mpp": "MPP00",
            "counter": "Loket 0",
            "clerk": "Sari",
            "device_id": "dev-0",
            "received_at": db.iso(at),
        }
        for i, b in enumerate(blobs)
    ]
    try:
        with engine.begin() as conn:
            if rows:
                conn.execute(db.withdrawals.insert(), rows)
    finally:
        engine.dispose()
