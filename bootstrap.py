#!/usr/bin/env python3
"""Set up and start mpp-counter, or run its tests, from a fresh checkout.

    python3 bootstrap.py          # install (system libraries, .venv) and open the window
    python3 bootstrap.py test     # install with test tools, run the checks and the whole test suite

Extra arguments after ``test`` go to pytest; after ``run`` to mpp-counter. The install is
done once per version of the sources (a stamp in .venv holds their hash), so a second
start needs no network and takes a moment.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import NoReturn

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / "mpp-installed.json"
# What the test command checks before any test: lint, format and types ([tool.ruff] and
# [tool.mypy] in pyproject.toml; mypy --strict on domain, protocol and store).
LINTED = ("src", "tests", "bench", "scripts", "bootstrap.py")
CHECKS = (
    ("ruff check", ("ruff", "check", *LINTED)),
    ("ruff format --check", ("ruff", "format", "--check", *LINTED)),
    ("mypy --strict", ("mypy",)),
)


def fail(message: str, code: int = 1) -> NoReturn:
    print(f"bootstrap.py: {message}", file=sys.stderr)
    sys.exit(code)


def sh(*cmd: str | os.PathLike[str], what: str) -> None:
    """Run a step; on failure one line says which step (its own output is above it)."""
    try:
        done = subprocess.run([str(c) for c in cmd], check=False)
    except OSError as e:
        fail(f"{what}: {e}")
    if done.returncode != 0:
        fail(f"{what} failed (exit {done.returncode}); see the lines above", done.returncode)


def sources_hash() -> str:
    """What the installed copy was built from: pyproject, setup.py, src/, resources/, Python."""
    h = hashlib.sha256(sys.version.encode())
    files = [
        HERE / "pyproject.toml",
        HERE / "setup.py",
        HERE / "MANIFEST.in",
        *sorted((HERE / "src").rglob("*")),
        *sorted((HERE / "resources").rglob("*")),
    ]
    for f in files:  # not what building or running writes there (egg-info, bytecode)
        built = any(part == "__pycache__" or part.endswith(".egg-info") for part in f.parts)
        if f.is_file() and not built and f.suffix not in (".pyc", ".qm"):
            h.update(f.relative_to(HERE).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def installed(extras: set[str], digest: str) -> bool:
    try:
        stamp = json.loads(STAMP.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("sources") == digest and extras <= set(stamp.get("extras", []))


def install(extras: set[str], system: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - bootstrap.py may meet any python3
        fail("mpp-counter needs Python 3.11 or newer")
    if sys.platform.startswith("linux") and os.environ.get("MPP_SKIP_SYSTEM_DEPS") != "1":
        env_py = f"{sys.version_info[0]}.{sys.version_info[1]}"
        os.environ["MPP_PYTHON_VERSION"] = env_py  # for libpython (PyInstaller's tests)
        code = subprocess.call(["bash", str(HERE / "scripts" / "system-deps.sh"), system])
        if code == 3:  # it said in one line what to run as root
            sys.exit(code)
        if code != 0:
            fail(f"scripts/system-deps.sh failed (exit {code}); see the lines above", code)
    digest = sources_hash()
    if installed(extras, digest):
        return  # nothing changed since the last install: no network, no rebuild
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        try:
            venv.create(VENV, with_pip=True)
        except (OSError, subprocess.CalledProcessError) as e:
            fail(f"cannot create {VENV} ({e}); on Debian/Ubuntu: apt-get install python3-venv")
    py = BIN / "python"
    STAMP.unlink(missing_ok=True)
    sh(py, "-m", "pip", "install", "-q", "--upgrade", "pip", what="upgrading pip in .venv")
    # Not editable: what runs is what an installed copy sees (package data, .qm files).
    sh(
        py,
        "-m",
        "pip",
        "install",
        "-q",
        f"{HERE}[{','.join(sorted(extras))}]",
        what="installing mpp-counter into .venv",
    )
    STAMP.write_text(json.dumps({"sources": digest, "extras": sorted(extras)}), "utf-8")


def no_display() -> bool:
    """On Linux/BSD the window needs X11 or Wayland, unless Qt is told to draw offscreen."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def opens_window(rest: list[str]) -> bool:
    """mpp-counter with only global options (no sub-command, no --help) opens the window."""
    i = 0
    while i < len(rest):
        if rest[i] in ("--data-dir", "--passphrase-file", "--log-level"):
            i += 2
        elif rest[i].startswith(("--data-dir=", "--passphrase-file=", "--log-level=")):
            i += 1
        else:
            return False
    return True


def run(rest: list[str]) -> int:
    install({"central"}, "run")
    if opens_window(rest) and no_display():  # not Qt's "xcb … reinstalling may fix this"
        fail(
            "installed, but the counter window needs a display (no DISPLAY or "
            "WAYLAND_DISPLAY): run this in a desktop session, or QT_QPA_PLATFORM=offscreen "
            "python3 bootstrap.py to start it with nothing shown; the sub-commands work "
            "anywhere: .venv/bin/mpp-counter --help"
        )
    return subprocess.call([str(BIN / "mpp-counter"), *rest])


def checks() -> None:
    """Lint, format and type checks, before the tests: each shows its output only when it
    fails, and the run then stops with one line naming every check that failed."""
    failed = []
    for name, (tool, *args) in CHECKS:
        try:
            p = subprocess.run(
                [str(BIN / tool), *args], cwd=HERE, capture_output=True, text=True, check=False
            )
        except OSError as e:
            fail(f"{name}: {e}")
        if p.returncode != 0:
            print(p.stdout + p.stderr, end="", file=sys.stderr)
            failed.append(f"{name} (exit {p.returncode})")
        else:
            print(f"bootstrap.py: {name}: ok")
    if failed:
        fail(
            f"{', '.join(failed)} failed; see the lines above (`.venv/bin/ruff format "
            f"{' '.join(LINTED)}` fixes the format)"
        )


def test(rest: list[str]) -> int:
    install({"central", "test"}, "test")
    checks()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the tests bring their own cheap KDF
    cups = sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0
    if cups:  # the project's own scheduler (root only: cups-pdf and lpadmin need it)
        p = subprocess.run(
            ["sh", str(HERE / ".ci" / "cups-setup.sh")],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        last = p.stdout.strip().splitlines()[-1:] or [""]
        if p.returncode != 0 or not last[0].startswith("CUPS_SERVER="):
            fail(
                f".ci/cups-setup.sh failed (exit {p.returncode}): the printing tests need "
                "its scheduler; see the lines above"
            )
        env["CUPS_SERVER"] = last[0].partition("=")[2]
    # two workers, and the slowest tests named at the end: the suite must stay well under
    # 20 minutes on 2 cores
    opts = (["-n", "2"] if "-n" not in rest else []) + ["--durations=30"]
    os.chdir(HERE)
    try:
        return subprocess.call(
            [str(BIN / "python"), "-m", "pytest", "-p", "no:cacheprovider", *opts, *rest],
            env=env,
        )
    finally:
        if cups:
            subprocess.call(["sh", str(HERE / ".ci" / "cups-setup.sh"), "stop"])


def main(argv: list[str]) -> int:
    mode = argv[0] if argv and argv[0] in ("run", "test") else "run"
    rest = argv[1:] if argv and argv[0] in ("run", "test") else argv
    try:
        return run(rest) if mode == "run" else test(rest)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
