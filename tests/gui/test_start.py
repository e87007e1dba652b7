"""A light start: the first screen comes up before the store's code is loaded.

Speed itself is measured by bench/gui_start.py; these tests keep the structure that makes
it fast (nothing heavy imported on the way to the unlock screen) from rotting.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from kdf_hook import fast_kdf
from mpp_counter.gui import worker
from mpp_counter.store import keys

from .conftest import PASSPHRASE, make_store, settle, start_window

HEAVY = (
    "mpp_counter.store.counter",
    "mpp_counter.store.keys",
    "sqlcipher3",
    "nacl",
    "phonenumbers",
    "requests",
    "mpp_counter.sync",
    "mpp_counter.slip",
    "mpp_counter.gui.visit_flow",
    "mpp_counter.gui.admin",
    "importlib.metadata",
)


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
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == []


KEYRING = ("keyring", "secretstorage", "jeepney", "dbus")


def test_no_keyring_probe_before_an_unlock(tmp_path: Path) -> None:
    """Without a D-Bus session, asking the OS keyring can start dbus-launch and wait seconds:
    the unlock screen, names loaded, must not have touched it."""
    data = tmp_path / "data"
    make_store(data)
    probe = textwrap.dedent(f"""
        import os, sys
        from PySide6.QtCore import QTimer
        from pathlib import Path
        from mpp_counter.gui.app import build
        app, win = build(Path({str(data)!r}))
        win.show()
        def check():
            if win.screen.user.count() < 2 or win.worker.busy:
                QTimer.singleShot(10, check)
                return
            print("\\n".join(m for m in sys.modules if m.split(".")[0] in {KEYRING!r}))
            sys.stdout.flush()
            os._exit(0)
        check()
        app.exec()
    """)
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env=fast_kdf.child_env(env),
    )  # the store's cheap slots
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == []


def test_wizard_asks_the_keyring_on_the_worker_only(qtbot, data_dir, monkeypatch) -> None:
    from mpp_counter.store import os_secret

    real = os_secret.available
    threads: list[str] = []

    def spy():  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real()

    monkeypatch.setattr(os_secret, "available", spy)
    monkeypatch.setattr(keys, "available", spy)  # check_pin's own default
    win = start_window(qtbot, data_dir)
    wiz = win.screen
    settle(qtbot, win)
    assert threads == []  # not at start: only the clerk page needs the answer
    c = wiz.counter_page  # counter page -> admin page -> clerk page, each filled to pass
    for edit, text in ((c.mpp_code, "MPP-UJI"), (c.mpp_name, "MPP Uji"), (c.counter, "L1")):
        qtbot.keyClicks(edit, text)
    wiz.next()
    qtbot.keyClicks(wiz.admin_page.pass1, PASSPHRASE)
    qtbot.keyClicks(wiz.admin_page.pass2, PASSPHRASE)
    wiz.next()
    assert wiz.currentPage() is wiz.clerk_page
    qtbot.waitUntil(lambda: wiz.clerk_page.os_bound is not None, timeout=10000)
    qtbot.keyClicks(wiz.clerk_page.name, "Dewi")
    pin = "802461" if wiz.clerk_page.os_bound else "8024-6139-75"
    for e in (wiz.clerk_page.pin1, wiz.clerk_page.pin2):
        qtbot.keyClicks(e, pin)
    wiz.next()
    assert wiz.currentPage() is wiz.printer_page
    settle(qtbot, win)
    assert threads and all(t != threading.main_thread().name for t in threads), threads
    win.close()
