"""Build step for the translations: compile resources/i18n/*.ts into .qm in the build tree.

Everything else about the package is in pyproject.toml. The compiler is the project's own
pure-Python one (src/mpp_counter/gui/qm.py, loaded by file path), so building a wheel needs
neither PySide6 nor lrelease; the .qm files are never committed. A source checkout or an
editable install without them still works: the window compiles the .ts in memory.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
I18N = Path("mpp_counter") / "resources" / "i18n"


def _qm_compiler():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "_mpp_counter_qm", HERE / "src" / "mpp_counter" / "gui" / "qm.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while it runs
    spec.loader.exec_module(mod)
    return mod


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if not self.dry_run:
            out = _qm_compiler().compile_dir(HERE / "src" / I18N, Path(self.build_lib) / I18N)
            for qm in out:
                self.announce(f"compiled {qm}", level=2)


setup(cmdclass={"build_py": BuildPyWithTranslations})
