"""A full disk and a crash during rekey: the store keeps what it had and still opens."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kdf_hook import fast_kdf
from mpp_counter.domain.errors import StoreWriteFailed
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE, fill_disk, new_store


def test_full_disk_fails_the_record_and_keeps_the_rest(tiny_disk: Path) -> None:
    data = tiny_disk / "data"
    s = new_store(data)
    saved = [s.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234").receipt for _ in range(5)]
    filler = fill_disk(tiny_disk)
    failures = 0
    for _ in range(200):  # the WAL may still have room for a few; then it must refuse
        try:
            saved.append(s.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234").receipt)
        except StoreWriteFailed as exc:
            assert "not saved" in exc.message or "cannot be written" in exc.message
            failures += 1
            break
    assert failures == 1
    try:
        s.close()
    except Exception:  # noqa: BLE001 - closing on a full disk may complain; data is safe
        pass
    filler.unlink()
    s = CounterStore.open_admin(data, PASSPHRASE)
    receipts = {r.receipt for r in s.today()}
    assert set(saved) <= receipts
    assert s.audit_verify()[1] == []
    s.close()


REKEY_LOOP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mpp_counter.store.counter import CounterStore
    s = CounterStore.open_admin(Path(sys.argv[1]), sys.argv[2])
    while True:
        s.rekey()
        print(s.keyfile.generation, flush=True)
""")


@pytest.mark.slow
def test_kill_9_during_rekey_leaves_old_or_new_key(store: CounterStore, data_dir: Path) -> None:
    for i in range(30):
        store.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i:04d}")
    store.add_clerk("Siti", "135790")
    store.close()
    rng = random.Random()
    generations = 0
    for _ in range(12):
        p = subprocess.Popen(
            [sys.executable, "-c", REKEY_LOOP, str(data_dir), PASSPHRASE],
            stdout=subprocess.PIPE,
            env=fast_kdf.child_env(dict(os.environ)),
        )
        time.sleep(rng.uniform(0.1, 0.8))
        p.send_signal(signal.SIGKILL)
        generations += len(p.communicate()[0].split())
        for opener in (
            lambda: CounterStore.open_admin(data_dir, PASSPHRASE),
            lambda: CounterStore.open_clerk(data_dir, "Siti", "135790"),
        ):
            s = opener()
            assert s.status().visits == 30
            s.close()
    assert generations > 0
    dbs = [f.name for f in data_dir.iterdir() if f.name.endswith(".db")]
    assert len(dbs) <= 2  # a crash may leave one never-switched generation (next rekey)
    current = json.loads((data_dir / "keys.json").read_text())["generation"]
    assert all(int(n.split("-")[1].split(".")[0]) >= current for n in dbs), dbs  # no retired
