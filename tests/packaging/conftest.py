"""One PyInstaller build of the current tree per test session, shared by the tests."""

# No __init__.py in tests/packaging on purpose: as a package it would be imported as
# "packaging" and shadow the PyPI library of that name (used by pytest and PyInstaller).

from __future__ import annotations

from pathlib import Path

import pytest
from frozen_support import ROOT, freeze, pyinstaller_missing


@pytest.fixture(scope="session")
def frozen_current(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = pyinstaller_missing()
    if missing:
        pytest.skip(missing)
    return freeze(ROOT, tmp_path_factory.mktemp("frozen"))
