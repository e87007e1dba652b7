"""Retention at the central: `mpp-central purge` deletes the numbers of campaigns closed
more than M days ago and keeps the counts. On SQLite a byte scan of the database files
shows the sealed numbers are gone from the disk, not only from the rows; on PostgreSQL
the rows no longer hold them (and, where the server's files are readable, neither do the
tables' files)."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from mpp_counter.central import db

from ._support import Central, phone


def stats(central: Central) -> dict[str, int]:
    return json.loads(central.cli("stats", "--json").stdout)


def sqlalchemy_url(url: str) -> str:
    return db.normalize_url(url)


def close_days_ago(central: Central, campaign: str, days: float) -> None:
    engine = create_engine(sqlalchemy_url(central.db_url))
    try:
        with engine.begin() as conn:
            conn.execute(
                db.campaigns.update()
                .where(db.campaigns.c.id == campaign)
                .values(closed_at=db.iso(db.now() - timedelta(days=days)))
            )
    finally:
        engine.dispose()


def sqlite_files(url: str) -> list[Path]:
    path = Path(url.removeprefix("sqlite:///"))
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def pg_table_bytes(url: str) -> bytes | None:
    """The heap files of the tables that hold sealed numbers, after a CHECKPOINT; None when
    the server's data directory is not readable from here (a server CI started)."""
    engine = create_engine(sqlalchemy_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))
            data_dir = Path(conn.execute(text("SHOW data_directory")).scalar_one())
            files = [
                data_dir / conn.execute(text(f"SELECT pg_relation_filepath('{t}')")).scalar_one()
                for t in ("consents", "withdrawals")
            ]
    finally:
        engine.dispose()
    try:
        return b"".join(p.read_bytes() for p in files)
    except OSError:
        return None


def on_disk(central: Central) -> bytes | None:
    if central.db_url.startswith("sqlite"):
        return b"".join(p.read_bytes() for p in sqlite_files(central.db_url))
    return pg_table_bytes(central.db_url)


def test_purge_deletes_numbers_of_closed_campaigns_and_keeps_counts(
    central: Central, tmp_path: Path
) -> None:
    dev = central.enrol()
    records, secrets, sealed = [], {}, []
    for n in range(51, 56):
        v, c, s = dev.agreed(phone(n))
        records += [v, c]
        secrets[c["receipt"]] = s
        sealed.append(base64.b64decode(c["phone_sealed"]))
    w = dev.withdrawal(phone=phone(51))
    sealed.append(base64.b64decode(w["phone_sealed"]))
    records += [w, dev.visit("declined"), dev.visit("not_asked")]
    assert dev.post(dev.batch(records)).status_code == 200
    # a later campaign: its numbers are not touched by SPI-2026's purge
    key27 = tmp_path / "key-2027.json"
    central.cli(
        "campaign",
        "create",
        "--id",
        "SPI-2027",
        "--name",
        "Survei 2027",
        "--private-key-out",
        str(key27),
    )
    dev27 = central.enrol("BKL01", "Loket 2")
    v27, c27, _ = dev27.agreed(phone(57))
    assert dev27.post(dev27.batch([v27, c27])).status_code == 200
    key26 = tmp_path / "campaign-key.json"

    # the survey hand-off before the purge (it also applies the withdrawal by number)
    assert (
        len(
            central.cli(
                "export", "--campaign", "SPI-2026", "--private-key", str(key26)
            ).stdout.splitlines()
        )
        == 1 + 4
    )
    before = stats(central)
    assert (before["withdrawn"], before["withdrawals_by_number"]) == (1, 1)
    aggregate_before = central.cli("export-aggregate").stdout
    disk = on_disk(central)
    if disk is not None:  # the withdrawn consent's and the withdrawal's went at the export
        assert all(blob in disk for blob in sealed[1:5]), "the scan must see them while they exist"

    # open, or closed too recently: nothing goes
    assert "purged campaigns: none" in central.cli("purge").stdout
    central.cli("campaign", "close", "--id", "SPI-2026")
    assert "purged campaigns: none" in central.cli("purge", "--grace-days", "30").stdout
    close_days_ago(central, "SPI-2026", 179)
    assert "purged campaigns: none" in central.cli("purge").stdout  # retention: 180 days

    close_days_ago(central, "SPI-2026", 181)
    p = central.cli("purge", process=True)
    assert p.returncode == 0
    # 4 sealed numbers and the last digits of the withdrawn consent, whose sealed number
    # (and the withdrawal's, once matched) the export already deleted
    assert p.stdout.strip() == "purged campaigns: SPI-2026; 5 sealed numbers deleted"

    # the counts stay, the numbers are gone
    after = stats(central)
    assert after == before
    assert central.cli("export-aggregate").stdout == aggregate_before
    out = central.cli("export", "--campaign", "SPI-2026", "--private-key", str(key26)).stdout
    assert out.splitlines() == ["phone,receipt,mpp,agency,service,visit_date"]
    out27 = central.cli("export", "--campaign", "SPI-2027", "--private-key", str(key27)).stdout
    assert out27.splitlines()[1].startswith(phone(57) + ",")
    engine = create_engine(sqlalchemy_url(central.db_url))
    try:
        with engine.connect() as conn:
            held = conn.execute(
                text(
                    "SELECT count(*) FROM consents WHERE sealed_to = "
                    "'SPI-2026' AND (phone_sealed IS NOT NULL OR "
                    "phone_last4 IS NOT NULL)"
                )
            ).scalar_one()
            held_w = conn.execute(
                text("SELECT count(*) FROM withdrawals WHERE phone_sealed IS NOT NULL")
            ).scalar_one()
            purged = conn.execute(
                text("SELECT count(*) FROM consents WHERE purged_at IS NOT NULL")
            ).scalar_one()
            state = conn.execute(
                text("SELECT purged_at FROM campaigns WHERE id = 'SPI-2026'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert (held, held_w, purged) == (0, 0, 5) and state is not None
    disk = on_disk(central)
    if disk is not None:
        for blob in sealed:
            assert blob not in disk, "a purged sealed number is still on disk"
        assert base64.b64decode(c27["phone_sealed"]) in disk  # the other campaign's stays
    if central.db_url.startswith("sqlite") or not os.environ.get("MPP_TEST_PG_URL"):
        assert disk is not None  # scanned wherever the files are ours to read

    # the receipt page still proves the consent, without the number
    receipt, secret = next(iter(secrets.items()))
    page = requests.get(f"{central.url}/r/{receipt}/{secret}", timeout=10)
    assert page.status_code == 200 and "Nomor sudah dihapus" in page.text
    cr = requests.get(f"{central.url}/r/{receipt}/{secret}.json", timeout=10).json()
    assert cr["piiPrincipalId"] == "(number deleted)"

    # a counter offline since before the purge delivers late: the record is kept (it is
    # acknowledged, counted), its number is not, not even for a moment
    v_late, c_late, s_late = dev.agreed(phone(58))
    w_late = dev.withdrawal(phone=phone(59))
    answer = dev.post(dev.batch([v_late, c_late, w_late])).json()
    assert set(answer["accepted"]) == {v_late["id"], c_late["id"], w_late["id"]}
    late = stats(central)
    assert (late["consents"], late["withdrawals_by_number"]) == (before["consents"] + 1, 2)
    disk = on_disk(central)
    if disk is not None:
        for blob in (c_late["phone_sealed"], w_late["phone_sealed"]):
            assert base64.b64decode(blob) not in disk, "a late number was stored"
    cr = requests.get(f"{central.url}/r/{c_late['receipt']}/{s_late}.json", timeout=10).json()
    assert cr["piiPrincipalId"] == "(number deleted)" and cr["iso27560"]["state"] == "active"

    # once more: nothing left to delete, and the campaign list says purged
    assert central.cli("purge").stdout.strip().endswith("; 0 sealed numbers deleted")
    assert "SPI-2026\tpurged" in central.cli("campaign", "list").stdout


def test_purge_bad_input(central: Central) -> None:
    p = central.cli("purge", "--grace-days", "-1", check=False, process=True)
    assert p.returncode == 2 and "cannot be negative" in p.stderr
    p = central.cli("campaign", "close", "--id", "NOPE", check=False)
    assert p.returncode == 1 and "no campaign NOPE" in p.stderr


def test_purge_with_a_reader_open_says_so_and_finishes_later(
    sqlite_central: Central, tmp_path: Path
) -> None:
    """A reader holding an old snapshot (a long export, a backup) keeps the WAL from being
    written back: purge must not report success while the bytes are still in the file."""
    central = sqlite_central
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(81))
    assert dev.post(dev.batch([v, c])).status_code == 200
    blob = base64.b64decode(c["phone_sealed"])
    central.cli("campaign", "close", "--id", "SPI-2026")
    path = central.db_url.removeprefix("sqlite:///")
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM consents").fetchone()  # holds its snapshot
        p = central.cli("purge", "--grace-days", "0", check=False)
        assert p.returncode == 1, "purge said done while the file still holds the number"
        assert "run 'mpp-central purge' again" in p.stderr
    finally:
        reader.execute("COMMIT")
        reader.close()
    p = central.cli("purge", "--grace-days", "0")
    on_file = b"".join(f.read_bytes() for f in sqlite_files(central.db_url))
    assert blob not in on_file
