"""Opening the SQLCipher file: raw key, quiet on a wrong key, durable pragmas.

A wrong key must never create, overwrite or truncate anything, so the file is opened
with ``mode=rw`` (never created here) and the key is checked by a read before any
pragma that could write (journal mode, migrations).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from ..domain.errors import StoreDamaged, StoreWriteFailed, WrongSecret
from .sqltypes import Connection as Connection  # re-exported: the store's modules take it

DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
OperationalError = sqlcipher3.OperationalError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _keyed(path: Path, key: bytes, create: bool) -> Connection:
    mode = "rwc" if create else "rw"
    try:
        con: Connection = sqlcipher3.connect(
            f"file:{path.as_posix()}?mode={mode}", uri=True, isolation_level=None,
            check_same_thread=False, timeout=10)
    except sqlcipher3.OperationalError as exc:
        raise StoreDamaged("The database file cannot be opened: {reason}", reason=str(exc)) \
            from exc
    con.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" on stderr
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


def open_db(path: Path, key: bytes, *, create: bool = False) -> Connection:
    if not create:
        _refuse_foreign(path)
    con = _keyed(path, key, create)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise WrongSecret("The key does not open this database (wrong key or damaged file).") \
            from exc
    try:
        con.execute("PRAGMA journal_mode = WAL").fetchone()
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA secure_delete = ON")  # deleted numbers leave no bytes behind
        from .audit import register

        register(con)
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise StoreDamaged("The database is damaged: {reason}", reason=str(exc)) from exc
    return con


def _refuse_foreign(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError as exc:
        raise StoreDamaged("The database file is missing.") from exc
    except OSError as exc:
        raise StoreDamaged("The database file cannot be read: {reason}",
                           reason=exc.strerror) from exc
    if head == SQLITE_MAGIC:
        raise StoreDamaged("This is an unencrypted SQLite file, not an mpp-counter store.")
    if len(head) < 16:
        raise StoreDamaged("The database file is truncated.")


SWITCHED_MSG = ("The administrator changed the keys in the meantime; nothing was saved. "
                "Lock the counter and unlock it again.")


def _in_place(con: Connection) -> bool:
    """Is this connection's file still the one on disk? A switch (store/rekey.py) deletes
    the old generation while it holds its write lock, so a writer that waited for that
    lock finds its file gone here, before writing anything that would be lost."""
    for _seq, name, file in con.execute("PRAGMA database_list"):
        if name == "main":
            return not file or os.path.exists(file)
    return True


@contextlib.contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """One write transaction; any error rolls back and a disk error becomes ours."""
    try:
        con.execute("BEGIN IMMEDIATE")
    except (sqlcipher3.OperationalError, sqlite3.OperationalError) as exc:
        raise StoreWriteFailed("The database is busy or cannot be written: {reason}",
                               reason=str(exc)) from exc
    if not _in_place(con):  # another program switched the store to a new generation
        with contextlib.suppress(sqlcipher3.Error):
            con.execute("ROLLBACK")
        raise StoreDamaged(SWITCHED_MSG)
    try:
        yield con
        con.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlcipher3.Error):
            con.execute("ROLLBACK")
        if isinstance(exc, sqlcipher3.OperationalError):
            raise StoreWriteFailed("The record was not saved: {reason}", reason=str(exc)) \
                from exc
        raise
