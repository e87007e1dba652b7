"""The resources live in the top-level resources/ and are found in every way the program
runs: a source checkout (src/ on the path), an installed wheel (copied into the package by
setup.py), and, in tests/packaging/test_frozen.py, the frozen build."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHERE = (
    "from mpp_counter.resource_files import root, read_text; print(root()); "
    "print(read_text('catalog.json')[:1])"
)


def _run(path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # -I: not the venv's installed copy, not the caller's PYTHONPATH; only ``path``.
    code = f"import sys; sys.path.insert(0, {str(path)!r}); {WHERE}"
    return subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def _fake_checkout(tmp_path: Path) -> Path:
    pkg = tmp_path / "src" / "mpp_counter"
    pkg.mkdir(parents=True)
    for name in ("__init__.py", "resource_files.py"):
        shutil.copy2(ROOT / "src" / "mpp_counter" / name, pkg / name)
    return pkg


def test_checkout_finds_top_level_and_a_packaged_copy_wins(tmp_path: Path) -> None:
    pkg = _fake_checkout(tmp_path)
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "catalog.json").write_text("{checkout}")
    p = _run(tmp_path / "src", tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == [str(tmp_path / "resources"), "{"]

    leftover = pkg / "resources" / "i18n"  # ignored files a move left behind: not a copy
    leftover.mkdir(parents=True)
    (leftover / "mpp_counter_id.qm").write_bytes(b"old")
    assert _run(tmp_path / "src", tmp_path).stdout.split()[0] == str(tmp_path / "resources")

    (pkg / "resources" / "catalog.json").write_text("[packaged]")
    p = _run(tmp_path / "src", tmp_path)
    assert p.stdout.split() == [str(pkg / "resources"), "["], p.stderr


def test_no_resources_is_one_clear_error(tmp_path: Path) -> None:
    _fake_checkout(tmp_path)
    p = _run(tmp_path / "src", tmp_path)
    assert p.returncode != 0
    last = p.stderr.strip().splitlines()[-1]
    assert last.startswith("FileNotFoundError: mpp-counter's resources are missing"), last
    assert str(tmp_path / "resources") in last and "reinstall" in last


def test_the_repository_keeps_them_outside_the_package() -> None:
    assert not (ROOT / "src" / "mpp_counter" / "resources").exists()
    for name in (
        "catalog.json",
        "campaign.json",
        "i18n/mpp_counter_id.ts",
        "i18n/mpp_counter_en.ts",
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans-Bold.ttf",
        "fonts/LICENSE",
        "icons/mpp-counter.png",
        "icons/mpp-counter.ico",
    ):
        assert (ROOT / "resources" / name).is_file(), name


@pytest.mark.slow
def test_wheel_carries_them_as_package_data(tmp_path: Path) -> None:
    """Built as pip builds it (isolated: setuptools comes from the index or pip's cache),
    from a copy so the checkout gets no build/ folder."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    for folder in ("src", "resources"):
        shutil.copytree(
            ROOT / folder,
            tree / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
        )
    out = tmp_path / "wheel"
    p = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(tree)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    (wheel,) = out.glob("mpp_counter-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        record = z.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
        z.extractall(tmp_path / "site")
    for name in (
        "catalog.json",
        "campaign.json",
        "i18n/mpp_counter_id.qm",
        "i18n/mpp_counter_en.qm",
        "i18n/mpp_counter_id.ts",
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans-Bold.ttf",
        "fonts/LICENSE",
        "icons/mpp-counter.png",
    ):
        assert f"mpp_counter/resources/{name}" in names, name
        assert f"mpp_counter/resources/{name}," in record, name  # pip uninstall removes it
    # the installed copy answers from inside itself, not from some checkout nearby
    p = _run(tmp_path / "site", tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == [str(tmp_path / "site" / "mpp_counter" / "resources"), "{"]
