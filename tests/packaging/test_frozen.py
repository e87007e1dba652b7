"""The PyInstaller folder itself, without installing it (no root needed): what it holds,
what it leaves out, and that it works with no Python anywhere on PATH."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from frozen_support import PHONE, bare_env, pyproject_version, run_installed, screenshot_of_window

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform != "linux",
        reason="the Linux build is tested here; Windows has .github/workflows/windows.yml",
    ),
]


def _rel(frozen: Path) -> set[str]:
    return {p.relative_to(frozen).as_posix() for p in frozen.rglob("*")}


def test_folder_holds_what_the_counter_needs_and_not_the_central(frozen_current: Path) -> None:
    files = _rel(frozen_current)
    internal = "_internal/"
    for needed in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "mpp_counter/resources/i18n/mpp_counter_id.qm",
        "mpp_counter/resources/i18n/mpp_counter_en.qm",
        "mpp_counter/resources/fonts/DejaVuSans.ttf",
        "mpp_counter/resources/catalog.json",
        "mpp_counter/resources/campaign.json",
        f"mpp_counter-{pyproject_version()}.dist-info/METADATA",
    ):
        assert internal + needed in files, needed
    # SQLCipher is linked into sqlcipher3's extension module
    assert any(f.startswith(internal + "sqlcipher3/_sqlite3") for f in files)
    for unwanted in (
        "fastapi",
        "sqlalchemy",
        "uvicorn",
        "psycopg",
        "alembic",
        "pytest",
        "mpp_counter/central",
        "QtWebEngine",
        "libQt6Qml",
        "libQt6Quick",
        "platformthemes/libqgtk3",
        "libgtk-3",
    ):
        assert not [f for f in files if unwanted in f], unwanted


def test_works_with_no_python_on_path(frozen_current: Path, tmp_path: Path) -> None:
    exe = str(frozen_current / "mpp-counter")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = bare_env(tmp_path / "home", empty)
    data = tmp_path / "data"
    run = lambda *a: run_installed(env, "--data-dir", str(data), *a, exe=exe)  # noqa: E731
    assert (
        run_installed(env, "--version", exe=exe).stdout.strip()
        == f"mpp-counter {pyproject_version()}"
    )
    run("init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu")
    service = run("services").stdout.splitlines()[0].split("\t")[0]
    slip = tmp_path / "slip.pdf"
    receipt = run(
        "record",
        "--service",
        service,
        "--consent",
        "--phone",
        PHONE.format(201),
        "--slip-pdf",
        str(slip),
    ).stdout.split()[-1]
    assert slip.read_bytes()[:5] == b"%PDF-"
    reprint = tmp_path / "reprint.pdf"
    run("slip", receipt, "--pdf", str(reprint))
    assert reprint.read_bytes()[:5] == b"%PDF-"
    if not (shutil.which("Xvfb") and shutil.which("import")):
        pytest.skip("Xvfb and ImageMagick are needed for the window screenshot")
    wenv = dict(env, MPP_COUNTER_DATA_DIR=str(data))
    colours = screenshot_of_window(wenv, tmp_path / "window.png", 500 + os.getpid() % 400, exe=exe)
    assert colours > 50, f"the window's screenshot is blank ({colours} colours)"
