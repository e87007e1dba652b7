"""A cheap Argon2id for the test suite, applied in the test's own processes only.

The shipped program has no switch for weak keys (store/keys.py). Tests lower its two
constants here: in-process from tests/conftest.py, and in every ``mpp-counter`` child a
test starts through ``sitecustomize.py`` in this folder, which the tests (and only they)
put first on PYTHONPATH. Packaged and frozen builds never see this folder, so they run
with the real profile.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

FAST = {"opslimit": 1, "memlimit": 8 * 1024 * 1024}
TARGET = "mpp_counter.store.keyfile"
HOOK_DIR = Path(__file__).resolve().parent


REAL: dict[str, dict[str, int]] = {}  # the program's own values, before patching


def patch(module: Any) -> None:
    if not hasattr(module, "KDF_MINIMUM"):
        return  # an older program (e.g. the tests run against main to see them fail)
    if not REAL:
        REAL.update(profile=dict(module.KDF_PROFILE), minimum=dict(module.KDF_MINIMUM))
    module.KDF_PROFILE = dict(FAST)
    module.KDF_MINIMUM = dict(FAST)


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    """Finds ``mpp_counter.store.keyfile`` like everyone else, then patches it once loaded,
    so a child that never touches a key pays nothing for the hook."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != TARGET:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                run = spec.loader.exec_module

                def exec_module(module: ModuleType, run: Any = run) -> None:
                    run(module)
                    patch(module)

                spec.loader.exec_module = exec_module  # type: ignore[method-assign]
                return spec
        return None


def install() -> None:
    """Patch now if the module is loaded, else as soon as it is."""
    if TARGET in sys.modules:
        patch(sys.modules[TARGET])
    elif not any(isinstance(f, _PatchAfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchAfterImport())


def child_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with this folder first on PYTHONPATH: a child process gets the cheap KDF."""
    parts = [str(HOOK_DIR)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**env, "PYTHONPATH": os.pathsep.join(dict.fromkeys(parts))}
