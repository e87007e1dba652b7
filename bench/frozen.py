"""The frozen counter (PyInstaller folder) against the same program run from a venv:
size on disk, and start time of ``--version`` and of the window (spawn until it is
mapped on an Xvfb screen, seen from outside through libX11, so neither program is
changed for the measurement). Runs alternate frozen/venv so caches and load treat them
alike; caches are warm (dropping them would disturb the rest of the machine), the first
run of each kind is reported apart as the nearest thing to a cold start.

    python bench/frozen.py [--frozen dist/mpp-counter] [--runs 9]

Without --frozen it builds one with packaging/mpp-counter.spec into a temporary folder.
Needs Xvfb. Prints the figures and the frozen/venv ratios.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.metadata as md
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _Attrs(ctypes.Structure):  # XWindowAttributes
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


class X:
    """Just enough libX11 to ask: is a big top-level window viewable yet?"""

    def __init__(self, display: str) -> None:
        self.lib = ctypes.CDLL("libX11.so.6")
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.lib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.lib.XQueryTree.argtypes = (
            [ctypes.c_void_p, ctypes.c_ulong]
            + [ctypes.POINTER(ctypes.c_ulong)] * 2
            + [ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
        )
        self.lib.XGetWindowAttributes.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_Attrs),
        ]
        self.lib.XFree.argtypes = [ctypes.c_void_p]
        # a window may vanish between listing and asking: ignore X errors, never exit
        handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self._on_error = handler(lambda _dpy, _event: 0)
        self.lib.XSetErrorHandler(self._on_error)
        self.dpy = self.lib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        self.root = self.lib.XDefaultRootWindow(self.dpy)

    def big_window_viewable(self) -> bool:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        kids, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        self.lib.XQueryTree(
            self.dpy,
            self.root,
            ctypes.byref(root),
            ctypes.byref(parent),
            ctypes.byref(kids),
            ctypes.byref(n),
        )
        try:
            for i in range(n.value):
                a = _Attrs()
                if (
                    self.lib.XGetWindowAttributes(self.dpy, kids[i], ctypes.byref(a))
                    and a.map_state == 2
                    and a.width >= 200
                    and a.height >= 200
                ):
                    return True
            return False
        finally:
            if kids:
                self.lib.XFree(kids)


def time_version(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([*cmd, "--version"], env=env, check=True, capture_output=True, timeout=60)
    return time.perf_counter() - t


def time_window(cmd: list[str], env: dict[str, str], data: Path, x: X) -> float:
    while x.big_window_viewable():  # the previous run's window must be gone
        time.sleep(0.01)
    t = time.perf_counter()
    p = subprocess.Popen(
        [*cmd, "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not x.big_window_viewable():
            if p.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {p.returncode} before its window")
            if time.perf_counter() - t > 60:
                raise RuntimeError("no window after 60 s")
            time.sleep(0.002)
        return time.perf_counter() - t
    finally:
        p.terminate()
        p.wait(20)


def session_bus(work: Path) -> dict[str, str]:
    """A D-Bus session bus as a desktop session has one. Without it Qt autolaunches one
    through X11 and then waits ~3 s for it: a headless artefact that would swamp the
    figures (clerks' PCs run a desktop session)."""
    if not shutil.which("dbus-daemon"):
        return {"DBUS_SESSION_BUS_ADDRESS": "disabled:"}
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.split()
    (work / "dbus.pid").write_text(out[1])
    return {"DBUS_SESSION_BUS_ADDRESS": out[0]}


def stop_session_bus(work: Path) -> None:
    pid = work / "dbus.pid"
    if pid.exists():
        os.kill(int(pid.read_text()), 15)


def du(path: Path, skip: frozenset[str] = frozenset()) -> int:
    return sum(
        f.stat().st_size
        for f in path.rglob("*")
        if f.is_file() and not f.is_symlink() and not skip.intersection(f.parts)
    )


def venv_closure_bytes() -> tuple[int, list[str]]:
    """Bytes of mpp-counter and every distribution it needs at run time (no extras)."""
    seen: dict[str, md.Distribution] = {}
    todo = ["mpp-counter"]
    while todo:
        name = re.split(r"[\s<>=!~;\[(]", todo.pop(), maxsplit=1)[0].lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        seen[name] = dist
        todo += [r for r in (dist.requires or []) if "extra ==" not in r]
    total = 0
    for dist in seen.values():
        for f in dist.files or []:
            p = Path(dist.locate_file(f))
            if p.is_file() and "__editable__" not in p.name:
                total += p.stat().st_size
    if "mpp-counter" in seen and (ROOT / "src" / "mpp_counter").is_dir():
        total += du(ROOT / "src" / "mpp_counter")  # an editable install's files are here
    return total, sorted(seen)


def freeze(work: Path) -> Path:
    subprocess.run(
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
            str(ROOT / "packaging" / "mpp-counter.spec"),
        ],
        check=True,
    )
    return work / "dist" / "mpp-counter"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frozen", type=Path, help="a PyInstaller folder (default: build one)")
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    if not shutil.which("Xvfb"):
        sys.exit("Xvfb is needed (apt-get install xvfb)")
    with tempfile.TemporaryDirectory(prefix="mpp-bench-frozen-") as tmp:
        work = Path(tmp)
        frozen = a.frozen.resolve() if a.frozen else freeze(work)
        cmds = {
            "frozen": [str(frozen / "mpp-counter")],
            "venv": [str(Path(sys.executable).with_name("mpp-counter"))],
        }
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("QT_", "PYTHON")) and k != "DISPLAY"
        }
        env.update(MPP_COUNTER_PASSPHRASE="kata sandi bench", HOME=str(work / "home"))
        data = work / "data"
        subprocess.run(
            [
                *cmds["venv"],
                "--data-dir",
                str(data),
                "init",
                "--mpp",
                "BKL01",
                "--counter",
                "Loket 1",
                "--mpp-name",
                "MPP Bench",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        display = f":{100 + os.getpid() % 400}"
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                if time.monotonic() > deadline:
                    sys.exit("Xvfb did not start")
                time.sleep(0.05)
            x = X(display)
            wenv = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb", **session_bus(work))
            res: dict[str, list[float]] = {}
            for _ in range(a.runs):
                for kind, cmd in cmds.items():
                    res.setdefault(f"version/{kind}", []).append(time_version(cmd, env))
                    res.setdefault(f"window/{kind}", []).append(time_window(cmd, wenv, data, x))
        finally:
            xvfb.terminate()
            xvfb.wait(10)
            stop_session_bus(work)
        size_frozen = du(frozen)
        closure, names = venv_closure_bytes()
        stdlib = du(
            Path(sysconfig.get_paths()["stdlib"]),
            frozenset({"site-packages", "dist-packages", "test", "__pycache__"}),
        )
    mb = 1024 * 1024
    print(
        f"size: frozen folder {size_frozen / mb:.0f} MiB; venv: {closure / mb:.0f} MiB of "
        f"packages ({len(names)} distributions) + {stdlib / mb:.0f} MiB Python stdlib = "
        f"{(closure + stdlib) / mb:.0f} MiB (stdlib without tests and caches; plus the "
        f"interpreter); "
        f"ratio {size_frozen / (closure + stdlib):.2f}"
    )
    for what in ("version", "window"):
        f, v = res[f"{what}/frozen"], res[f"{what}/venv"]
        print(
            f"{what:8s} median frozen {statistics.median(f) * 1000:6.0f} ms, venv "
            f"{statistics.median(v) * 1000:6.0f} ms, ratio "
            f"{statistics.median(f) / statistics.median(v):.2f}; first run frozen "
            f"{f[0] * 1000:.0f} ms, venv {v[0] * 1000:.0f} ms ({a.runs} runs each)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
