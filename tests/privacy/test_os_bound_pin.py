"""Clerk PIN slots bound to the OS's protected storage (real gnome-keyring on a private D-Bus).

A copied data folder must not open with the right 6-digit PIN on another account; the
administrator's passphrase stays portable; where no Secret Service exists a 6-digit PIN
is refused in favour of a longer one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mpp_counter.domain.errors import BadInput, WrongSecret
from mpp_counter.store import keys, os_secret
from mpp_counter.store.counter import CounterStore
from secret_service import NO_SECRET_SERVICE, SecretService, missing_tools

from support import PASSPHRASE

pytestmark = pytest.mark.skipif(
    bool(missing_tools()),
    reason=f"needs {', '.join(missing_tools())} (scripts/system-deps.sh installs them)",
)

PIN = "135790"
LONG_PIN = "7302-9914-58"


@pytest.fixture
def other_pc(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Another user account: its own HOME and its own (empty) Secret Service."""
    service = SecretService(tmp_path / "other-pc").start()
    yield service
    service.stop()


def _slot(data: Path, name: str) -> dict:  # type: ignore[type-arg]
    doc = json.loads((data / "keys.json").read_text())
    return next(s for s in doc["slots"] if s["name"] == name)


def test_six_digit_pin_is_bound_and_a_copy_elsewhere_does_not_open(cli, tmp_path, other_pc):
    data = tmp_path / "data"
    base = ("--data-dir", str(data))
    assert (
        cli(
            *base,
            "init",
            "--mpp",
            "BKL01",
            "--counter",
            "Loket 1",
            "--mpp-name",
            "MPP Kota Bengkulu",
        ).returncode
        == 0
    )
    r = cli(*base, "clerk", "add", "Siti", env={"MPP_COUNTER_PIN": PIN})
    assert r.returncode == 0, r.stderr
    assert _slot(data, "Siti")["os_bound"] is True
    assert _slot(data, "admin")["os_bound"] is False  # the recovery slot stays portable
    here = cli(
        *base,
        "record",
        "--service",
        "DUK-KTP",
        "--clerk",
        "Siti",
        env={"MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None},
    )
    assert here.returncode == 0, here.stderr

    copy = tmp_path / "stolen" / "data"
    shutil.copytree(data, copy)
    for env in ({**other_pc.env, "HOME": str(other_pc.home)}, NO_SECRET_SERVICE):
        r = cli(
            "--data-dir",
            str(copy),
            "record",
            "--service",
            "DUK-KTP",
            "--clerk",
            "Siti",
            env={**env, "MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None},
        )
        assert r.returncode == 1
        assert "only works on the computer and user account where it was set up" in r.stderr
        admin = cli("--data-dir", str(copy), "status", env=env)
        assert admin.returncode == 0, admin.stderr
        assert "Loket 1" in admin.stdout


def test_without_a_secret_service_a_six_digit_pin_is_refused(cli, tmp_path):
    data = tmp_path / "data"
    base = ("--data-dir", str(data))
    assert (
        cli(
            *base,
            "init",
            "--mpp",
            "BKL01",
            "--counter",
            "Loket 1",
            "--mpp-name",
            "MPP Kota Bengkulu",
            env=NO_SECRET_SERVICE,
        ).returncode
        == 0
    )
    r = cli(*base, "clerk", "add", "Budi", env={**NO_SECRET_SERVICE, "MPP_COUNTER_PIN": PIN})
    assert r.returncode == 2
    assert "no protected key storage" in r.stderr and "at least 10 characters" in r.stderr
    assert "Budi" not in (data / "keys.json").read_text()
    r = cli(*base, "clerk", "add", "Budi", env={**NO_SECRET_SERVICE, "MPP_COUNTER_PIN": LONG_PIN})
    assert r.returncode == 0, r.stderr
    assert _slot(data, "Budi")["os_bound"] is False
    r = cli(
        *base,
        "record",
        "--service",
        "DUK-KTP",
        "--clerk",
        "Budi",
        env={**NO_SECRET_SERVICE, "MPP_COUNTER_PIN": LONG_PIN, "MPP_COUNTER_PASSPHRASE": None},
    )
    assert r.returncode == 0, r.stderr


def test_check_pin_rules_follow_the_binding():
    keys.check_pin(PIN, "clerk", os_bound=True)
    with pytest.raises(BadInput, match="at least 10 characters"):
        keys.check_pin(PIN, "clerk", os_bound=False)
    keys.check_pin(LONG_PIN, "clerk", os_bound=False)
    with pytest.raises(BadInput, match="too easy"):
        keys.check_pin("1111111111", "clerk", os_bound=False)
    with pytest.raises(BadInput, match="digits only"):
        keys.check_pin("12ab56", "clerk", os_bound=True)


def test_the_binding_flag_cannot_be_flipped_and_removal_forgets_the_secret(store, data_dir):
    store.add_clerk("Siti", PIN)
    slot = store.keyfile.clerk_slot("Siti")
    backend = os_secret.available()
    assert backend is not None and slot.os_bound
    assert backend.get(os_secret.slot_key(store.keyfile.store_id, slot.id)) is not None

    doc = json.loads((data_dir / "keys.json").read_text())
    for s in doc["slots"]:
        if s["name"] == "Siti":
            s["os_bound"] = False  # pretend the slot never needed the OS secret
    (data_dir / "keys.json").write_text(json.dumps(doc))
    with pytest.raises(WrongSecret):
        CounterStore.open_clerk(data_dir, "Siti", PIN).close()

    store.remove_clerk("Siti")
    assert backend.get(os_secret.slot_key(store.keyfile.store_id, slot.id)) is None


def test_a_refused_pin_on_reset_keeps_the_clerk(store, data_dir):
    store.add_clerk("Siti", PIN)
    with pytest.raises(BadInput):
        store.reset_pin("Siti", "12")
    assert store.keyfile.clerks() == ["Siti"]
    CounterStore.open_clerk(data_dir, "Siti", PIN).close()
    assert PASSPHRASE  # the admin slot is untouched by clerk changes


def test_a_bound_slot_survives_a_rekey(store, data_dir):
    """Rekey re-seals to each slot's public half: no PIN and no OS secret needed."""
    store.add_clerk("Siti", PIN)
    store.rekey()
    store.close()
    s = CounterStore.open_clerk(data_dir, "Siti", PIN)
    try:
        assert s.keyfile.generation == 3 and s.keyfile.clerk_slot("Siti").os_bound
    finally:
        s.close()
