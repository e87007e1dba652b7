"""The window carries the program's icon from resources/icons/ (X11 and Wayland take it
from the window, not from the executable)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_new_application_has_the_icon(tmp_path: Path) -> None:
    # A fresh interpreter: pytest-qt's QApplication already exists here, and make_app()
    # returns an existing one untouched.
    code = (
        "from mpp_counter.gui.app import make_app; icon = make_app().windowIcon(); "
        "print(icon.isNull(), [s.width() for s in icon.availableSizes()])"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(SRC))
    p = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.split(None, 1) == ["False", "[256]\n"], p.stdout
