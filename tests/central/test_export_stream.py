"""The streaming export gives what the in-memory one gave (tests/central/_export_reference.py):
the same file, the same figures, the same database changes, on a seeded campaign with
repeated numbers, visit times shared across counters, withdrawals by receipt, on the QR
page and by number, numbers sealed to another key or not numbers at all, and visits not
yet arrived — through the pool and with the seen-numbers index spilled to disk. A
garbage key changes nothing."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mpp_counter.central import campaign_keys, db, export, numbers_export
from mpp_counter.central.atomic_file import PREFIX
from mpp_counter.protocol.sealed import SealedInvalid, new_keypair

from ._export_reference import reference_export_numbers
from ._support import Central, phone, seal, withdraw_on_page

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
CAMPAIGN = "SPI-2026"


def seeded_campaign(central: Central, rnd: random.Random) -> None:
    devices = [central.enrol(f"MPP{i}", f"Loket {i}") for i in range(4)]
    strange = devices[3]
    strange.public_key = new_keypair()[1]  # a counter whose clerk pinned another key
    late: list[tuple[Any, dict[str, Any]]] = []  # visits held back: awaiting at export
    posted: list[tuple[Any, dict[str, Any], str]] = []
    for dev in devices:
        records: list[dict[str, Any]] = []
        for _ in range(650):
            at = T0 + timedelta(minutes=rnd.randrange(900))  # shared minutes: ties
            v, c, secret = dev.agreed(
                phone(rnd.randrange(700)), service=rnd.choice(("DUK-KTP", "DUK-KK")), at=at
            )
            if rnd.random() < 0.01:  # sealed text that is not a number
                c["phone_sealed"] = seal(dev.public_key, f"not a number {rnd.randrange(99):02d}")
            if rnd.random() < 0.03:
                late.append((dev, v))
                records.append(c)
            else:
                records += [v, c]
            posted.append((dev, c, secret))
        for i in range(0, len(records), 400):
            assert dev.post(dev.batch(records[i : i + 400])).status_code == 200
    withdrawals: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(devices))}
    on_page, exact = 0, False
    for dev, c, secret in rnd.sample(posted, 60):
        kind = rnd.randrange(3)
        when = T0 + timedelta(minutes=rnd.randrange(1200))
        if kind == 1 and on_page < 3:  # the QR page is rate-limited per client
            on_page += 1
            assert withdraw_on_page(central, c["receipt"], secret).status_code == 303
        elif kind < 2:  # by receipt at its counter
            withdrawals[devices.index(dev)].append(dev.withdrawal(receipt=c["receipt"], at=when))
        else:  # slip lost: by number, at any counter, before or after other consents
            i = rnd.randrange(3)
            if not exact:  # withdrawn at the very instant of the consent: it counts
                exact, when = True, datetime.fromisoformat(c["at"].replace("Z", "+00:00"))
            number = phone(int(c["phone_last4"]))
            withdrawals[i].append(devices[i].withdrawal(phone=number, at=when))
    for i, ws in withdrawals.items():
        assert devices[i].post(devices[i].batch(ws)).status_code == 200
    held = late[: len(late) // 2]  # half of them arrive before the export
    for dev, v in late[len(late) // 2 :]:
        assert dev.post(dev.batch([v])).status_code == 200
    assert held


def copy_db(url: str, to: Path) -> str:
    src = sqlite3.connect(url.removeprefix("sqlite:///"))
    dst = sqlite3.connect(to)
    src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{to}"


def state(url: str) -> tuple[list[Any], list[Any], list[Any]]:
    engine = db.make_engine(url)
    c, w, x = db.consents.c, db.withdrawals.c, db.exports.c
    try:
        with engine.connect() as conn:
            consents = conn.execute(
                select(c.id, c.withdrawn_at, c.withdrawn_via, c.phone_sealed.is_(None)).order_by(
                    c.id
                )
            ).all()
            withdrawals = conn.execute(select(w.id, w.phone_sealed.is_(None)).order_by(w.id)).all()
            exports = conn.execute(select(x.campaign_id, x.kind, x.rows).order_by(x.id)).all()
    finally:
        engine.dispose()
    return (
        [tuple(r) for r in consents],
        [tuple(r) for r in withdrawals],
        [tuple(r) for r in exports],
    )


def run(url: str, key: bytes, producer: Any) -> tuple[str, Any]:
    engine = db.make_engine(url)
    try:
        out = io.StringIO()
        result = producer(engine, CAMPAIGN, key, out)
        return out.getvalue(), result
    finally:
        engine.dispose()


def test_streaming_export_equals_the_in_memory_one(
    sqlite_central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central = sqlite_central
    monkeypatch.setattr(numbers_export, "TAILS", 3)  # the ready-written texts, often forgotten
    seeded_campaign(central, random.Random(14))
    key_file = tmp_path / "campaign-key.json"
    engine = db.make_engine(central.db_url)
    key = campaign_keys.read_private_key(engine, CAMPAIGN, key_file)
    engine.dispose()
    ref_url = copy_db(central.db_url, tmp_path / "reference.db")
    pool_url = copy_db(central.db_url, tmp_path / "pool.db")

    ref_csv, ref = run(ref_url, key, reference_export_numbers)
    assert ref.rows > 300 and ref.duplicates > 300 and ref.unreadable > 600
    assert ref.withdrawn > 20 and ref.awaiting_visit > 5 and len(ref.unreadable_by_device) == 4
    assert ref_csv.count("\n") == ref.rows + 1

    # in-process, through 2 worker processes and a seen-numbers index spilled to disk
    def streamed(engine: Any, cid: str, k: bytes, out: Any) -> Any:
        return export.export_numbers(engine, cid, k, out, workers=2, memory_limit=64)

    pool_csv, pooled = run(pool_url, key, streamed)
    assert pool_csv == ref_csv
    assert pooled == ref
    assert state(pool_url) == state(ref_url)

    # the real command, on the live database
    out = tmp_path / "survey.csv"
    p = central.cli(
        "export", "--campaign", CAMPAIGN, "--private-key", str(key_file), "-o", str(out),
        process=True,
    )  # fmt: skip
    assert out.read_text("utf-8") == ref_csv
    assert f"{ref.rows} numbers exported; left out: {ref.withdrawn} withdrawn, " in p.stderr
    assert f"{ref.duplicates} repeated, {ref.awaiting_visit} awaiting" in p.stderr
    assert state(central.db_url) == state(ref_url)


def test_a_garbage_key_changes_nothing(sqlite_central: Central, tmp_path: Path) -> None:
    """Past the key file's checks (export is also called as a library): a key that is no
    key is refused clearly, nothing is written, nothing in the database changes."""
    central = sqlite_central
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(1))
    w = dev.withdrawal(phone=phone(1), at=T0 + timedelta(days=400))
    assert dev.post(dev.batch([v, c, w])).status_code == 200
    before = state(central.db_url)
    engine = db.make_engine(central.db_url)
    out = tmp_path / "survey.csv"
    try:
        for key in (b"", b"\x00" * 31, "not bytes"):
            with pytest.raises(SealedInvalid, match="campaign key is not valid"):
                export.export_to(
                    str(out),
                    lambda o, k=key: export.export_numbers(engine, CAMPAIGN, k, o),  # type: ignore[misc]
                )
    finally:
        engine.dispose()
    assert not out.exists() and list(tmp_path.glob(PREFIX + "*")) == []
    assert state(central.db_url) == before


@pytest.mark.parametrize(
    "texts",
    [
        ("MPP, Pusat", "Dukcapil", "KTP", "2026-03-02"),
        ('"quoted"', "=SUM(A1)", "-1+2", "2026-03-02"),
        ("line\nbreak", "cr\rhere", "", "2026-03-02"),
        ("@cmd", "\tTab", "+x", ""),
    ],
)
@pytest.mark.parametrize("receipt", ["K7QM-2XPA-4", "AB,CD", 'A"B', "", "X\nY", "=1*~$"])
def test_a_line_is_what_csv_writer_writes(texts: tuple[str, str, str, str], receipt: str) -> None:
    """The export builds its lines itself (once per distinct text); csv.writer with cell()
    is what they must equal, whatever a counter typed."""
    mpp, agency, service, date = texts
    row = [None] * 12
    row[numbers_export._RECEIPT], row[numbers_export._MPP] = receipt, mpp
    row[numbers_export._AGENCY], row[numbers_export._SERVICE] = agency, service
    row[numbers_export._DATE] = date
    lines = numbers_export._Lines()
    expected = io.StringIO()
    cells = (export.cell(mpp), export.cell(agency), export.cell(service), date)
    csv.writer(expected, lineterminator="\n").writerow(("+6281200001234", receipt, *cells))
    for _ in range(2):  # written, then from the ready-written text
        assert lines("+6281200001234", row) + "\n" == expected.getvalue()
