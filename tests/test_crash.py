"""kill -9 at random moments while recording: every printed receipt survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from kdf_hook import fast_kdf
from mpp_counter.store.counter import CounterStore

from support import PASSPHRASE

LOOP = textwrap.dedent("""
    import sys
    from pathlib import Path
    from mpp_counter.domain.records import Outcome
    from mpp_counter.store.counter import CounterStore
    s = CounterStore.open_admin(Path(sys.argv[1]), sys.argv[2])
    i = 0
    while True:
        i += 1
        r = s.record("DUK-KTP", Outcome.AGREED, phone=f"0812-0000-{i % 10000:04d}")
        print(r.reference, flush=True)
""")


# Seeded, so a failure can be replayed: CRASH_SEED=<seed printed by the failure>.
SEED = int(os.environ.get("CRASH_SEED", "20261129"))


def _kill_at_random(
    cmd: list[str], env: dict[str, str], after_lines: int, delay: float
) -> list[str]:
    """Start ``cmd``, wait until it printed ``after_lines`` lines (0: none), then kill -9
    it ``delay`` seconds later: the moment is random but the count of records it must have
    committed does not depend on the machine's speed."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert p.stdout is not None
    head = [p.stdout.readline() for _ in range(after_lines)]
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    out, _ = p.communicate()
    return b"".join([*head, out]).decode().split()


def _check(data: Path, printed: list[str]) -> int:
    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        rows = s.rows_between(date(2000, 1, 1), date(2999, 1, 1))
        n, problems = s.audit_verify()
    finally:
        s.close()
    have = {r.receipt for r in rows} | {r.visit_id for r in rows}
    missing = [p for p in printed if p not in have]
    assert missing == []
    assert problems == []
    return len(rows)


@pytest.mark.slow
def test_kill_9_mid_record_loses_nothing_printed(store: CounterStore, data_dir: Path) -> None:
    store.close()
    rng = random.Random(SEED)
    env = fast_kdf.child_env(dict(os.environ))
    printed: list[str] = []
    waited = 0
    for _ in range(20):
        lines = rng.randint(1, 4)
        waited += lines
        printed += _kill_at_random(
            [sys.executable, "-c", LOOP, str(data_dir), PASSPHRASE],
            env,
            lines,
            rng.uniform(0.0, 0.05),
        )
        total = _check(data_dir, printed)
    assert len(printed) >= waited and total >= len(printed), f"CRASH_SEED={SEED}"


@pytest.mark.slow
def test_kill_9_of_the_cli_at_any_moment(store: CounterStore, data_dir: Path) -> None:
    store.close()
    rng = random.Random(SEED)
    env = fast_kdf.child_env(dict(os.environ, MPP_COUNTER_PASSPHRASE=PASSPHRASE))
    printed: list[str] = []
    for i in range(10):
        cmd = [
            sys.executable,
            "-m",
            "mpp_counter",
            "--data-dir",
            str(data_dir),
            "record",
            "--service",
            "POL-SKCK",
        ] + (["--phone", "0812-0000-4321", "--consent"] if i % 2 else ["--declined"])
        printed += _kill_at_random(cmd, env, 0, rng.uniform(0.05, 1.0))
        _check(data_dir, printed)
