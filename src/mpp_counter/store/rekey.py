"""Rotating the database key so that a crash leaves the old or the new key, never neither.

The data is exported into a new file under the new key (``sqlcipher_export``, the
documented way to re-encrypt), made durable, and only then does the key file switch to
it in one atomic rename. Until that rename the old file and old slots stay in force;
after it the new ones do. The old file is deleted last (and again at the next rekey or
open, if a crash left it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from . import keys, schema
from .db import Connection, open_db


def remove_other_generations(data_dir: Path, current: str) -> None:
    for f in data_dir.glob("counter-*.db*"):
        if f.name != current and not f.name.startswith(current + "-"):
            f.unlink(missing_ok=True)


def rekey(data_dir: Path, con: Connection, kf: keys.KeyFile,
          unlocked: keys.Unlocked) -> tuple[Connection, keys.KeyFile]:
    remove_other_generations(data_dir, kf.db_file)
    new_key = secrets.token_bytes(32)
    gen = kf.generation + 1
    new_file = f"counter-{gen}.db"
    new_path = data_dir / new_file
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
    new_con = open_db(new_path, new_key)  # proves the new file opens before we commit to it
    new_kf = keys.KeyFile(kf.store_id, gen, new_file,
                          tuple(keys.reseal(s, new_key) for s in kf.slots))
    keys.write(data_dir, new_kf)  # the switch
    con.close()
    remove_other_generations(data_dir, new_file)
    unlocked.db_key[:] = new_key
    return new_con, new_kf
