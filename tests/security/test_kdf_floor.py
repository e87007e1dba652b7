"""No weak keys on request: the shipped program has no switch for a cheap KDF, and a slot
whose parameters are below the program's own is refused before any derivation."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mpp_counter.domain.errors import StoreDamaged
from mpp_counter.store import keyfile, keys
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE


def test_the_old_environment_switch_gives_no_weak_slot(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    r = cli(
        "--data-dir",
        str(data),
        "init",
        "--mpp",
        "BKL01",
        "--counter",
        "Loket 1",
        "--mpp-name",
        "MPP Kota Bengkulu",
        env={"MPP_COUNTER_KDF_PROFILE": "test", "MPP_TEST_REAL_KDF": "1"},
    )
    assert r.returncode == 0, r.stderr
    kdf = json.loads((data / "keys.json").read_text())["slots"][0]["kdf"]
    assert kdf["opslimit"] >= 3 and kdf["memlimit"] >= 256 * 1024 * 1024


def test_a_weak_slot_is_refused_before_deriving(
    store: CounterStore, data_dir: Path, real_kdf: None
) -> None:
    """The suite's own cheap slots are exactly what an attacker would plant: with the
    program's real floor in force, they are refused, and fast (no derivation ran)."""
    store.close()
    assert (
        json.loads((data_dir / "keys.json").read_text())["slots"][0]["kdf"]["memlimit"]
        < keyfile.KDF_MINIMUM["memlimit"]
    )
    t0 = time.perf_counter()
    with pytest.raises(StoreDamaged, match="weaker key derivation"):
        CounterStore.open_admin(data_dir, PASSPHRASE)
    assert time.perf_counter() - t0 < 0.2


def test_the_program_profile_is_its_floor(real_kdf: None) -> None:
    assert keys.kdf_profile() == keyfile.KDF_MINIMUM
    assert keyfile.KDF_MINIMUM["memlimit"] >= 256 * 1024 * 1024
    src = Path(keys.__file__).parent.parent
    assert not [p for p in src.rglob("*.py") if "MPP_COUNTER_KDF_PROFILE" in p.read_text()]
