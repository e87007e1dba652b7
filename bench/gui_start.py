"""Cold start of the counter window (to the unlock screen) vs. a bare PySide6 QMainWindow.

Each run is a fresh ``python`` process, timed from spawn until its window is exposed
(mapped) on the screen; the two kinds alternate so that disk caches and CPU load treat
them alike. Goal: median ratio ≤ 1.5. Under Xvfb by default (``xvfb-run`` when there is no
display), ``--offscreen`` for Qt's offscreen platform.

    python bench/gui_start.py [--runs 15] [--offscreen]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time
kind, data_dir = sys.argv[1], sys.argv[2]

def mapped(app, win):
    # exposed on screen and, for ours, showing the unlock screen (chosen on the worker)
    while (win.windowHandle() is None or not win.windowHandle().isExposed()
           or (kind == "app" and win.screen_name != "unlock")):
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    print("mapped", flush=True)
    os._exit(0)

if kind == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    win = QMainWindow()
    win.resize(1280, 720)
    win.show()
    mapped(app, win)
else:  # the real entry point, `mpp-counter --data-dir DIR`, up to the window's show()
    import mpp_counter.gui.app as gui_app

    def run(d):
        app, win = gui_app.build(d)
        win.show()
        mapped(app, win)
    gui_app.run = run
    from mpp_counter.cli import main
    main(["--data-dir", data_dir])
"""


def one(kind: str, data_dir: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind, str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert p.stdout is not None
    line = p.stdout.readline()
    elapsed = time.perf_counter() - t
    p.kill()
    p.wait()
    if line.strip() != "mapped":
        raise SystemExit(f"the {kind} window did not come up")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--offscreen", action="store_true")
    args = ap.parse_args()
    if not args.offscreen and not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        return subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, *sys.argv]
        ).returncode
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen" if args.offscreen else "xcb")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
    __import__("fast_kdf").install()  # the tests' cheap KDF, in this process only
    from mpp_counter.store.counter import CounterStore

    with tempfile.TemporaryDirectory() as d:
        data = Path(d) / "store"
        CounterStore.create(
            data,
            mpp_code="B",
            mpp_name="Bench",
            counter="L1",
            zone="WIB",
            passphrase="bench passphrase 2026",
        ).close()
        for kind in ("bare", "app"):  # warm the disk cache once each
            one(kind, data, env)
        times: dict[str, list[float]] = {"bare": [], "app": []}
        for _ in range(args.runs):
            for kind in ("bare", "app"):
                times[kind].append(one(kind, data, env))
    bare, app = (statistics.median(times[k]) for k in ("bare", "app"))
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} alternating runs each")
    print(f"bare QMainWindow   median {bare * 1000:7.1f} ms")
    print(f"mpp-counter window median {app * 1000:7.1f} ms (unlock screen)")
    print(f"ratio {app / bare:.2f} (goal <= 1.5)")
    return 0 if app / bare <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
