"""What the privacy measures cost, each as a ratio against a baseline measured here.

1. Unlock of an OS-bound clerk slot (Argon2id + a Secret Service read) vs. the portable
   administrator slot (Argon2id alone), same KDF profile.
2. ``retention.purge_expired`` on N acknowledged numbers (secure_delete, truncating WAL
   checkpoint) vs. a plain UPDATE of the same rows without either.

Needs a Secret Service for (1); run it in a throw-away one:
  dbus-run-session -- sh -c 'printf "\\n" | gnome-keyring-daemon --unlock \\
      --components=secrets --daemonize >/dev/null; .venv/bin/python bench/privacy.py [N]'
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mpp_counter.domain.records import Outcome  # noqa: E402
from mpp_counter.store import os_secret, retention  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

PASS = "bench passphrase 2026"
PIN = "246813"


def _store(d: Path) -> CounterStore:
    return CounterStore.create(
        d, mpp_code="B", mpp_name="MPP Bench", counter="L1", zone="WIB", passphrase=PASS
    )


def _timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def unlock(root: Path, runs: int = 5) -> None:
    if os_secret.available() is None:
        print("unlock: no Secret Service here; run under dbus-run-session (see the docstring)")
        return
    d = root / "unlock"
    s = _store(d)
    s.add_clerk("Siti", PIN)
    s.close()
    admin = _timed(lambda: CounterStore.open_admin(d, PASS).close(), runs)
    clerk = _timed(lambda: CounterStore.open_clerk(d, "Siti", PIN).close(), runs)
    print(
        f"unlock  admin (portable) {admin * 1000:7.1f} ms   clerk (OS-bound) "
        f"{clerk * 1000:7.1f} ms   ratio {clerk / admin:.2f}"
    )


def _filled(d: Path, n: int) -> CounterStore:
    s = _store(d)
    for i in range(n):
        s.record("DUK-KTP", Outcome.AGREED, phone=f"0812{i % 10000:04d}{i // 10000:04d}"[:12])
    old = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    s.con.execute("UPDATE outbox SET state = 'acked', acked_at = ?", (old,))
    return s


def purge(root: Path, n: int) -> None:
    base = _filled(root / "plain", n)
    base.con.execute("PRAGMA secure_delete = OFF")
    t = time.perf_counter()
    base.con.execute("UPDATE consents SET phone_sealed = NULL")
    plain = time.perf_counter() - t
    base.close()
    s = _filled(root / "purge", n)
    t = time.perf_counter()
    deleted = retention.purge_expired(s.con)
    real = time.perf_counter() - t
    s.close()
    assert deleted == n, deleted
    print(
        f"purge   {n} numbers: plain UPDATE {plain * 1000:7.1f} ms   purge_expired "
        f"{real * 1000:7.1f} ms   ratio {real / plain:.2f}"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        unlock(Path(tmp))
        purge(Path(tmp), n)


if __name__ == "__main__":
    main()
