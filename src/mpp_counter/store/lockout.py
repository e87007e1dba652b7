"""An unlock guarded by the count of wrong attempts: waits enforced before any key is
derived, failures counted, and at the next successful unlock copied into the audit log.

The count itself lives in a small plain file (unlock_failures.py), because a failed
unlock cannot write to the log inside the database it did not open. That file is
tamper-evident, not tamper-proof (docs/security.md says what a local user can still do):
a store that has one (key file version 2) treats a missing or garbled file as "locked"
for clerks until the administrator unlocks, and that unlock writes the fact into the
audit log. Each successful unlock also starts a new random *epoch*, kept in the file
and inside the encrypted database; a file put back from before the last unlock carries an
old epoch, and the next unlock notes that too.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import audit
from .db import Connection, transaction
from .unlock_failures import Note, State, UnlockFailures

if TYPE_CHECKING:
    from .counter import CounterStore


def new_epoch() -> str:
    return secrets.token_hex(16)


def _db_epochs(con: Connection) -> tuple[str | None, str | None]:
    rows = dict(
        con.execute(
            "SELECT key, value FROM settings WHERE key IN ('lockout_epoch', 'lockout_epoch_prev')"
        )
    )
    return rows.get("lockout_epoch"), rows.get("lockout_epoch_prev")


def _set_epoch(con: Connection, epoch: str, prev: str | None) -> None:
    con.executemany(
        "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
        [("lockout_epoch", epoch), ("lockout_epoch_prev", prev or "")],
    )


def start(data_dir: Path, con: Connection) -> None:
    """A new store: its first epoch, in the database and in the file."""
    epoch = new_epoch()
    with transaction(con):
        _set_epoch(con, epoch, None)
    UnlockFailures(data_dir)._write({}, epoch, False)  # noqa: SLF001


def tamper_note(st: State, con: Connection) -> str | None:
    """Why the file in hand cannot be trusted, or None."""
    cur, prev = _db_epochs(con)
    if cur is None:
        return None  # a store upgraded just now: it never kept an epoch to compare
    if st.tampered:
        return "the record of wrong attempts was missing or damaged; earlier failures unknown"
    if cur and st.epoch not in (cur, prev or cur):  # prev: a cut before the file was written
        return "the record of wrong attempts was replaced by an older copy; failures unknown"
    return None


def write_notes(con: Connection, actor: str, notes: list[Note]) -> None:
    """Copy failure notes into the hash-chained audit log (call inside a transaction)."""
    if not notes:
        return
    from datetime import UTC, datetime

    def iso(t: float) -> str:
        return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")

    for n in notes:
        audit.append(
            con,
            actor,
            "unlock-failed",
            f"user {n.user}: {n.failures} failed between {iso(n.first_at)} and "
            f"{iso(n.last_at)}" + ("; locked out" if n.locked_out else ""),
        )


def guarded_unlock(
    data_dir: Path,
    user: str,
    open_fn: Callable[[], CounterStore],
    clock: Callable[[], float] = time.time,
    *,
    admin: bool | None = None,
) -> CounterStore:
    """Unlock through ``open_fn`` with the failure count applied and recorded.

    Waits are enforced *before* any key derivation (LockedOut). A wrong secret is counted
    and re-raised with ``retry_after`` (seconds) set on it, for the window to count down.
    On success the pending failure notes (and any sign that the count was tampered with)
    go into the audit log first, with the new epoch; only then is the file reset, so a
    failure to write loses no note.
    """
    from ..domain.errors import DiskError, StoreWriteFailed, WrongSecret

    failures = UnlockFailures(data_dir, clock)
    failures.check(user, admin=user == "admin" if admin is None else admin)
    try:
        store = open_fn()
    except WrongSecret as exc:
        exc.retry_after = failures.failed(user)  # type: ignore[attr-defined]
        raise
    if getattr(store.con, "degraded", None):
        return store  # reading only: the failures stay counted, noted at a writable unlock
    try:
        st = failures.state()
        notes = failures.notes(st)
        altered = tamper_note(st, store.con)
        epoch = new_epoch()
        cur, _ = _db_epochs(store.con)
        with transaction(store.con):
            write_notes(store.con, store.session.user, notes)
            if altered:
                audit.append(store.con, store.session.user, "unlock-counter-altered", altered)
            _set_epoch(store.con, epoch, cur)
    except DiskError:  # nothing noted, nothing cleared: counted again at the next unlock
        return store
    except Exception:
        store.close()
        raise
    try:  # into the log first (above), then cleared from the file
        failures.succeeded(user, st, epoch)
        with transaction(store.con):  # the file holds the new epoch: the old one is spent
            store.con.execute("DELETE FROM settings WHERE key = 'lockout_epoch_prev'")
    except (DiskError, StoreWriteFailed):
        pass  # noted already; the file keeps counting until a later unlock clears it
    return store
