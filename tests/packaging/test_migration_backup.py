"""An upgrade keeps a copy of the store as it was before the schema migration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mpp_counter.domain.errors import StoreWriteFailed
from mpp_counter.store import schema
from mpp_counter.store.db import SQLITE_MAGIC, open_db

KEY = bytes(range(32))


def _old_store(path: Path, version: int) -> None:
    con = open_db(path, KEY, create=True)
    schema.migrate(con, target=version)
    con.execute("INSERT INTO settings VALUES ('mpp_code', 'BKL01')")
    con.close()


def test_migration_keeps_an_encrypted_backup_at_the_old_version(tmp_path: Path) -> None:
    db = tmp_path / "counter-1.db"
    _old_store(db, 1)
    con = open_db(db, KEY)
    schema.migrate(con)
    assert schema.version(con) == schema.LATEST
    con.close()

    bak = tmp_path / "counter-1.db.schema1.bak"
    assert bak.is_file()
    assert bak.read_bytes()[:16] != SQLITE_MAGIC  # still encrypted
    if os.name == "posix":
        assert bak.stat().st_mode & 0o077 == 0
    old = open_db(bak, KEY)
    assert schema.version(old) == 1
    assert old.execute("SELECT value FROM settings").fetchall() == [("BKL01",)]
    assert not old.execute("SELECT name FROM sqlite_master WHERE name = 'outbox'").fetchall()
    old.close()
    assert not list(tmp_path.glob("*.tmp"))


def test_no_backup_for_a_new_or_current_store(tmp_path: Path) -> None:
    db = tmp_path / "counter-1.db"
    con = open_db(db, KEY, create=True)
    schema.migrate(con)  # a new store: nothing to keep
    con.close()
    con = open_db(db, KEY)
    schema.migrate(con)  # already current
    con.close()
    assert not list(tmp_path.glob("*.bak"))


def test_a_failed_backup_stops_the_migration(tmp_path: Path) -> None:
    db = tmp_path / "counter-1.db"
    _old_store(db, 2)
    (tmp_path / "counter-1.db.schema2.bak.tmp").mkdir()  # cannot be replaced by a file
    con = open_db(db, KEY)
    with pytest.raises(StoreWriteFailed):
        schema.migrate(con)
    assert schema.version(con) == 2  # not migrated without its backup
    con.close()
