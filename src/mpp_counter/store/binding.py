"""Proving that the database a slot opened is this store's, in force now.

The key file's signature (keys.py) stops anyone without the administrator passphrase from
sealing a key of their own to the slots. The database holds the other half: the store id,
the generation and the store's verify key, written inside the encrypted file at every
switch. An open checks both halves agree, so a database of another store, of another
generation, or of someone's making is refused even if its key opens it.

Stores made before this binding (key file version 1) are upgraded as soon as it is safe:
the administrator's unlock creates the signing key and binds the administrator's slot;
each clerk slot is re-wrapped at that clerk's next unlock (the PIN is needed to rewrap).
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..domain.errors import StoreDamaged
from . import keys
from .db import Connection, transaction

_KEYS = ("bound_store_id", "bound_generation", "bound_verify_key")
_FOREIGN = "The database file is damaged or does not belong to this key file."


def _b64(b: bytes | None) -> str:
    return base64.b64encode(b or b"").decode("ascii")


def record(con: Connection, kf: keys.KeyFile) -> None:
    """Write the binding into the database (call inside a transaction)."""
    con.executemany(
        "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
        zip(_KEYS, (kf.store_id, str(kf.generation), _b64(kf.verify_key)), strict=True),
    )


def check(con: Connection, kf: keys.KeyFile) -> None:
    """Refuse a database whose binding names another store, generation or verify key.

    A version 1 key file has no binding yet: nothing to check until it is upgraded (the
    database may already carry one, if a cut stopped the upgrade before the key file).
    """
    if kf.verify_key is None:
        return
    rows = dict(con.execute("SELECT key, value FROM settings WHERE key IN (?, ?, ?)", _KEYS))
    want = {
        "bound_store_id": kf.store_id,
        "bound_generation": str(kf.generation),
        "bound_verify_key": _b64(kf.verify_key),
    }
    if rows != want:
        raise StoreDamaged(_FOREIGN)


def upgrade_admin(
    data_dir: Path, con: Connection, kf: keys.KeyFile, unlocked: keys.Unlocked
) -> tuple[keys.KeyFile, keys.Unlocked]:
    """A version 1 store at its administrator's unlock: make the signing key, bind the
    administrator's slot and the database, sign the file."""
    if kf.verify_key is not None:
        return kf, unlocked
    sign_sk, vk = keys.new_signing_key()
    kf2 = keys.KeyFile(kf.store_id, kf.generation, kf.db_file, kf.slots, vk)
    admin = kf.slot(keys.ADMIN_SLOT)
    admin = keys.reseal(
        keys.bind(kf2, admin, unlocked), bytes(unlocked.db_key), sign_private=sign_sk
    )
    kf2 = keys.KeyFile(
        kf.store_id,
        kf.generation,
        kf.db_file,
        tuple(admin if s.id == admin.id else s for s in kf.slots),
        vk,
    ).signed(sign_sk)
    with transaction(con):  # first the database: a cut here leaves a version 1 file
        record(con, kf2)
    keys.write(data_dir, kf2)
    keys.settle_previous(data_dir, kf2)
    unlocked.wipe_rebind()
    return kf2, keys.Unlocked(unlocked.db_key, unlocked.escrow_private, bytearray(sign_sk))


def upgrade_clerk(
    data_dir: Path, kf: keys.KeyFile, slot: keys.Slot, unlocked: keys.Unlocked
) -> keys.KeyFile:
    """A clerk's version 1 slot in an upgraded store, just opened with the PIN: re-wrap it
    so its header names the store's verify key (the signature does not cover the wrap,
    so it stays valid)."""
    if slot.bound or kf.verify_key is None:
        return kf
    kf.verify()
    bound = keys.bind(kf, slot, unlocked)
    unlocked.wipe_rebind()
    kf2 = keys.KeyFile(
        kf.store_id,
        kf.generation,
        kf.db_file,
        tuple(bound if s.id == slot.id else s for s in kf.slots),
        kf.verify_key,
        kf.signature,
    )
    keys.write(data_dir, kf2)
    return kf2
