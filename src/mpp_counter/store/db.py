"""Opening the SQLCipher file: raw key, quiet on a wrong key, durable pragmas.

A wrong key must never create, overwrite or truncate anything, so the file is opened
with ``mode=rw`` (never created here) and the key is checked by a read before any
pragma that could write (journal mode, migrations).

A disk that fails is named as the disk (full, read-only, I/O error), never as damage or a
wrong key; a full or read-only disk still opens for reading (see ``diskerrors.py``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import sqlcipher3

from ..domain.errors import DiskError, StoreDamaged, StoreWriteFailed, WrongSecret
from .diskerrors import disk_error, disk_kind, error_for, reading_fallbacks, unreadable
from .sqltypes import Connection as Connection  # re-exported: the store's modules take it

DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError
OperationalError = sqlcipher3.OperationalError

SQLITE_MAGIC = b"SQLite format 3\x00"


def complete_statement(sql: str) -> bool:
    """Does ``sql`` end with a complete statement (a trigger's inner ``;`` do not count)?"""
    return bool(sqlcipher3.complete_statement(sql))


class _Connection(sqlcipher3.Connection):  # type: ignore[misc]  # sqlcipher3 has no stubs
    """A connection that knows when it may only read: ``degraded`` is None (normal) or
    the disk's state ("full", "read-only", "io"); ``deferred`` holds audit rows the disk
    could not take, written first by the next transaction that can (sqltypes.Connection)."""

    degraded: str | None = None
    deferred: list[tuple[str, str, str, str]]
    main_file: str | None = None
    save_head: tuple[int, int, int, int, str] | None = None


# sqlcipher3's statement cache keeps the most used statements and, once full, gives each
# new one the last place, which the next new one takes: two statements new to a full
# cache then evict each other on every use and are compiled again each time (a save
# paid ~100 us for it after a store's creation had filled the cache with migrations).
# Large enough that a session never fills it; the SQL that varies is kept to a fixed set.
STATEMENT_CACHE = 1024


def _connect(path: Path, mode: str) -> Connection:
    con: Connection = sqlcipher3.connect(
        f"file:{path.as_posix()}?{mode}",
        uri=True,
        factory=_Connection,
        isolation_level=None,
        check_same_thread=False,
        timeout=10,
        cached_statements=STATEMENT_CACHE,
    )
    con.deferred = []
    return con


def _keyed(
    path: Path, key: bytes, create: bool, mode: str | None = None, pragmas: tuple[str, ...] = ()
) -> Connection:
    mode = mode or ("mode=rwc" if create else "mode=rw")
    try:
        con = _connect(path, mode)
    except sqlcipher3.OperationalError as exc:
        raise disk_error(exc, opening=True) or StoreDamaged(
            "The database file cannot be opened: {reason}", reason=str(exc)
        ) from exc
    con.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" on stderr
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    for pragma in pragmas:
        con.execute(pragma).fetchall()
    return con


def _check_read(con: Connection) -> None:
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()


def open_db(path: Path, key: bytes, *, create: bool = False) -> Connection:
    if not create:
        _refuse_foreign(path)
    con = _keyed(path, key, create)
    try:
        _check_read(con)
    except sqlcipher3.DatabaseError as exc:
        con.close()
        if create:
            raise disk_error(exc, opening=True) or StoreDamaged(
                "The database file cannot be created: {reason}", reason=str(exc)
            ) from exc
        return _open_for_reading(path, key, exc)
    try:
        con.execute("PRAGMA journal_mode = WAL").fetchone()
        con.execute("PRAGMA synchronous = FULL")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA secure_delete = ON")  # deleted numbers leave no bytes behind
        from .audit import register

        register(con)
    except sqlcipher3.DatabaseError as exc:
        con.close()
        raise disk_error(exc, opening=True) or StoreDamaged(
            "The database is damaged: {reason}", reason=str(exc)
        ) from exc
    return con


def _open_for_reading(path: Path, key: bytes, first: sqlcipher3.DatabaseError) -> Connection:
    """The first read failed. When the disk (full, read-only) is why, a reading-only
    connection still opens; when the file itself refuses this key, it is the key's."""
    kind = disk_kind(first)
    for mode, pragmas in reading_fallbacks(path):
        try:
            con = _keyed(path, key, False, mode, pragmas)
        except (StoreDamaged, DiskError):
            continue
        try:
            _check_read(con)
        except sqlcipher3.DatabaseError as exc:
            con.close()
            kind = kind or disk_kind(exc)
            continue
        from .audit import register

        register(con)
        con.execute("PRAGMA query_only = ON")
        con.degraded = reading_state(path, kind)
        return con
    if kind is not None:
        raise error_for("read-only" if kind == "cantopen" else kind, opening=True) from first
    if unreadable(path.parent, path.name):
        raise error_for("io", opening=True) from first
    raise WrongSecret("The key does not open this database (wrong key or damaged file).") from first


def reading_state(path: Path, kind: str | None) -> str:
    from .diskerrors import folder_state

    return folder_state(path.parent) or kind or "io"


def _refuse_foreign(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError as exc:
        raise StoreDamaged("The database file is missing.") from exc
    except OSError as exc:
        raise disk_error(exc, opening=True) or StoreDamaged(
            "The database file cannot be read: {reason}", reason=exc.strerror
        ) from exc
    if head == SQLITE_MAGIC:
        raise StoreDamaged("This is an unencrypted SQLite file, not an mpp-counter store.")
    if len(head) < 16:
        raise StoreDamaged("The database file is truncated.")


SWITCHED_MSG = (
    "The administrator changed the keys in the meantime; nothing was saved. "
    "Lock the counter and unlock it again."
)


def _in_place(con: Connection) -> bool:
    """Is this connection's file still the one on disk? A switch (store/rekey.py) deletes
    the old generation while it holds its write lock, so a writer that waited for that
    lock finds its file gone here, before writing anything that would be lost."""
    file = getattr(con, "main_file", None)
    if file is None:  # a connection's file never changes: asked once, kept on it
        file = next((f for _s, n, f in con.execute("PRAGMA database_list") if n == "main"), "")
        with contextlib.suppress(AttributeError):
            con.main_file = file
    return not file or os.path.exists(file)


class transaction:  # noqa: N801  # used as ``with transaction(con):``, like a function
    """One write transaction; any error rolls back and a disk error becomes ours.

    Audit rows the disk could not take earlier on this connection go in first. A class
    rather than a generator: every save enters one, and this costs a third as much."""

    __slots__ = ("_con", "_late")

    def __init__(self, con: Connection) -> None:
        self._con = con
        self._late = 0  # how many deferred audit rows this transaction writes

    def __enter__(self) -> Connection:
        con = self._con
        degraded = getattr(con, "degraded", None)
        if degraded:
            raise error_for(degraded)
        try:
            con.execute("BEGIN IMMEDIATE")
        except (sqlcipher3.OperationalError, sqlite3.OperationalError) as exc:
            raise disk_error(exc) or StoreWriteFailed(
                "The database is busy or cannot be written: {reason}", reason=str(exc)
            ) from exc
        if not _in_place(con):  # another program switched the store to a new generation
            _rollback(con)
            raise StoreDamaged(SWITCHED_MSG)
        deferred = getattr(con, "deferred", None)
        if deferred:
            from .audit import append_late

            try:
                append_late(con, list(deferred))
            except BaseException as exc:
                _failed(con, exc)
                raise
            self._late = len(deferred)
        return con

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        con = self._con
        if exc is not None:
            _failed(con, exc)
            return
        try:
            con.execute("COMMIT")
        except BaseException as commit_exc:
            _failed(con, commit_exc)
            raise
        if self._late:
            del con.deferred[: self._late]


def _rollback(con: Connection) -> None:
    with contextlib.suppress(sqlcipher3.Error):
        con.execute("ROLLBACK")


def _failed(con: Connection, exc: BaseException) -> None:
    """Roll back after ``exc``; a database error is raised as ours (the disk's or a failed
    write), anything else goes on as it was raised."""
    _rollback(con)
    if isinstance(exc, sqlcipher3.OperationalError):
        raise disk_error(exc) or StoreWriteFailed(
            "The record was not saved: {reason}", reason=str(exc)
        ) from exc
