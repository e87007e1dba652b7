"""A wrong secret, a foreign or damaged file: a clear message and not one byte changed."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from mpp_counter.domain.errors import (
    MppError,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    WrongSecret,
)
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE, new_store


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def filled(store: CounterStore, data_dir: Path) -> Path:
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234")
    store.add_clerk("Siti", "135790")
    store.close()
    return data_dir


def test_wrong_passphrase_and_pin_change_nothing(filled: Path) -> None:
    before = snapshot(filled)
    with pytest.raises(WrongSecret, match="Wrong passphrase"):
        CounterStore.open_admin(filled, "not the passphrase")
    with pytest.raises(WrongSecret, match="wrong PIN"):
        CounterStore.open_clerk(filled, "Siti", "135791")
    with pytest.raises(WrongSecret):
        CounterStore.open_clerk(filled, "Nobody", "135790")
    assert snapshot(filled) == before


def test_missing_and_existing_store(data_dir: Path, filled: Path) -> None:
    with pytest.raises(StoreMissing):
        CounterStore.open_admin(data_dir.parent / "elsewhere", PASSPHRASE)
    before = snapshot(filled)
    with pytest.raises(StoreExists):
        new_store(filled, mpp_code="X", mpp_name="X", counter="X")
    assert snapshot(filled) == before


def _db(d: Path) -> Path:
    return d / json.loads((d / "keys.json").read_text())["db_file"]


@pytest.mark.parametrize(
    "damage", ["bitflip-db", "truncate-db", "foreign-sqlite", "zero-db", "garbage-db"]
)
def test_damaged_database_is_refused_untouched(filled: Path, tmp_path: Path, damage: str) -> None:
    db = _db(filled)
    if damage == "bitflip-db":
        raw = bytearray(db.read_bytes())
        raw[len(raw) // 2] ^= 0x10
        raw[100] ^= 0x01
        db.write_bytes(bytes(raw))
    elif damage == "truncate-db":
        db.write_bytes(db.read_bytes()[:1000])
    elif damage == "foreign-sqlite":
        db.unlink()
        con = sqlite3.connect(db)
        con.execute("create table x(y)")
        con.commit()
        con.close()
    elif damage == "zero-db":
        db.write_bytes(b"")
    else:
        db.write_bytes(b"%PDF-1.7 this is not a database" * 100)
    before = snapshot(filled)
    with pytest.raises((StoreDamaged, MppError)) as info:
        s = CounterStore.open_admin(filled, PASSPHRASE)
        s.status()  # a bit flip deep in a page only shows when the page is read
        s.rows_between(
            __import__("datetime").date(2000, 1, 1), __import__("datetime").date(2999, 1, 1)
        )
        s.close()
    assert info.value.message
    assert "Traceback" not in info.value.message
    assert snapshot(filled) == before


@pytest.mark.parametrize(
    "damage", ["truncate", "bitflip", "empty", "not-json", "other-json", "swap-name", "weak-kdf"]
)
def test_damaged_key_file_is_refused_untouched(filled: Path, damage: str) -> None:
    kf = filled / "keys.json"
    raw = kf.read_bytes()
    doc = json.loads(raw)
    if damage == "truncate":
        kf.write_bytes(raw[: len(raw) // 2])
    elif damage == "bitflip":
        slot = doc["slots"][0]
        w = bytearray(__import__("base64").b64decode(slot["wrapped_private"]))
        w[-5] ^= 1
        slot["wrapped_private"] = __import__("base64").b64encode(bytes(w)).decode()
        kf.write_text(json.dumps(doc))
    elif damage == "empty":
        kf.write_bytes(b"")
    elif damage == "not-json":
        kf.write_bytes(b"\x00\xff" * 50)
    elif damage == "other-json":
        kf.write_text('{"hello": "world"}')
    elif damage == "swap-name":  # relabelling a slot must not pass its authentication
        for s in doc["slots"]:
            if s["role"] == "clerk":
                s["name"] = "Mallory"
        kf.write_text(json.dumps(doc))
    else:  # lowering the KDF cost is detected too: the parameters are authenticated
        doc["slots"][0]["kdf"]["opslimit"] += 1
        kf.write_text(json.dumps(doc))
    before = snapshot(filled)
    with pytest.raises(MppError) as info:
        if damage == "swap-name":
            CounterStore.open_clerk(filled, "Mallory", "135790")
        else:
            CounterStore.open_admin(filled, PASSPHRASE).close()
    assert info.value.message
    assert snapshot(filled) == before


def test_key_file_previous_version_is_kept(filled: Path) -> None:
    """After a switch (clerk add) the kept copy is the file in force, never an older
    generation's: it restores a damaged keys.json and brings back nothing removed."""
    prev = json.loads((filled / "keys.json.prev").read_text())
    cur = json.loads((filled / "keys.json").read_text())
    assert prev == cur and len(cur["slots"]) == 2 and cur["generation"] == 2
    shutil.copy(filled / "keys.json.prev", filled / "keys.json")  # the admin restores it
    CounterStore.open_admin(filled, PASSPHRASE).close()


def test_read_only_data_dir_fails_cleanly_and_keeps_data(filled: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions; the full-disk test covers the write path")
    before = snapshot(filled)
    for p in [filled, *filled.iterdir()]:
        p.chmod(0o500 if p.is_dir() else 0o400)
    try:
        with pytest.raises(MppError):
            s = CounterStore.open_admin(filled, PASSPHRASE)
            s.record("DUK-KTP", Outcome.DECLINED)
    finally:
        for p in [filled, *filled.iterdir()]:
            p.chmod(0o700 if p.is_dir() else 0o600)
    assert snapshot(filled) == before
