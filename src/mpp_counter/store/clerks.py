"""Adding, replacing and removing clerk slots: each change is one generation switch.

The switch (store/rekey.py) writes the audit row into the new database before the key
file's rename, so the audit log always matches the slots in force, and a removal retires
the database key the removed clerk could unseal.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from ..domain.errors import BadInput, UnknownRecord, WrongSecret
from . import keys, os_secret

if TYPE_CHECKING:
    from .parts import StoreParts


def set_clerk(store: StoreParts, name: str, pin: str, *, replace_existing: bool) -> None:
    """Add a clerk slot, or replace one (a new PIN), with its audit row."""
    name = name.strip()
    if not name or len(name) > 60 or any(not c.isprintable() for c in name):
        raise BadInput("A clerk name must be 1 to 60 printable characters.")
    keys.check_pin(pin, "clerk", os_bound=os_secret.available() is not None)
    kf = store.keyfile
    old = next(
        (s for s in kf.slots if s.role == "clerk" and s.name.casefold() == name.casefold()), None
    )
    if replace_existing and old is None:
        raise UnknownRecord("There is no clerk called {name}.", name=name[:60])
    if not replace_existing and old is not None:
        raise BadInput("There is already a clerk called {name}.", name=name)
    slot_id = f"clerk:{uuid.uuid4()}"
    machine = os_secret.bind(kf.store_id, slot_id)
    try:
        slot = keys.make_slot(
            store_id=kf.store_id,
            role="clerk",
            name=name,
            secret=pin,
            db_key=bytes(store._unlocked.db_key),
            slot_id=slot_id,
            verify_key=kf.verify_key or b"",
            machine_secret=machine,
        )
        kept = tuple(s for s in kf.slots if old is None or s.id != old.id)
        store._switch((*kept, slot), "clerk-pin-reset" if old else "clerk-add", name)
    except BaseException:
        if machine is not None:
            os_secret.unbind(kf.store_id, slot_id)
        raise
    if old is not None and old.os_bound:
        os_secret.unbind(kf.store_id, old.id)


def remove_clerk(store: StoreParts, name: str) -> None:
    """Remove a clerk for good: the new generation's key is sealed only to the slots that
    stay, and no kept file holds the removed slot."""
    kf = store.keyfile
    try:
        slot = kf.clerk_slot(name)
    except WrongSecret as exc:
        raise UnknownRecord("There is no clerk called {name}.", name=name[:60]) from exc
    store._switch(tuple(s for s in kf.slots if s.id != slot.id), "clerk-remove", slot.name)
    if slot.os_bound:
        os_secret.unbind(kf.store_id, slot.id)
