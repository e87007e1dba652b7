"""Constants and helpers shared by the tests (import as ``from support import ...``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mpp_counter.store.counter import CounterStore

PASSPHRASE = "kata sandi admin uji 2026"  # the administrator's, for every test store
STORE_SETUP: dict[str, Any] = {
    "mpp_code": "BKL01",
    "mpp_name": "MPP Kota Bengkulu",
    "counter": "Loket 1",
    "zone": "WIB",
    "passphrase": PASSPHRASE,
}
# Obviously fake numbers (0812-0000-xxxx) in every form a leak could take.
FAKE_NUMBERS = ("081200001234", "081200005678", "081200009012")


def new_store(data_dir: Path, **overrides: Any) -> CounterStore:
    """The one way the tests create a counter store (the ``store`` fixture uses it too):
    BKL01 / Loket 1 in WIB, opened with PASSPHRASE unless ``overrides`` say otherwise."""
    from mpp_counter.store.counter import CounterStore

    return CounterStore.create(data_dir, **{**STORE_SETUP, **overrides})


def number_forms(national: str) -> list[bytes]:
    """Every spelling of one number a leak could use, in UTF-8 and UTF-16."""
    rest = national[1:]
    texts = {
        national,
        "+62" + rest,
        "62" + rest,
        rest,
        f"{national[:4]}-{national[4:8]}-{national[8:]}",
        f"{national[:4]} {national[4:8]} {national[8:]}",
        f"+62 {rest[:3]} {rest[3:7]} {rest[7:]}",
        f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}",
    }
    out: list[bytes] = []
    for t in texts:
        out += [t.encode(), t.encode("utf-16-le"), t.encode("utf-16-be")]
    return out


def scan_for_numbers(root: Path, numbers: tuple[str, ...] = FAKE_NUMBERS) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            for n in numbers:
                for form in number_forms(n):
                    if form in data:
                        hits.append(f"{path}: {form!r}")
    return hits


def fill_disk(root: Path) -> Path:
    """Write zeros under ``root`` until its file system refuses: a full disk, for real."""
    filler = root / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def sweep_dead_sessions(prefix: str) -> None:
    """Remove /tmp/<prefix>* folders left by a killed test session (timeout, kill -9):
    each holds an ``owner.pid``; a folder whose owner is gone is removed."""
    for folder in Path(tempfile.gettempdir()).glob(prefix + "*"):
        try:
            owner = int((folder / "owner.pid").read_text())
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):  # no owner file yet, or not ours to judge
            continue
