"""bootstrap.py, the README's first command, on a copy of the checkout: a second start
installs nothing (no network), and no display is one line that says what to do."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _copy(dest: Path) -> Path:
    for name in ("bootstrap.py", "pyproject.toml", "setup.py"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(
        ROOT / "src",
        dest / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    return dest


def _load(checkout: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bootstrap_copy", checkout / "bootstrap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stamp_follows_sources_and_extras(tmp_path: Path) -> None:
    boot = _load(_copy(tmp_path))
    digest = boot.sources_hash()
    assert not boot.installed({"central"}, digest)  # nothing installed yet
    boot.STAMP.parent.mkdir()
    boot.STAMP.write_text(json.dumps({"sources": digest, "extras": ["central", "test"]}))
    assert boot.installed({"central"}, digest) and boot.installed({"central", "test"}, digest)
    assert not boot.installed({"central", "packaging"}, digest)
    (tmp_path / "src" / "mpp_counter" / "cli" / "admin.py").write_text("# changed\n")
    assert boot.sources_hash() != digest
    (tmp_path / "src" / "mpp_counter" / "__pycache__").mkdir(exist_ok=True)
    changed = boot.sources_hash()
    (tmp_path / "src" / "mpp_counter" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    egg = tmp_path / "src" / "mpp_counter.egg-info"  # pip's build writes it into src/
    egg.mkdir()
    (egg / "PKG-INFO").write_text("Name: mpp-counter\n")
    assert boot.sources_hash() == changed  # bytecode and build records are not sources


def test_window_or_sub_command() -> None:
    boot = _load(ROOT)
    assert boot.opens_window([]) and boot.opens_window(["--data-dir", "/x"])
    assert boot.opens_window(["--log-level=DEBUG"])
    assert not boot.opens_window(["status"]) and not boot.opens_window(["--help"])
    assert not boot.opens_window(["--data-dir", "/x", "init", "--mpp", "A"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check")
def test_second_start_without_a_display_is_one_line_and_installs_nothing(tmp_path: Path) -> None:
    checkout = _copy(tmp_path)
    boot = _load(checkout)
    boot.STAMP.parent.mkdir()  # as the first start left it (the venv itself is not needed)
    boot.STAMP.write_text(
        json.dumps({"sources": boot.sources_hash(), "extras": ["central", "test"]})
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(
        MPP_SKIP_SYSTEM_DEPS="1",
        PIP_NO_INDEX="1",
        http_proxy="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
    )  # any network use would fail
    p = subprocess.run(
        [sys.executable, str(checkout / "bootstrap.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    assert "display" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert not (checkout / ".venv" / "bin").exists()  # no venv made, no pip run


def _checkout_for_checks(root: Path) -> Path:
    """A small checkout with the project's own [tool.ruff] and [tool.mypy] settings."""
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "bootstrap.py").write_text('"""Nothing."""\n')
    for folder in ("tests", "bench", "scripts"):
        (root / folder).mkdir()
    for package in ("", "domain", "protocol", "store"):
        d = root / "src" / "mpp_counter" / package
        d.mkdir(parents=True, exist_ok=True)
        (d / "__init__.py").write_text("")
    (root / "src" / "mpp_counter" / "domain" / "ok.py").write_text(
        "def double(x: int) -> int:\n    return x * 2\n"
    )
    return root


def _checks(boot: ModuleType, checkout: Path) -> None:
    boot.HERE = checkout
    boot.BIN = Path(sys.executable).parent  # the tools of the environment running the tests
    boot.checks()


def test_checks_pass_on_clean_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _checks(_load(ROOT), _checkout_for_checks(tmp_path))
    out = capsys.readouterr().out
    assert all(f"{name}: ok" in out for name, _ in _load(ROOT).CHECKS), out


def test_each_failing_check_stops_the_run_with_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = _checkout_for_checks(tmp_path)
    bad = checkout / "src" / "mpp_counter" / "store" / "bad.py"
    bad.write_text("import os\ndef untyped(x):\n    return {'x':x}\n")  # lint, format, types
    boot = _load(ROOT)
    with pytest.raises(SystemExit) as exit_:
        _checks(boot, checkout)
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "F401" in err  # ruff check: the unused import
    assert "Would reformat" in err or "would be reformatted" in err  # ruff format --check
    assert "bad.py:2: error: Function is missing a type annotation" in err  # mypy --strict
    last = err.strip().splitlines()[-1]
    assert last.startswith(
        "bootstrap.py: ruff check (exit 1), ruff format --check (exit 1), "
        "mypy --strict (exit 1) failed"
    ), last
