"""One PyInstaller build of the current tree per test session, shared by the tests."""

# No __init__.py in tests/packaging on purpose: as a package it would be imported as
# "packaging" and shadow the PyPI library of that name (used by pytest and PyInstaller).

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from frozen_support import ROOT, freeze, pyinstaller_missing


@pytest.fixture(scope="session")
def frozen_current(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Removed after the session even when a test failed: ~0.2 GB nobody debugs from."""
    missing = pyinstaller_missing()
    if missing:
        pytest.skip(missing)
    work = tmp_path_factory.mktemp("frozen")
    yield freeze(ROOT, work)
    shutil.rmtree(work, ignore_errors=True)
