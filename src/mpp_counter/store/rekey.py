"""Switching to a new generation so that a crash leaves the old state or the new, never neither.

Every change of who holds a key (rekey, clerk add, remove, PIN reset) is one switch: the
data is exported into a new file under a new key (``sqlcipher_export``, the documented way
to re-encrypt), the audit row of the change is written *into that new file*, the file is
made durable, and only then does the key file switch to it in one atomic rename. Until
that rename the old file and old slots stay in force (and the audit log does not show the
change); after it the new ones do, with their audit row. The old file is deleted last; if
a cut left it, the next open removes it (``remove_older_generations``), and
``keys.json.prev`` is made a copy of the file in force, so no kept file still holds a
removed slot or a retired key.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

import sqlcipher3

from ..domain.errors import DiskReadOnly, MppError, StoreDamaged, StoreWriteFailed
from . import audit, binding, files, keys, schema
from .db import Connection, open_db, transaction
from .diskerrors import disk_error, error_for, folder_state

# The database, its -wal/-shm, and its schema backups (``.schemaN.bak``): all under its key.
_GENERATION = re.compile(r"^counter-(\d+)\.db(?:-wal|-shm|-journal|\.schema\d+\.bak(?:\.tmp)?)?$")


def _generation_files(data_dir: Path) -> list[tuple[int, Path]]:
    found = []
    for f in data_dir.glob("counter-*.db*"):
        m = _GENERATION.match(f.name)
        if m:
            found.append((int(m.group(1)), f))
    return found


def remove_other_generations(data_dir: Path, current: str) -> None:
    """Every generation's files but the one in force: before a switch, leftovers of a cut
    one; after it, the retired generation (schema backups included: same retired key)."""
    m = _GENERATION.match(current)
    keep = int(m.group(1)) if m else -1
    for gen, f in _generation_files(data_dir):
        if gen != keep:
            f.unlink(missing_ok=True)


def remove_older_generations(data_dir: Path, kf: keys.KeyFile) -> int:
    """After a verified open: files of generations before the one in force, which hold the
    data under a retired key. Newer ones are left alone (only a switch removes those)."""
    n = 0
    for gen, f in _generation_files(data_dir):
        if gen < kf.generation and f.name != kf.db_file:
            f.unlink(missing_ok=True)
            n += 1
    return n


def _export(con: Connection, new_path: Path, new_key: bytes) -> None:
    literal = str(new_path).replace("'", "''")
    con.execute(f"ATTACH DATABASE '{literal}' AS rekeyed KEY \"x'{new_key.hex()}'\"")
    try:
        con.execute("SELECT sqlcipher_export('rekeyed')").fetchone()
        con.execute(f"PRAGMA rekeyed.user_version = {schema.version(con)}")
    finally:
        con.execute("DETACH DATABASE rekeyed")
    fd = os.open(new_path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _in_force(data_dir: Path, kf: keys.KeyFile) -> bool:
    try:
        return keys.read(data_dir).to_bytes() == kf.to_bytes()
    except (OSError, MppError):
        return False


def switch(
    data_dir: Path,
    con: Connection,
    kf: keys.KeyFile,
    unlocked: keys.Unlocked,
    slots: tuple[keys.Slot, ...],
    *,
    actor: str,
    action: str,
    detail: str,
) -> tuple[Connection, keys.KeyFile]:
    """A new generation with ``slots`` (re-sealed to its new key) and one audit row."""
    if unlocked.sign_key is None or kf.verify_key is None:
        raise StoreDamaged("Only the administrator can do this.")
    remove_other_generations(data_dir, kf.db_file)
    new_key = secrets.token_bytes(32)
    gen = kf.generation + 1
    new_file = f"counter-{gen}.db"
    new_path = data_dir / new_file
    new_kf = keys.KeyFile(
        kf.store_id, gen, new_file, tuple(keys.reseal(s, new_key) for s in slots), kf.verify_key
    ).signed(unlocked.sign_key)
    new_con: Connection | None = None
    # Another program's writer (a clerk's window) waits on this lock until the old file
    # is gone, then finds it gone (db.transaction): nothing it writes can be lost.
    hold = open_db(data_dir / kf.db_file, bytes(unlocked.db_key))
    try:
        hold.execute("BEGIN IMMEDIATE")
        _export(con, new_path, new_key)
        new_con = open_db(new_path, new_key)  # proves the new file opens before the switch
        with transaction(new_con):
            binding.record(new_con, new_kf)
            audit.append(new_con, actor, action, detail)
        keys.write(data_dir, new_kf)  # the switch
    except (MppError, OSError, sqlcipher3.Error) as exc:
        if not _in_force(data_dir, new_kf):  # the old state stands, untouched
            hold.close()
            if new_con is not None:
                new_con.close()
            with contextlib.suppress(OSError):
                remove_other_generations(data_dir, kf.db_file)
            if isinstance(exc, MppError):
                raise
            disk = disk_error(exc)
            if disk is not None:  # a disk error, named as one (SQLite may call EIO read-only)
                kind = "read-only" if folder_state(data_dir) == "read-only" else "io"
                raise (disk if not isinstance(disk, DiskReadOnly) else error_for(kind)) from exc
            reason = getattr(exc, "strerror", None) or str(exc)
            raise StoreWriteFailed(
                "Nothing was changed: the new database file could not be written ({reason}).",
                reason=reason,
            ) from exc
    assert new_con is not None
    con.close()
    unlocked.db_key[:] = new_key
    with contextlib.suppress(OSError, MppError):  # the next open finishes these if cut
        remove_other_generations(data_dir, new_file)
    hold.close()
    with contextlib.suppress(OSError, MppError):
        keys.settle_previous(data_dir, new_kf)
    return new_con, new_kf


def finish_cut_switch(data_dir: Path, kf: keys.KeyFile) -> None:
    """After a verified open: what a cut switch left (older generations' files, an older
    ``keys.json.prev``), and the folder's permissions, in case a former version made it."""
    files.secure_folder(data_dir)
    if remove_older_generations(data_dir, kf) or kf.generation > 1:
        keys.settle_previous(data_dir, kf)
