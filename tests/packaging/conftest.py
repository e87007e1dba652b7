"""One PyInstaller build of the current tree per test session, shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._frozen import ROOT, freeze, pyinstaller_missing


@pytest.fixture(scope="session")
def frozen_current(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = pyinstaller_missing()
    if missing:
        pytest.skip(missing)
    return freeze(ROOT, tmp_path_factory.mktemp("frozen"))
