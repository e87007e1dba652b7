"""A removed clerk stays removed: the removal is a rekey, no kept file holds the slot, and
putting back any copy of keys.json the folder kept (or the attacker saved) opens nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mpp_counter.domain.errors import MppError
from mpp_counter.domain.records import Outcome
from mpp_counter.store import keys
from mpp_counter.store.counter import CounterStore
from mpp_counter.store.db import open_db

from support import PASSPHRASE

PIN = "135790"


def _slot_ids(path: Path) -> set[str]:
    return {s["id"] for s in json.loads(path.read_text())["slots"]}


def test_copying_any_kept_key_file_back_does_not_bring_the_clerk_back(
    store: CounterStore, data_dir: Path, tmp_path: Path
) -> None:
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234")
    store.add_clerk("Siti", PIN)
    siti = store.keyfile.clerk_slot("Siti").id
    saved = tmp_path / "saved-keys.json"  # what Siti copied while she could
    shutil.copy(data_dir / "keys.json", saved)
    store.remove_clerk("Siti")
    store.close()

    kept = [p for p in data_dir.iterdir() if p.name.startswith("keys.json")]
    assert kept and all(siti not in _slot_ids(p) for p in kept)  # .prev included
    for body in [p.read_bytes() for p in kept] + [saved.read_bytes()]:
        (data_dir / "keys.json").write_bytes(body)
        with pytest.raises(MppError):
            CounterStore.open_clerk(data_dir, "Siti", PIN).close()
    # her old slot's key, which she can still unseal, does not open the database in force
    old = keys.KeyFile.from_bytes(saved.read_bytes())
    from mpp_counter.store import os_secret

    with pytest.raises(MppError):  # the removal also forgot her OS-kept secret
        slot = old.clerk_slot("Siti")
        machine = os_secret.slot_secret(old.store_id, slot.id) if slot.os_bound else None
        key = keys.unlock(old, slot, PIN, machine).db_key
        current = keys.KeyFile.from_bytes((data_dir / "keys.json.prev").read_bytes())
        open_db(data_dir / current.db_file, bytes(key)).close()
    shutil.copy(data_dir / "keys.json.prev", data_dir / "keys.json")
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    assert s.status().consents == 1 and s.keyfile.clerks() == []
    actions = [r[0] for r in s.con.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions.count("clerk-remove") == 1
    s.close()


def test_removing_a_clerk_retires_the_database_key(store: CounterStore, data_dir: Path) -> None:
    store.add_clerk("Siti", PIN)
    before = (store.keyfile.generation, bytes(store._unlocked.db_key))  # noqa: SLF001
    db = data_dir / store.keyfile.db_file
    shutil.copy(db, db.with_name(db.name + ".schema3.bak"))  # a backup a migration made
    store.remove_clerk("Siti")
    after = (store.keyfile.generation, bytes(store._unlocked.db_key))  # noqa: SLF001
    assert after[0] == before[0] + 1 and after[1] != before[1]
    assert [p.name for p in data_dir.glob("counter-*")] == [store.keyfile.db_file] or {
        p.name for p in data_dir.glob("counter-*")
    } <= {store.keyfile.db_file + ext for ext in ("", "-wal", "-shm")}
    with pytest.raises(MppError):
        open_db(data_dir / store.keyfile.db_file, before[1]).close()
