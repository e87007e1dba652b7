"""The counter's commands for the fault sweep: their starting folders, how to judge a run.

Each case starts from a copy of one template folder, runs one command under strace, and
after every injected failure the folder is opened in this process (no injection) and its
*fingerprint* compared: what the administrator can see through the store's own API.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kdf_hook import fast_kdf
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

PIN = "135790"
CLERK = "Siti"
DISK_WORDS = re.compile(
    r"disk is full|disk is read-only|I/O error|No space left|"
    r"Input/output error|Read-only file system",
    re.I,
)
WRONG_WORDS = re.compile(
    r"damaged|does not belong|wrong key|key does not open|truncated|"
    r"not an mpp-counter|wrong (PIN|passphrase)",
    re.I,
)

WINDOW_SAVE = """
import sys
from pathlib import Path
from mpp_counter.domain.errors import MppError
from mpp_counter.domain.records import Outcome
from mpp_counter.store import lockout
from mpp_counter.store.counter import CounterStore
d = Path(sys.argv[1])
try:  # what the window's worker does: unlock as a clerk, save, lock
    s = lockout.guarded_unlock(d, "Siti", lambda: CounterStore.open_clerk(d, "Siti", "135790"))
    try:
        r = s.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-4321")
    finally:
        s.close()
except MppError as exc:
    print("mpp-counter:", exc.message, file=sys.stderr)
    sys.exit(exc.exit_code)
print(r.receipt)
"""


@dataclass(frozen=True)
class Case:
    name: str
    template: str  # "none", "store" or "synced"
    args: Callable[[Context], list[str]]
    # words on stderr that truthfully say the change happened although the exit is not 0
    partial: tuple[str, ...] = ()
    python: bool = False  # args are a script and its arguments, not a sub-command
    # words on stderr that say a read's audit row could not be written (best-effort, see
    # tests/faults/test_reading_on_a_bad_disk.py): exit 0 then leaves the store as it was
    unlogged: str | None = None


@dataclass
class Context:
    data_dir: Path
    central_url: str = ""
    receipt: str = ""
    new_code: Callable[[], str] = lambda: ""
    extra: dict[str, Any] = field(default_factory=dict)


CASES = (
    Case(
        "init",
        "none",
        lambda c: [
            "init",
            "--mpp",
            "BKL01",
            "--counter",
            "Loket 1",
            "--mpp-name",
            "MPP Kota Bengkulu",
        ],
    ),
    Case(
        "record",
        "store",
        lambda c: ["record", "--service", "DUK-KTP", "--phone", "0812-0000-1235", "--consent"],
    ),
    Case("window-save", "store", lambda c: ["-c", WINDOW_SAVE, str(c.data_dir)], python=True),
    Case("clerk-add", "store", lambda c: ["clerk", "add", "Budi"]),
    Case("clerk-remove", "store", lambda c: ["clerk", "remove", CLERK]),
    Case("withdraw", "store", lambda c: ["withdraw", c.receipt]),
    Case("rekey", "store", lambda c: ["rekey"]),
    Case(
        "retention",
        "synced",
        lambda c: ["retention", "--days", "0"],
        partial=("days is saved, but",),
    ),
    Case(
        "enrol",
        "store",
        lambda c: ["enrol", c.central_url, c.new_code()],
        partial=("The counter is enrolled, but",),
    ),
    Case(
        "sync",
        "synced",
        lambda c: ["sync", "--timeout", "20"],
        partial=("acknowledgement is saved",),
    ),
    # reading: works whatever the disk does to the unlock's audit row, or names the disk
    Case("status", "store", lambda c: ["status", "--json"]),
    Case("export", "store", lambda c: ["export"], unlogged="cannot take the audit row"),
)


def command(case: Case, ctx: Context) -> list[str]:
    if case.python:
        return [sys.executable, *case.args(ctx)]
    return [sys.executable, "-m", "mpp_counter", "--data-dir", str(ctx.data_dir), *case.args(ctx)]


def child_env(home: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("MPP_COUNTER_")}
    e.update(
        HOME=str(home),
        MPP_COUNTER_PASSPHRASE=PASSPHRASE,
        MPP_COUNTER_PIN=PIN,
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return fast_kdf.child_env(e)  # the tests' cheap KDF in the child, never in the program


def build_store(data_dir: Path) -> str:
    """A store with a clerk and one consent; returns its receipt code."""
    s = CounterStore.create(
        data_dir,
        mpp_code="BKL01",
        mpp_name="MPP Kota Bengkulu",
        counter="Loket 1",
        zone="WIB",
        passphrase=PASSPHRASE,
    )
    try:
        s.add_clerk(CLERK, PIN)
        receipt = s.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-1234").receipt
        s.record("DUK-KTP", Outcome.DECLINED)
    finally:
        s.close()
    assert receipt
    return receipt


def fingerprint(data_dir: Path) -> dict[str, Any] | None:
    """What the administrator sees; None when there is no store. Unlock rows are left out
    (the check's own unlock writes one); every other audit action is in, in order."""
    if not CounterStore.exists(data_dir):
        return None
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        st = s.status()
        con = s.con
        actions = [
            r[0]
            for r in con.execute("SELECT action FROM audit ORDER BY seq")
            if r[0] not in ("unlock", "unlock-failed")
        ]
        sealed = con.execute(
            "SELECT count(*) FROM consents WHERE phone_sealed IS NOT NULL"
        ).fetchone()[0]
        return {
            "visits": st.visits,
            "consents": st.consents,
            "withdrawn": st.withdrawn,
            "pending": st.pending,
            "rejected": st.rejected,
            "enrolled": st.enrolled,
            "sealed": sealed,
            "retention": s.setting("retention_days"),
            "clerks": sorted(s.keyfile.clerks()),
            "generation": s.keyfile.generation,
            "actions": actions,
            "audit_ok": s.audit_verify()[1] == [],
        }
    finally:
        s.close()


def copy_folder(src: Path | None, dst: Path) -> None:
    shutil.rmtree(dst, ignore_errors=True)
    if src is not None and src.exists():
        shutil.copytree(src, dst)
