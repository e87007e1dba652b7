"""Someone who can write the data folder, but holds no PIN, passphrase or key, plants a
database of their own behind the slots. The clerk's and the administrator's unlock must
refuse it: every slot binds the store (its verify key), the key file is signed, and the
database itself names the store and generation it belongs to."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey

from mpp_counter.domain.errors import MppError
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

PIN = "135790"


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _attacker_database(tmp: Path) -> tuple[Path, bytes]:
    """A whole store of the attacker's own making; they know its database key."""
    theirs = tmp / "theirs"
    s = CounterStore.create(
        theirs,
        mpp_code="EVIL",
        mpp_name="Evil",
        counter="X",
        zone="WIB",
        passphrase="attacker passphrase",
    )
    key = bytes(s._unlocked.db_key)  # noqa: SLF001 - the attacker's own store
    db = theirs / s.keyfile.db_file
    s.close()
    return db, key


@pytest.fixture
def victim(store: CounterStore, data_dir: Path) -> Path:
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234")
    store.add_clerk("Siti", PIN)
    store.close()
    return data_dir


def _plant(victim: Path, tmp: Path, *, resign: bool = False, downgrade: bool = False) -> None:
    db, key = _attacker_database(tmp)
    shutil.copy(db, victim / "planted.db")
    doc = json.loads((victim / "keys.json").read_text())
    for slot in doc["slots"]:  # the public halves are right there in keys.json
        box = SealedBox(PublicKey(base64.b64decode(slot["public_key"])))
        slot["sealed_db_key"] = _b64(box.encrypt(key))
    doc["db_file"] = "planted.db"
    doc["generation"] += 1
    if resign:  # their own signing key, and a signature that holds under it
        from mpp_counter.store import keys

        sk = SigningKey.generate()
        doc["verify_key"] = _b64(bytes(sk.verify_key))
        kf = keys.KeyFile.from_bytes(json.dumps(doc).encode())
        doc["signature"] = _b64(sk.sign(kf.signed_bytes()).signature)
    if downgrade:
        doc["version"] = 1
        doc.pop("verify_key", None)
        doc.pop("signature", None)
        for slot in doc["slots"]:
            slot["bound"] = False
    (victim / "keys.json").write_text(json.dumps(doc))


@pytest.mark.parametrize("variant", ["plain", "resigned", "downgraded"])
def test_a_planted_database_does_not_open(victim: Path, tmp_path: Path, variant: str) -> None:
    _plant(victim, tmp_path, resign=variant == "resigned", downgrade=variant == "downgraded")
    with pytest.raises(MppError):
        CounterStore.open_clerk(victim, "Siti", PIN).close()
    with pytest.raises(MppError):
        CounterStore.open_admin(victim, PASSPHRASE).close()


def test_another_stores_generation_or_file_name_is_refused(victim: Path) -> None:
    """Even a database that the right key opens is refused when the key file names
    another generation for it (the database carries its own binding)."""
    doc = json.loads((victim / "keys.json").read_text())
    (victim / doc["db_file"]).rename(victim / "renamed.db")
    doc["db_file"] = "renamed.db"
    (victim / "keys.json").write_text(json.dumps(doc))
    with pytest.raises(MppError):
        CounterStore.open_admin(victim, PASSPHRASE).close()


def test_the_real_store_still_opens(victim: Path) -> None:
    for s in (
        CounterStore.open_clerk(victim, "Siti", PIN),
        CounterStore.open_admin(victim, PASSPHRASE),
    ):
        assert s.status().consents == 1
        s.close()
