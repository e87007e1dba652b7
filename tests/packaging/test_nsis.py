"""The Windows installer script compiles with NSIS (Debian's ``makensis``), warnings being
errors, around a stand-in payload. Running the installer needs Windows: the workflow
.github/workflows/windows.yml does that; nothing here executes it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

NSI = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "mpp-counter.nsi"

pytestmark = pytest.mark.skipif(
    not shutil.which("makensis"), reason="makensis is missing (apt-get install nsis)"
)


def _payload(tmp_path: Path) -> Path:
    payload = tmp_path / "mpp-counter"
    (payload / "_internal" / "mpp_counter").mkdir(parents=True)
    for exe in ("mpp-counter.exe", "mpp-counter-cli.exe"):
        (payload / exe).write_bytes(b"MZ stand-in for the PyInstaller executable")
    (payload / "_internal" / "mpp_counter" / "catalog.json").write_text("{}")
    return payload


def _makensis(tmp_path: Path, *defines: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["makensis", "-WX", "-V2", *defines, str(NSI)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_installer_script_compiles(tmp_path: Path) -> None:
    out = tmp_path / "mpp-counter-9.8.7-setup.exe"
    p = _makensis(tmp_path, "-DVERSION=9.8.7", f"-DSRCDIR={_payload(tmp_path)}", f"-DOUTFILE={out}")
    assert p.returncode == 0, p.stdout + p.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    assert b"Nullsoft" in data or b"NSIS" in data
    # the version resource carries the version given (UTF-16 in the PE resources)
    assert "9.8.7".encode("utf-16-le") in data


def test_installer_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    p = _makensis(tmp_path, f"-DSRCDIR={_payload(tmp_path)}")
    assert p.returncode != 0
    assert "-DVERSION" in p.stdout + p.stderr


def test_installer_refuses_a_missing_payload(tmp_path: Path) -> None:
    p = _makensis(tmp_path, "-DVERSION=1.0.0", f"-DSRCDIR={tmp_path / 'nothing-here'}")
    assert p.returncode != 0
