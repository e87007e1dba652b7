"""Crypto-erasure completes a purge: PostgreSQL keeps a purged sealed number in its WAL
segments, so the purge is only final when the campaign's private key is destroyed."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from nacl.public import PrivateKey, SealedBox
from sqlalchemy import create_engine, text

from mpp_counter.central import db

from ._support import Central, phone


def wal_bytes(url: str) -> bytes | None:
    """Every WAL segment of a PostgreSQL server whose data directory is readable here."""
    engine = create_engine(db.normalize_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            data_dir = Path(conn.execute(text("SHOW data_directory")).scalar_one())
    finally:
        engine.dispose()
    try:
        return b"".join(p.read_bytes() for p in sorted((data_dir / "pg_wal").glob("0*")))
    except OSError:
        return None


def test_purge_then_erase_key_leaves_nothing_that_opens(central: Central, tmp_path: Path) -> None:
    key_file = tmp_path / "campaign-key.json"
    key = PrivateKey(base64.b64decode(json.loads(key_file.read_text())["private_key"]))
    dev = central.enrol()
    v, c, _ = dev.agreed(phone(4301))
    assert dev.post(dev.batch([v, c])).status_code == 200
    blob = base64.b64decode(c["phone_sealed"])

    central.cli("campaign", "close", "--id", "SPI-2026")
    assert "1 sealed numbers deleted" in central.cli("purge", "--grace-days", "0").stdout
    if central.db_url.startswith("postgresql"):
        wal = wal_bytes(central.db_url)
        assert wal is not None or os.environ.get("MPP_TEST_PG_URL")
        if wal is not None:  # the attack: the purged number is still in the WAL, and opens
            assert blob in wal
            assert SealedBox(key).decrypt(blob) == phone(4301).encode()

    os.link(key_file, tmp_path / "another-name-for-the-same-file")
    original = key_file.read_bytes()
    out = central.cli(
        "campaign", "erase-key", "--id", "SPI-2026", "--private-key", str(key_file)
    ).stdout
    assert not key_file.exists()
    overwritten = (tmp_path / "another-name-for-the-same-file").read_bytes()
    assert len(overwritten) == len(original) and overwritten != original
    assert key.encode() not in overwritten and b"private_key" not in overwritten
    assert f"overwrote {key_file} ({len(original)} bytes)" in out and "deleted it" in out
    assert "what remains: 0 sealed numbers of SPI-2026" in out
    assert "destroy it by hand" in out
    if central.db_url.startswith("postgresql"):
        assert "WAL segments" in out

    p = central.cli("export", "--campaign", "SPI-2026", "--private-key", str(key_file), check=False)
    assert p.returncode == 2 and "does not exist" in p.stderr


def test_erase_key_refuses_an_open_campaign_and_a_foreign_file(
    sqlite_central: Central, tmp_path: Path
) -> None:
    key_file = tmp_path / "campaign-key.json"
    before = key_file.read_bytes()
    p = sqlite_central.cli(
        "campaign", "erase-key", "--id", "SPI-2026", "--private-key", str(key_file), check=False
    )
    assert p.returncode == 1 and "still open" in p.stderr
    assert key_file.read_bytes() == before

    sqlite_central.cli(
        "campaign",
        "create",
        "--id",
        "SPI-2027",
        "--name",
        "Survei 2027",
        "--private-key-out",
        str(tmp_path / "k27.json"),
    )
    sqlite_central.cli("campaign", "close", "--id", "SPI-2026")
    p = sqlite_central.cli(
        "campaign",
        "erase-key",
        "--id",
        "SPI-2026",
        "--private-key",
        str(tmp_path / "k27.json"),
        check=False,
    )
    assert p.returncode == 2 and "belongs to campaign SPI-2027" in p.stderr
    assert (tmp_path / "k27.json").exists()
    garbage = tmp_path / "notes.txt"
    garbage.write_text("not a key")
    p = sqlite_central.cli(
        "campaign", "erase-key", "--id", "SPI-2026", "--private-key", str(garbage), check=False
    )
    assert p.returncode == 2 and garbage.read_text() == "not a key"

    out = sqlite_central.cli(
        "campaign", "erase-key", "--id", "SPI-2026", "--private-key", str(key_file)
    ).stdout
    assert "(run purge to delete them)" in out  # not purged yet: it says so


def test_purge_says_what_completes_it(sqlite_central: Central) -> None:
    sqlite_central.cli("campaign", "close", "--id", "SPI-2026")
    p = sqlite_central.cli("purge", "--grace-days", "0")
    assert "mpp-central campaign erase-key --id SPI-2026" in p.stderr
