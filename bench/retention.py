"""The retention purge that runs at every unlock, at a store's real size (issue 16, item 7).

A counter a few months old: N visits (half with a consent), all acknowledged; all but the
last week's numbers already purged. Nothing is due, as on almost every unlock. Times the
purge as a scan of every acknowledged row would make it (``OLD``) and as it is (only the
rows whose number is still sealed, through the partial index ``saves_sealed``), and a
whole administrator unlock.

  PYTHONPATH=src .venv/bin/python bench/retention.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

_HOOK = Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"  # the tests' cheap KDF:
sys.path.insert(0, str(_HOOK))  # in this process, and in every child through PYTHONPATH
__import__("fast_kdf").install()
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(_HOOK), os.environ.get("PYTHONPATH")) if p
)

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store import retention  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402
from mpp_counter.store.db import transaction  # noqa: E402

PASS = "bench passphrase 2026"
RECENT = 500  # a week of consents at one counter, still sealed
OLD = """
UPDATE saves NOT INDEXED SET phone_sealed = NULL
WHERE phone_sealed IS NOT NULL AND consent_state = 'acked' AND consent_acked_at IS NOT NULL
AND julianday(consent_acked_at) <= julianday(:cutoff)
"""


def build(d: Path, n: int) -> None:
    s = CounterStore.create(
        d, mpp_code="B", mpp_name="MPP Bench", counter="L1", zone="WIB", passphrase=PASS
    )
    for i in range(n):
        if i % 2:
            s.record("DUK-KTP", Outcome.DECLINED)
        else:
            s.record("DUK-KTP", Outcome.AGREED, phone=f"0812{i % 10000:04d}{i // 10000:04d}")
    now = datetime.now(UTC)
    with transaction(s.con):
        s.con.execute(
            "UPDATE outbox SET state = 'acked', acked_at = ?",
            ((now - timedelta(days=60)).isoformat(),),
        )
        recent = "SELECT seq FROM saves WHERE consent_id IS NOT NULL ORDER BY seq DESC LIMIT ?"
        s.con.execute(
            f"UPDATE saves SET consent_acked_at = ? WHERE seq IN ({recent})",
            ((now - timedelta(days=1)).isoformat(), RECENT),
        )
        s.con.execute(
            f"UPDATE saves SET phone_sealed = NULL WHERE seq NOT IN ({recent})", (RECENT,)
        )
    s.close()


def timed(fn, runs: int = 15) -> float:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out) * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "store"
        t = time.perf_counter()
        build(d, n)
        print(f"built {n} visits in {time.perf_counter() - t:.0f} s")
        s = CounterStore.open_admin(d, PASS)
        cutoff = (datetime.now(UTC) - timedelta(days=7)).isoformat()

        def old() -> None:
            with transaction(s.con):
                s.con.execute(OLD, {"cutoff": cutoff})

        before = timed(old)
        after = timed(lambda: retention.purge_expired(s.con))
        plan = " / ".join(
            r[3]
            for r in s.con.execute(
                "EXPLAIN QUERY PLAN " + retention._CONSENTS,
                {"cutoff": cutoff},
            )
        )
        s.close()
        unlock = timed(lambda: CounterStore.open_admin(d, PASS).close(), 7)
        print(
            f"purge at unlock, {n} visits, {RECENT} numbers still sealed, none due: "
            f"before {before:.2f} ms, after {after:.2f} ms ({before / after:.0f}x)"
        )
        print(f"plan now: {plan}")
        print(f"whole admin unlock (the tests' cheap KDF): {unlock:.1f} ms")


if __name__ == "__main__":
    main()
