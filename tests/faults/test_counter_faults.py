"""ENOSPC and EIO at every write, fsync, rename, unlink and ftruncate each counter command
makes under its data folder (strace ``-e inject``), each judged by ``sweep.judge``.

The suite's pass is bounded for CI: every point of ``record`` once (ENOSPC and EIO taking
turns), about ``BUDGET`` points spread over each other command. ``MPP_FAULTS=all`` fails
every point of every command with both errnos (``bench/faults.py`` runs that and prints
the figures: 869 points, 1,738 runs, about 18 minutes on the shared 2-core VM, plus the
central's 78 runs, about 6 minutes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from faults.counter_cases import CASES, Context, build_store, child_env
from faults.strace_inject import strace_missing
from faults.sweep import sweep

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(strace_missing()), reason=strace_missing() or ""),
]

EVERY_POINT = {"record"}  # the clerk's command: every point, even in CI
BUDGET = 10  # runs per other command in CI


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from sync._client_support import enrol_code, start_central

    root = tmp_path_factory.mktemp("faults")
    central = start_central(root, MPP_CENTRAL_ENROL_RATE="100000")  # one enrolment a run
    store_tpl = root / "tpl-store"
    receipt = build_store(store_tpl)
    synced = root / "tpl-synced"
    build_store(synced)  # then enrolled, synced, and one consent left pending
    env = child_env(root)
    for args in (
        ["enrol", central.url, enrol_code(central)],
        ["sync"],
        ["record", "--service", "DUK-KTP", "--phone", "0812-0000-1236", "--consent"],
    ):
        ctx = Context(synced)
        p = subprocess.run([*command_for(ctx, args)], env=env, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
    yield {
        "root": root,
        "central": central,
        "receipt": receipt,
        "templates": {"none": None, "store": store_tpl, "synced": synced},
        "code": lambda: enrol_code(central),
    }
    central.stop()


def command_for(ctx: Context, args: list[str]) -> list[str]:
    return [sys.executable, "-m", "mpp_counter", "--data-dir", str(ctx.data_dir), *args]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_every_fault_gets_a_true_answer(world, case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = Context(
        tmp_path / "data",
        central_url=world["central"].url,
        receipt=world["receipt"],
        new_code=world["code"],
    )
    full = os.environ.get("MPP_FAULTS") == "all"
    budget = None if full or case.name in EVERY_POINT else BUDGET
    report = sweep(
        case, ctx, world["templates"][case.template], tmp_path, alternate=not full, budget=budget
    )
    print(report.line())
    assert sum(report.counts.values()) > 0, "the clean run made no write on the data folder"
    assert report.problems == [], report.line() + "\n" + "\n".join(report.problems[:15])
