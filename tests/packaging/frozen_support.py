"""Building the frozen program and its .deb for the packaging tests (real PyInstaller,
real dpkg-deb), and running an installed program with no Python anywhere on its PATH."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from support import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "mpp-counter.spec"
BUILD_DEB = ROOT / "packaging" / "linux" / "build-deb.sh"
PHONE = "0812-0000-0{:03d}"


def pyinstaller_missing() -> str | None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return "PyInstaller is not installed (pip install '.[packaging]')"
    return None


def freeze(root: Path, work: Path) -> Path:
    """PyInstaller on the tree at ``root``; returns the one-folder program."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["MPP_SRC_ROOT"] = str(root)
    work.mkdir(parents=True, exist_ok=True)
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--workpath",
            str(work / "build"),
            "--distpath",
            str(work / "dist"),
            str(root / "packaging" / "mpp-counter.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=420,
        env=env,
        cwd=work,
    )
    if p.returncode != 0:  # PyInstaller's own words, e.g. "libpython3.11.so.1.0 not found"
        tail = "\n".join((p.stderr or p.stdout).strip().splitlines()[-15:])
        raise AssertionError(f"PyInstaller exited {p.returncode}:\n{tail}")
    shutil.rmtree(work / "build", ignore_errors=True)  # ~0.3 GB of PyInstaller's cache
    return work / "dist" / "mpp-counter"


def build_deb(frozen: Path, out: Path) -> Path:
    env = dict(os.environ, MPP_DEB_COMPRESS="gzip", MPP_DEB_LEVEL="1")
    p = subprocess.run(
        ["bash", str(BUILD_DEB), str(frozen), str(out)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    return Path(p.stdout.strip().splitlines()[-1])


def bumped_tree(dest: Path, extra_migration: str) -> tuple[Path, str]:
    """A copy of the sources as the next release: patch version + 1, one more migration."""
    for part in ("src", "packaging"):
        shutil.copytree(
            ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm")
        )
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    old = re.search(r'^version = "(\d+)\.(\d+)\.(\d+)"', pyproject, re.M)
    assert old, "pyproject.toml has no plain X.Y.Z version"
    new = f"{old[1]}.{old[2]}.{int(old[3]) + 1}"
    (dest / "pyproject.toml").write_text(
        pyproject.replace(old[0], f'version = "{new}"', 1), "utf-8"
    )
    schema = dest / "src" / "mpp_counter" / "store" / "schema.py"
    text = schema.read_text("utf-8")
    anchor = "\n)\n\nLATEST = len(MIGRATIONS)"
    assert anchor in text, "store/schema.py changed shape: update tests/packaging/_frozen.py"
    schema.write_text(text.replace(anchor, f'\n    """{extra_migration}""",{anchor}'), "utf-8")
    return dest, new


def apt(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(
        ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=120", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=True,
    )


def bare_env(home: Path, empty_bin: Path, **extra: str) -> dict[str, str]:
    """No Python, no venv, no PYTHONPATH: only what a clerk's session would have."""
    env = {
        "HOME": str(home),
        "PATH": str(empty_bin),
        "LANG": "C.UTF-8",
        "MPP_COUNTER_PASSPHRASE": PASSPHRASE,
    }  # the real KDF: nothing can lower it
    env.update(extra)
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run_installed(
    env: dict[str, str], *args: str, timeout: float = 60, exe: str = "/usr/bin/mpp-counter"
) -> subprocess.CompletedProcess:
    p = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"mpp-counter {args[0]} exited {p.returncode}: {p.stderr}"
    return p


def pyproject_version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def screenshot_of_window(
    env: dict[str, str], shot: Path, display: int, exe: str = "/usr/bin/mpp-counter"
) -> int:
    """Start the program's window on a fresh Xvfb and grab the screen until the window is
    painted; returns the number of distinct colours seen."""
    xvfb = subprocess.Popen(
        ["/usr/bin/Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    win = None
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.1)
        wenv = dict(env, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
        log = open(shot.with_suffix(".log"), "wb")  # noqa: SIM115 (closed with the process)
        win = subprocess.Popen([exe], env=wenv, stdout=subprocess.DEVNULL, stderr=log)
        log.close()
        colours = 0
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            assert win.poll() is None, (
                f"the window exited: {shot.with_suffix('.log').read_text()[-500:]!r}"
            )
            subprocess.run(
                ["/usr/bin/import", "-display", f":{display}", "-window", "root", str(shot)],
                check=True,
                capture_output=True,
                timeout=30,
            )
            p = subprocess.run(
                ["/usr/bin/identify", "-format", "%k", str(shot)],
                check=True,
                capture_output=True,
                text=True,
                timeout=30,
            )
            colours = int(p.stdout.strip())
            if colours > 50:  # an empty X root is one colour; painted widgets have hundreds
                break
            time.sleep(0.5)
        return colours
    finally:
        for proc in (win, xvfb):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
