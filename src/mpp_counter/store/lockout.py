"""Counting wrong PINs and passphrases before the store is open.

A failed unlock cannot be written to the audit log: the log lives inside the encrypted
database that the wrong PIN did not open. So failures are counted in a small plain file
(``unlock-failures.json``: user names, counts and times only — names are already readable
in ``keys.json``) and copied into the audit log at the next successful unlock.

The delay grows with each failure after the first few, and after ``LOCKOUT_AFTER`` the user
is locked out for ``LOCKOUT_SECONDS``. This slows a person at the keyboard; it is not what
protects a copied folder (the OS-bound PIN slots do that).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import LockedOut
from . import audit
from .db import Connection, transaction
from .files import atomic_write

if TYPE_CHECKING:
    from .counter import CounterStore

FAILURES_FILE = "unlock-failures.json"
FREE_TRIES = 3  # typos happen: the first failures cost nothing
MAX_DELAY = 60.0
LOCKOUT_AFTER = 10
LOCKOUT_SECONDS = 15 * 60


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong secrets in a row."""
    if failures >= LOCKOUT_AFTER:
        return float(LOCKOUT_SECONDS)
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_TRIES) * 2.0)


@dataclass(frozen=True)
class Note:
    """One audit line to write at the next unlock: who failed, how often, when."""

    user: str
    failures: int
    first_at: float
    last_at: float
    locked_out: bool


def _key(user: str) -> str:
    return user.strip().casefold()


class UnlockFailures:
    """The failure counts of one data folder. Cheap: read and written on each attempt."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = data_dir / FAILURES_FILE
        self.clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}  # missing or garbage: start counting afresh rather than block a clerk
        return doc if isinstance(doc, dict) else {}

    def _write(self, doc: dict[str, Any]) -> None:
        if not self.path.parent.exists():
            return
        atomic_write(self.path, (json.dumps(doc, sort_keys=True) + "\n").encode())

    def _entry(self, doc: dict[str, Any], user: str) -> dict[str, Any]:
        e = doc.get(_key(user))
        ok = isinstance(e, dict) and all(isinstance(e.get(k), int | float) for k in
                                         ("count", "first", "last", "total"))
        return dict(e) if ok else {"count": 0, "first": 0.0, "last": 0.0, "total": 0,
                                   "name": user.strip()[:60], "locked": False}

    def wait_seconds(self, user: str) -> float:
        """How long this user must still wait before the next try (0 = may try now)."""
        e = self._entry(self._read(), user)
        left = e["last"] + delay_after(int(e["count"])) - self.clock()
        return max(0.0, left) if e["count"] else 0.0

    def check(self, user: str) -> None:
        """Raise LockedOut when the user must wait; call before deriving any key."""
        left = self.wait_seconds(user)
        if left > 0:
            raise LockedOut("Too many wrong attempts. Wait {seconds} seconds and try again.",
                            seconds=int(left + 0.999))

    def failed(self, user: str) -> float:
        """Count one failure; returns the delay now imposed (seconds)."""
        doc = self._read()
        e = self._entry(doc, user)
        now = self.clock()
        if not e["total"]:
            e["first"] = now
        e["count"] = int(e["count"]) + 1
        e["total"] = int(e["total"]) + 1
        e["last"] = now
        e["locked"] = bool(e.get("locked")) or e["count"] >= LOCKOUT_AFTER
        doc[_key(user)] = e
        self._write(doc)
        return delay_after(e["count"])

    def pending(self) -> list[Note]:
        """The failures not yet noted in the audit log (all users); changes nothing."""
        doc = self._read()
        notes: list[Note] = []
        for k in list(doc):
            e = self._entry(doc, k)
            if e["total"]:
                notes.append(Note(str(e.get("name", k)), int(e["total"]), float(e["first"]),
                                  float(e["last"]), bool(e.get("locked"))))
        return notes

    def succeeded(self, user: str) -> list[Note]:
        """Reset this user's delay; hand back every failure not yet noted (all users).

        Other users keep their delay (a colleague's success must not lift a lock-out),
        but their failures are noted once, here, so the audit log shows them.
        """
        doc = self._read()
        notes = self.pending()
        for k in list(doc):
            e = self._entry(doc, k)
            e["total"], e["locked"] = 0, False
            if k == _key(user):
                e["count"] = 0
            doc[k] = e
        doc = {k: e for k, e in doc.items() if e["count"]}
        if notes or self.path.exists():
            self._write(doc)
        return notes


def write_notes(con: Connection, actor: str, notes: list[Note]) -> None:
    """Copy failure notes into the hash-chained audit log (call with the store's connection)."""
    if not notes:
        return
    from datetime import UTC, datetime

    def iso(t: float) -> str:
        return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")

    with transaction(con):
        for n in notes:
            audit.append(con, actor, "unlock-failed",
                         f"user {n.user}: {n.failures} failed between {iso(n.first_at)} and "
                         f"{iso(n.last_at)}" + ("; locked out" if n.locked_out else ""))


def guarded_unlock(data_dir: Path, user: str, open_fn: Callable[[], CounterStore],
                   clock: Callable[[], float] = time.time) -> CounterStore:
    """Unlock through ``open_fn`` with the failure count applied and recorded.

    Waits are enforced *before* any key derivation (LockedOut). A wrong secret is counted
    and re-raised with ``retry_after`` (seconds) set on it, for the window to count down.
    On success the pending failure notes go into the audit log, under the user who
    unlocked, so an administrator sees them in ``audit`` and in the export.
    """
    from ..domain.errors import DiskError, StoreWriteFailed, WrongSecret

    failures = UnlockFailures(data_dir, clock)
    failures.check(user)
    try:
        store = open_fn()
    except WrongSecret as exc:
        exc.retry_after = failures.failed(user)  # type: ignore[attr-defined]
        raise
    if getattr(store.con, "degraded", None):
        return store  # reading only: the failures stay counted, noted at a writable unlock
    # Into the log first, then cleared from the file: a disk that refuses either step
    # leaves them counted (noted again at the next unlock), never lost.
    try:
        write_notes(store.con, store.session.user, failures.pending())
    except DiskError:
        return store
    except Exception:
        store.close()
        raise
    try:
        failures.succeeded(user)
    except StoreWriteFailed:
        pass
    return store
