"""A light start: the first screen comes up before the store's code is loaded.

Speed itself is measured by bench/gui_start.py; these tests keep the structure that makes
it fast (nothing heavy imported on the way to the unlock screen) from rotting.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from mpp_counter.gui import worker
from mpp_counter.store import keys

from .conftest import make_store

HEAVY = ("mpp_counter.store.counter", "mpp_counter.store.keys", "sqlcipher3", "nacl",
         "phonenumbers", "requests", "mpp_counter.sync", "mpp_counter.slip",
         "mpp_counter.gui.visit_flow", "mpp_counter.gui.admin", "importlib.metadata")


def test_the_gui_knows_the_store_by_its_key_file(tmp_path: Path) -> None:
    assert worker.KEYS_FILE == keys.KEYS_FILE
    assert not worker.StoreWorker.exists(tmp_path / "none")
    make_store(tmp_path / "data")
    assert worker.StoreWorker.exists(tmp_path / "data")


def test_unlock_screen_shows_before_the_store_code_loads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_store(data)
    probe = textwrap.dedent(f"""
        import sys
        from mpp_counter.cli import _parse
        args = _parse(["--data-dir", {str(data)!r}])
        assert args.command is None
        from mpp_counter.gui.app import build
        app, win = build(args.data_dir)
        win.show()  # (the clerks' names are asked for at the first turn of the event loop)
        assert win.screen_name == "unlock", win.screen_name
        print("\\n".join(m for m in {HEAVY!r}
                        if any(k == m or k.startswith(m + ".") for k in sys.modules)))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == []
