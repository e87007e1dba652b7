#!/usr/bin/env python3
"""Set up and start mpp-counter, or run its tests, from a fresh checkout.

    python3 bootstrap.py          # install (system libraries, .venv) and open the window
    python3 bootstrap.py test     # install with test tools and run the whole test suite

Extra arguments after ``test`` go to pytest; after ``run`` to mpp-counter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def sh(*cmd: str | os.PathLike[str], env: dict[str, str] | None = None) -> None:
    subprocess.run([str(c) for c in cmd], check=True, env=env)


def install(extras: str, system: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("mpp-counter needs Python 3.11 or newer")
    if sys.platform.startswith("linux") and os.environ.get("MPP_SKIP_SYSTEM_DEPS") != "1":
        sh("bash", HERE / "scripts" / "system-deps.sh", system)
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        venv.create(VENV, with_pip=True)
    py = BIN / "python"
    sh(py, "-m", "pip", "install", "-q", "--upgrade", "pip")
    # Not editable: what runs is what an installed copy sees (package data, .qm files).
    sh(py, "-m", "pip", "install", "-q", f"{HERE}[{extras}]")


def main(argv: list[str]) -> int:
    mode = argv[0] if argv and argv[0] in ("run", "test") else "run"
    rest = argv[1:] if argv and argv[0] in ("run", "test") else argv
    if mode == "run":
        install("central", "run")
        return subprocess.call([str(BIN / "mpp-counter"), *rest])
    install("central,test", "test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the tests bring their own cheap KDF
    if sys.platform.startswith("linux"):
        subprocess.call(["bash", str(HERE / ".ci" / "cups-setup.sh")])
    workers = ["-n", "2"] if "-n" not in rest else []
    os.chdir(HERE)
    return subprocess.call([str(BIN / "python"), "-m", "pytest", "-p", "no:cacheprovider",
                            *workers, *rest], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
