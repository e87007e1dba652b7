"""Build step for the resources: copy the top-level resources/ into the package, compile .ts.

The repository keeps catalog, campaign, translations, fonts and icons in ``resources/``
beside ``src/`` (package-data cannot reach outside the package folder), so build_py copies
them into the build tree as ``mpp_counter/resources/``: a wheel carries them as package
data, and ``mpp_counter.resource_files`` finds them there (or, in a source checkout, in
``resources/`` itself). The .ts files are compiled into .qm with the project's own
pure-Python compiler (src/mpp_counter/gui/qm.py, loaded by file path), so building a wheel
needs neither PySide6 nor lrelease; the .qm files are never committed. A source checkout
without them still works: the window compiles the .ts in memory.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "resources"
PACKAGED = Path("mpp_counter") / "resources"
# What is shipped; anything else in resources/ (editor files, a stray .qm) stays behind.
SHIPPED = ("*.json", "i18n/*.ts", "fonts/*", "icons/*")


def _qm_compiler():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "_mpp_counter_qm", HERE / "src" / "mpp_counter" / "gui" / "qm.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while it runs
    spec.loader.exec_module(mod)
    return mod


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if self.dry_run:
            return
        if not (RESOURCES / "catalog.json").is_file():
            # An sdist unpacked without its resources/ would build a wheel that cannot start.
            raise FileNotFoundError(f"{RESOURCES} is missing: build from the repository")
        target = Path(self.build_lib) / PACKAGED
        for pattern in SHIPPED:
            for src in sorted(RESOURCES.glob(pattern)):
                if src.is_file():
                    dst = target / src.relative_to(RESOURCES)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dst)
        for qm in _qm_compiler().compile_dir(RESOURCES / "i18n", target / "i18n"):
            self.announce(f"compiled {qm}", level=2)


setup(cmdclass={"build_py": BuildPyWithResources})
