"""Counting wrong PINs and passphrases before the store is open, in a small plain file.

A failed unlock cannot be written to the audit log: the log lives inside the encrypted
database that the wrong PIN did not open. So failures are counted in
``unlock-failures.json`` (user names, counts and times only — names are already readable
in ``keys.json``) and copied into the audit log at the next successful unlock
(lockout.py).

The delay grows with each failure after the first few, and after ``LOCKOUT_AFTER`` the user
is locked out for ``LOCKOUT_SECONDS``. This slows a person at the keyboard; it is not what
protects a copied folder (the OS-bound PIN slots do that). A store that has the file (key
file version 2) treats a missing or garbled one as "locked" for clerks until the
administrator unlocks.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import LockedOut
from .files import atomic_write

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


@dataclass(frozen=True)
class State:
    users: dict[str, Any]
    epoch: str | None
    tampered: bool  # missing where one is expected, garbled, or marked by a former read
    missing: bool = False


_TAMPERED_MSG = (
    "The record of wrong attempts is missing or damaged, so clerks cannot "
    "unlock. The administrator must unlock once with the passphrase."
)


class UnlockFailures:
    """The failure counts of one data folder. Cheap: read and written on each attempt."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time) -> None:
        self.data_dir = data_dir
        self.path = data_dir / FAILURES_FILE
        self.clock = clock

    def _expected(self) -> bool:
        """A store whose key file is version 2 always has the file (made at init)."""
        from . import keys

        try:
            return keys.read(self.data_dir).verify_key is not None
        except Exception:  # noqa: BLE001 - no or damaged key file: the open will say so
            return False

    def state(self) -> State:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return State({}, None, self._expected(), missing=True)
        except (OSError, ValueError):
            return State({}, None, True)
        if isinstance(doc, dict) and doc.get("version") == 2:
            users, epoch = doc.get("users"), doc.get("epoch")
            if isinstance(users, dict) and isinstance(epoch, str):
                return State(users, epoch, doc.get("tampered") is True)
            return State({}, None, True)
        if isinstance(doc, dict):  # version 1 (the user entries only): a store not yet
            return State(doc, None, self._expected())  # upgraded, or a forged reset
        return State({}, None, True)

    def _write(self, users: dict[str, Any], epoch: str | None, tampered: bool) -> None:
        if not self.path.parent.exists():
            return
        doc = {"version": 2, "epoch": epoch or "", "tampered": tampered, "users": users}
        atomic_write(self.path, (json.dumps(doc, sort_keys=True) + "\n").encode())

    def _entry(self, users: dict[str, Any], user: str) -> dict[str, Any]:
        e = users.get(_key(user))
        if isinstance(e, dict) and all(
            isinstance(e.get(k), int | float) for k in ("count", "first", "last", "total")
        ):
            return dict(e)
        return {
            "count": 0,
            "first": 0.0,
            "last": 0.0,
            "total": 0,
            "name": user.strip()[:60],
            "locked": False,
        }

    def wait_seconds(self, user: str) -> float:
        """How long this user must still wait before the next try (0 = may try now)."""
        e = self._entry(self.state().users, user)
        left = e["last"] + delay_after(int(e["count"])) - self.clock()
        return max(0.0, left) if e["count"] else 0.0

    def check(self, user: str, *, admin: bool = False) -> None:
        """Raise LockedOut when the user must wait; call before deriving any key."""
        if not admin and self.state().tampered:
            raise LockedOut(_TAMPERED_MSG)
        left = self.wait_seconds(user)
        if left > 0:
            raise LockedOut(
                "Too many wrong attempts. Wait {seconds} seconds and try again.",
                seconds=int(left + 0.999),
            )

    def failed(self, user: str) -> float:
        """Count one failure; returns the delay now imposed (seconds)."""
        st = self.state()
        users = dict(st.users)
        e = self._entry(users, user)
        now = self.clock()
        if not e["total"]:
            e["first"] = now
        e["count"] = int(e["count"]) + 1
        e["total"] = int(e["total"]) + 1
        e["last"] = now
        e["locked"] = bool(e.get("locked")) or e["count"] >= LOCKOUT_AFTER
        users[_key(user)] = e
        self._write(users, st.epoch, st.tampered)  # a tampered file stays marked
        return delay_after(e["count"])

    def notes(self, st: State) -> list[Note]:
        """Every failure not yet noted (all users)."""
        out = []
        for k in st.users:
            e = self._entry(st.users, k)
            if e["total"]:
                out.append(
                    Note(
                        str(e.get("name", k)),
                        int(e["total"]),
                        float(e["first"]),
                        float(e["last"]),
                        bool(e.get("locked")),
                    )
                )
        return out

    def succeeded(self, user: str, st: State | None = None, epoch: str | None = None) -> list[Note]:
        """Reset this user's delay; hand back every failure not yet noted (all users).

        Other users keep their delay (a colleague's success must not lift a lock-out),
        but their failures are noted once, here, so the audit log shows them.
        """
        st = st or self.state()
        notes = self.notes(st)
        users: dict[str, Any] = {}
        for k in st.users:
            e = self._entry(st.users, k)
            e["total"], e["locked"] = 0, False
            if k == _key(user):
                e["count"] = 0
            if e["count"]:
                users[k] = e
        if notes or self.path.exists() or epoch or st.tampered:
            self._write(users, epoch or st.epoch, False)
        return notes
