"""Resetting the lock-out by deleting, garbling or rolling back unlock-failures.json: the
clerk is not let through, and the administrator's next unlock writes into the audit log
that the count was tampered with. Real failures are noted as many as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpp_counter.domain.errors import LockedOut, WrongSecret
from mpp_counter.store import lockout, unlock_failures
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

PIN = "135790"


@pytest.fixture
def folder(store: CounterStore, data_dir: Path) -> Path:
    store.add_clerk("Siti", PIN)
    store.close()
    return data_dir


def _try(folder: Path, user: str, secret: str, now: list[float]) -> None:
    opener = (
        (lambda: CounterStore.open_admin(folder, secret))
        if user == "admin"
        else (lambda: CounterStore.open_clerk(folder, user, secret))
    )
    lockout.guarded_unlock(folder, user, opener, clock=lambda: now[0]).close()


def _audit(folder: Path) -> list[tuple[str, str]]:
    s = CounterStore.open_admin(folder, PASSPHRASE)
    try:
        return [(r[0], r[1]) for r in s.con.execute("SELECT action, detail FROM audit")]
    finally:
        s.close()


def _fail(folder: Path, times: int, now: list[float]) -> None:
    for _ in range(times):
        with pytest.raises(WrongSecret):
            _try(folder, "Siti", "000000", now)
        now[0] += 3600  # past any delay: only the count matters here


def test_nine_failures_are_audited_as_nine(folder: Path) -> None:
    now = [1_000_000.0]
    _fail(folder, 9, now)
    _try(folder, "Siti", PIN, now)
    notes = [d for a, d in _audit(folder) if a == "unlock-failed"]
    assert len(notes) == 1 and "Siti: 9 failed" in notes[0]


@pytest.mark.parametrize("how", ["delete", "garble"])
def test_deleting_or_garbling_the_count_locks_clerks_and_is_audited(folder: Path, how: str) -> None:
    now = [1_000_000.0]
    path = folder / unlock_failures.FAILURES_FILE
    for _ in range(3):  # fail, then "reset" the count, as the attack did
        _fail(folder, 3, now)
        if how == "delete":
            path.unlink()
        else:
            path.write_text("{garbage")
        with pytest.raises(LockedOut):
            _try(folder, "Siti", PIN, now)  # the right PIN does not help either
        _try(folder, "admin", PASSPHRASE, now)  # the administrator lifts it...
    _try(folder, "Siti", PIN, now)  # ...and the clerk may try again
    actions = [a for a, _ in _audit(folder)]
    assert actions.count("unlock-counter-altered") == 3


def test_rolling_the_count_back_to_an_older_copy_is_audited(folder: Path, tmp_path: Path) -> None:
    now = [1_000_000.0]
    _try(folder, "Siti", PIN, now)
    old = tmp_path / "old.json"
    shutil.copy(folder / unlock_failures.FAILURES_FILE, old)
    _try(folder, "Siti", PIN, now)  # a successful unlock starts a new epoch
    _fail(folder, 5, now)
    shutil.copy(old, folder / unlock_failures.FAILURES_FILE)  # put back the copy from before
    _try(folder, "Siti", PIN, now)
    altered = [d for a, d in _audit(folder) if a == "unlock-counter-altered"]
    assert altered and "older copy" in altered[0]


def test_a_former_versions_empty_count_is_no_reset(folder: Path) -> None:
    now = [1_000_000.0]
    _fail(folder, 4, now)
    (folder / unlock_failures.FAILURES_FILE).write_text("{}")  # what the former program wrote
    with pytest.raises(LockedOut):
        _try(folder, "Siti", PIN, now)
