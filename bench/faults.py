"""The full syscall fault sweep (issue 16): ENOSPC and EIO at every write, fsync, rename,
unlink and ftruncate of each counter command, and of the central's ingest on SQLite.

The test suite (tests/faults) runs a lighter pass; this prints every figure: injection
points per command, runs, exit codes, seconds, and each problem found. Needs Debian's
strace and the test secret service (run under the tests' own fixtures):

  QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python bench/faults.py [CASE ...]

It runs pytest on tests/faults with MPP_FAULTS=all, so the same fixtures (a real central,
a Secret Service) are used; pass case names (init, record, sync, ingest ...) to narrow it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    env = dict(os.environ, MPP_FAULTS="all", QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    select = ["-k", " or ".join(argv)] if argv else []
    t0 = time.monotonic()
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-s",
            "-rN",
            str(ROOT / "tests" / "faults"),
            *select,
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    lines = p.stdout.splitlines()
    figures = [ln for ln in lines if " points (" in ln]
    print("\n".join(figures))
    problems = [ln.strip() for ln in lines if ln.strip().startswith("E ") and "#" in ln]
    if problems:
        print(f"\n{len(problems)} problem lines (first 40):")
        print("\n".join(problems[:40]))
    print(f"\nwhole sweep: {time.monotonic() - t0:.0f} s, pytest exit {p.returncode}")
    return p.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
