"""Shared fixtures: a real store in a temporary folder, the CLI as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MPP_COUNTER_KDF_PROFILE", None)  # gone from the program: nothing reads it

from kdf_hook import fast_kdf  # noqa: E402

from support import PASSPHRASE, new_store, sweep_dead_sessions  # noqa: E402

# Cheap Argon2id in this process (and, through child_env, in the CLI children); the
# shipped program has no such switch. Tests about the real KDF undo it with real_kdf.
fast_kdf.install()


@pytest.fixture
def real_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The program's own KDF profile and minimum, for tests about them."""
    from mpp_counter.store import keyfile

    monkeypatch.setattr(keyfile, "KDF_PROFILE", dict(fast_kdf.REAL["profile"]))
    monkeypatch.setattr(keyfile, "KDF_MINIMUM", dict(fast_kdf.REAL["minimum"]))


@pytest.fixture(scope="session", autouse=True)
def secret_service():  # type: ignore[no-untyped-def]
    """A real Secret Service (private D-Bus + gnome-keyring) for the whole run, so clerk
    slots are OS-bound and 6-digit PINs allowed, as on a desktop. See secret_service.py.

    Its keyring folder is not under pytest's numbered temp dirs: another pytest session
    on the machine prunes those, and gnome-keyring drops the login collection when its
    file disappears."""
    from mpp_counter.store import os_secret
    from secret_service import SecretService, missing_tools

    if missing_tools():  # clerk PINs must then be 10+ characters; privacy tests skip
        yield None
        return
    sweep_dead_sessions("mpp-test-secret-service-")
    root = Path(tempfile.mkdtemp(prefix="mpp-test-secret-service-"))
    (root / "owner.pid").write_text(str(os.getpid()))
    service = SecretService(root).start()
    saved = {k: os.environ.get(k) for k in service.env}
    os.environ.update(service.env)
    os_secret.reset()
    yield service
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    os_secret.reset()
    service.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 3 MB tmpfs (needs root, as in CI): the disk really fills up."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):  # type: ignore[no-untyped-def]
    s = new_store(data_dir)
    yield s
    try:
        s.close()
    except Exception:  # noqa: BLE001 - a test may have closed it already
        pass


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``mpp-counter`` as a subprocess in a throw-away HOME."""
    home = tmp_path / "home"
    home.mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()

    def run(
        *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        e = {k: v for k, v in os.environ.items() if not k.startswith("MPP_COUNTER_")}
        e.update(
            HOME=str(home),
            TMPDIR=str(tmp),
            XDG_DATA_HOME=str(home / ".local/share"),
            MPP_COUNTER_PASSPHRASE=PASSPHRASE,
            QT_QPA_PLATFORM="offscreen",
        )
        e.update(env or {})
        for k, v in list(e.items()):
            if v is None:
                del e[k]
        if not (env or {}).get("MPP_TEST_REAL_KDF"):
            e = fast_kdf.child_env(e)
        return subprocess.run(
            [sys.executable, "-m", "mpp_counter", *args],
            env=e,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    run.home = home  # type: ignore[attr-defined]
    run.tmp = tmp  # type: ignore[attr-defined]
    return run
