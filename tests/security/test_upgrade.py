"""A store made before slots bound the store (key file version 1) is upgraded: at the
administrator's next unlock (signing key, admin slot, database binding) and at each
clerk's next unlock (her slot); from then on a planted database is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from nacl import bindings

from mpp_counter.domain.errors import MppError
from mpp_counter.domain.records import Outcome
from mpp_counter.store import keys, lockout, os_secret, unlock_failures
from mpp_counter.store.counter import CounterStore
from mpp_counter.store.db import transaction

from .test_planted_database import _plant
from support import PASSPHRASE

PIN = "135790"


def _as_version_1(store: CounterStore, data: Path) -> None:
    """Rewrite a store as the former program wrote it: legacy slot headers, no signature,
    no binding or epoch in the database, no unlock counter file."""
    kf = store.keyfile
    with transaction(store.con):
        store.con.execute(
            "DELETE FROM settings WHERE key LIKE 'bound_%' OR key LIKE 'lockout_epoch%'"
        )
    store.close()
    slots = []
    for s in kf.slots:
        secret = PASSPHRASE if s.role == "admin" else PIN
        machine = os_secret.slot_secret(kf.store_id, s.id) if s.os_bound else None
        kek = keys._derive(secret, s.salt, s.kdf, machine)  # noqa: SLF001
        sk = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            s.wrapped_private[24:],
            s.header(kf.store_id, kf.verify_key),
            s.wrapped_private[:24],
            kek,
        )
        legacy = replace(s, bound=False, sealed_sign=None)
        slots.append(keys._wrap(legacy, kf.store_id, None, sk, kek))  # noqa: SLF001
    old = keys.KeyFile(kf.store_id, kf.generation, kf.db_file, tuple(slots))
    (data / "keys.json").write_bytes(old.to_bytes())
    (data / "keys.json.prev").unlink(missing_ok=True)
    (data / unlock_failures.FAILURES_FILE).unlink()
    assert json.loads(old.to_bytes())["version"] == 1


@pytest.fixture
def old_store(store: CounterStore, data_dir: Path) -> Path:
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234")
    store.add_clerk("Siti", PIN)
    _as_version_1(store, data_dir)
    return data_dir


def _slots(data: Path) -> dict[str, bool]:
    doc = json.loads((data / "keys.json").read_text())
    return {s["name"]: s["bound"] for s in doc["slots"]}


def _guarded(data: Path, user: str, secret: str) -> CounterStore:
    opener = (
        (lambda: CounterStore.open_admin(data, secret))
        if user == "admin"
        else (lambda: CounterStore.open_clerk(data, user, secret))
    )
    return lockout.guarded_unlock(data, user, opener)


def test_the_old_store_opens_and_is_bound_step_by_step(old_store: Path, tmp_path: Path) -> None:
    s = _guarded(old_store, "Siti", PIN)  # a clerk first: nothing to bind with yet
    assert s.status().consents == 1
    s.close()
    assert _slots(old_store) == {"admin": False, "Siti": False}
    s = _guarded(old_store, "admin", PASSPHRASE)
    actions = [r[0] for r in s.con.execute("SELECT action FROM audit")]
    s.close()
    assert "unlock-counter-altered" not in actions  # it never had the file: no alarm
    assert _slots(old_store) == {"admin": True, "Siti": False}
    s = _guarded(old_store, "Siti", PIN)
    s.close()
    assert _slots(old_store) == {"admin": True, "Siti": True}
    _plant(old_store, tmp_path)
    for user, secret in (("Siti", PIN), ("admin", PASSPHRASE)):
        with pytest.raises(MppError):
            _guarded(old_store, user, secret).close()


def test_a_cut_upgrade_opens_and_finishes(old_store: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The database got its binding, then the power went before the key file: the next
    unlocks still open, and the administrator's finishes the upgrade."""

    def cut(*_a: object) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as mp:
        mp.setattr(keys, "write", cut)
        with pytest.raises(OSError):
            CounterStore.open_admin(old_store, PASSPHRASE)
    assert _slots(old_store) == {"admin": False, "Siti": False}
    CounterStore.open_clerk(old_store, "Siti", PIN).close()
    _guarded(old_store, "admin", PASSPHRASE).close()
    assert _slots(old_store)["admin"] is True
