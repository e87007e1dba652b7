"""Clerk add, remove, PIN reset and rekey are one switch each: a failure at any step leaves
the old state or the new, the audit log matches what is in force, and the command's answer
is true (16.1). A cut after the key file switched but before the old file was deleted:
the next open removes the old generation (16.4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kdf_hook import fast_kdf
from mpp_counter.domain.errors import MppError, StoreWriteFailed
from mpp_counter.store import audit, files, keys, rekey
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

PIN = "135790"


def _boom(*_a: object, **_k: object) -> None:
    raise OSError(28, "No space left on device")


def _state(data: Path) -> tuple[list[str], list[str], list[str]]:
    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        rows = [
            f"{a} {d}"
            for a, d in s.con.execute("SELECT action, detail FROM audit")
            if a.startswith("clerk")
        ]
        return s.keyfile.clerks(), rows, sorted(p.name for p in data.glob("counter-*.db"))
    finally:
        s.close()


FAULTS = {
    "export": lambda mp: mp.setattr(rekey, "_export", _boom),
    "audit": lambda mp: mp.setattr(audit, "append", _boom),
    "key file": lambda mp: mp.setattr(
        keys,
        "write",
        lambda *a: (_ for _ in ()).throw(
            StoreWriteFailed(
                "Could not write {name}: {reason}",
                name="keys.json",
                reason="No space left on device",
            )
        ),
    ),
    "after rename": lambda mp: mp.setattr(files, "fsync_dir", _boom),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("change", ["add", "remove", "reset"])
def test_a_failing_step_leaves_old_or_new_with_a_matching_audit(
    store: CounterStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch, fault: str, change: str
) -> None:
    if change != "add":
        store.add_clerk("Siti", PIN)
    before = _state(data_dir)
    with monkeypatch.context() as mp:
        FAULTS[fault](mp)
        try:
            {
                "add": lambda: store.add_clerk("Siti", PIN),
                "remove": lambda: store.remove_clerk("Siti"),
                "reset": lambda: store.reset_pin("Siti", "246813"),
            }[change]()
            answer = "done"
        except MppError as exc:
            answer = "failed"
            assert exc.message and "damaged" not in exc.message
    store.close()
    clerks, rows, dbs = _state(data_dir)
    if answer == "failed":
        assert (clerks, rows, dbs) == before
    else:
        assert len(rows) == len(before[1]) + 1 and len(dbs) == 1
        assert clerks == ([] if change == "remove" else ["Siti"])
    if clerks:
        pin = "246813" if change == "reset" and answer == "done" else PIN
        CounterStore.open_clerk(data_dir, "Siti", pin).close()


CUT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from mpp_counter.store import keys
    from mpp_counter.store.counter import CounterStore
    real = keys.write
    def write_then_cut(d, kf):
        real(d, kf)
        os._exit(9)  # the power goes right after the switch
    keys.write = write_then_cut
    s = CounterStore.open_admin(Path(sys.argv[1]), sys.argv[2])
    getattr(s, sys.argv[3])(*sys.argv[4:])
""")


@pytest.mark.parametrize("change", [("rekey",), ("remove_clerk", "Siti")])
def test_a_cut_after_the_switch_is_finished_at_the_next_open(
    store: CounterStore, data_dir: Path, change: tuple[str, ...]
) -> None:
    store.add_clerk("Siti", PIN)
    gen = store.keyfile.generation
    store.close()
    r = subprocess.run(
        [sys.executable, "-c", CUT, str(data_dir), PASSPHRASE, *change],
        env=fast_kdf.child_env(dict(os.environ)),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 9, r.stderr
    assert (data_dir / f"counter-{gen}.db").exists()  # the retired generation, left behind
    assert json.loads((data_dir / "keys.json").read_text())["generation"] == gen + 1
    opener = (
        (lambda: CounterStore.open_clerk(data_dir, "Siti", PIN))
        if change == ("rekey",)
        else (lambda: CounterStore.open_admin(data_dir, PASSPHRASE))
    )
    opener().close()
    assert sorted(p.name for p in data_dir.glob("counter-*")) == sorted(
        p.name for p in data_dir.glob(f"counter-{gen + 1}.db*")
    )
    assert (data_dir / "keys.json.prev").read_bytes() == (data_dir / "keys.json").read_bytes()


def test_a_window_still_open_on_the_old_generation_loses_nothing(
    store: CounterStore, data_dir: Path
) -> None:
    """A clerk's window keeps its connection while the administrator removes another clerk
    from the command line: its next save is refused with a clear message, never written
    into the retired file (which the switch deleted)."""
    from mpp_counter.domain.errors import StoreDamaged
    from mpp_counter.domain.records import Outcome

    store.add_clerk("Siti", PIN)
    store.add_clerk("Budi", "246813")
    window = CounterStore.open_clerk(data_dir, "Siti", PIN)
    window.record("DUK-KTP", Outcome.DECLINED)
    store.remove_clerk("Budi")
    with pytest.raises(StoreDamaged, match="changed the keys"):
        window.record("DUK-KTP", Outcome.DECLINED)
    window.close()
    store.record("DUK-KTP", Outcome.DECLINED)
    assert store.status().visits == 2
    again = CounterStore.open_clerk(data_dir, "Siti", PIN)
    again.record("DUK-KTP", Outcome.DECLINED)
    assert again.status().visits == 3
    again.close()
