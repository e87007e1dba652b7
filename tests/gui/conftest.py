"""Real widgets (offscreen), a real encrypted store in tmp_path, the cheap test KDF."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from mpp_counter.store import prefs as prefs_file  # noqa: E402
from mpp_counter.store.counter import CounterStore  # noqa: E402

from support import PASSPHRASE, new_store  # noqa: E402, F401 - PASSPHRASE for the GUI tests

CLERK, PIN = "Sari", "246810"


def make_store(data_dir: Path, **prefs: object) -> None:
    store = new_store(data_dir, mpp_code="MPP-TEST", mpp_name="MPP Kota Uji")
    store.add_clerk(CLERK, PIN)
    store.add_clerk("Budi", "135799")
    store.close()
    if prefs:
        prefs_file.save(data_dir, prefs_file.Prefs().with_(**prefs))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store_dir(data_dir: Path) -> Path:
    make_store(data_dir)
    return data_dir


def start_window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    from mpp_counter.gui.app import build

    _app, win = build(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.screen is not None, timeout=10000)  # chosen on the worker
    return win


def settle(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """Wait until every store operation handed to the worker has come back (and the unlock
    screen, which asks for the clerks' names once it is shown, has them)."""
    if win.screen_name == "unlock":
        qtbot.waitUntil(lambda: win.screen.user.count() > 0, timeout=10000)
    qtbot.waitUntil(lambda: win.worker.busy == 0, timeout=10000)


@pytest.fixture
def window(qtbot, store_dir: Path) -> Iterator[object]:
    win = start_window(qtbot, store_dir)
    settle(qtbot, win)
    yield win
    win.close()


def unlock(qtbot, win, name: str = CLERK, secret: str = PIN) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    scr = win.screen
    settle(qtbot, win)
    idx = scr.user.findData(name) if name != "admin" else scr.user.count() - 1
    scr.user.setCurrentIndex(idx)
    qtbot.keyClicks(scr.secret, secret)
    qtbot.keyClick(scr.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.screen_name in ("counter", "admin"), timeout=10000)
    settle(qtbot, win)


def to_phone_step(qtbot, win, number: str, service: str = "ktp") -> None:  # type: ignore[no-untyped-def]
    """By keys only: filter a service, Enter, 1 (agreed), type the number (no Enter yet)."""
    from PySide6.QtCore import Qt

    flow = win.screen.flow
    qtbot.keyClicks(flow.filter, service)
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)
    qtbot.keyClicks(flow.phone, number)


def save_visit(qtbot, win, number: str, service: str = "ktp") -> None:  # type: ignore[no-untyped-def]
    """A consented visit by keys; returns once it shows in today's list."""
    from PySide6.QtCore import Qt

    rows = win.screen.today.table.rowCount()
    to_phone_step(qtbot, win, number, service)
    qtbot.keyClick(win.screen.flow.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.screen.today.table.rowCount() == rows + 1, timeout=10000)


def open_store(data_dir: Path) -> CounterStore:
    return CounterStore.open_admin(data_dir, PASSPHRASE)


@pytest.fixture
def enrolled_dir(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A store enrolled at a real central on loopback: (central, data folder)."""
    from mpp_counter.sync.enrolment import enrol
    from sync._client_support import enrol_code, start_central

    central = start_central(tmp_path)
    data = tmp_path / "counter"
    make_store(data)
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        enrol(store, central.url, enrol_code(central, "MPP-TEST"))
    finally:
        store.close()
    yield central, data
    central.stop()
