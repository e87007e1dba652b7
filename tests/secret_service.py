"""A real Secret Service for the tests: a private D-Bus session with gnome-keyring in it.

Started by tests/conftest.py for the whole run (clerk slots are OS-bound where a Secret
Service exists, as on a real desktop) and by the privacy tests for "another PC". The
login keyring is created unlocked with an empty password fed on stdin; nothing touches
the user's own keyring or session bus.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

TOOLS = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


class SecretService:
    """One private session bus and one gnome-keyring-daemon, owned by this object."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.runtime = root / "run"
        self.address = ""
        self._bus_pid = 0
        self._keyring: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """What a process needs to reach this Secret Service (its HOME is its own)."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "XDG_RUNTIME_DIR": str(self.runtime)}

    def start(self) -> SecretService:
        self.home.mkdir(parents=True, exist_ok=True)
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        out = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout.split()
        self.address, self._bus_pid = out[0], int(out[1])
        atexit.register(self.stop)  # the bus forks away: never leave it behind
        env = {**os.environ, **self.env, "HOME": str(self.home)}
        self._keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert self._keyring.stdin is not None
        self._keyring.stdin.write(b"\n")  # the empty password of the new login keyring
        self._keyring.stdin.close()
        self._wait_for_name(env)
        return self

    def _wait_for_name(self, env: dict[str, str]) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            r = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=10,
            )
            if "boolean true" in r.stdout:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("gnome-keyring-daemon did not appear on the private D-Bus")

    def stop(self) -> None:
        if self._keyring is not None:
            self._keyring.terminate()
            try:
                self._keyring.wait(10)
            except subprocess.TimeoutExpired:
                self._keyring.kill()
                self._keyring.wait(10)
            self._keyring = None
        if self._bus_pid:
            try:
                os.kill(self._bus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self._bus_pid = 0


# Environment of a process that has no Secret Service at all (no session bus).
NO_SECRET_SERVICE = {
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/mpp-no-bus",
    "XDG_RUNTIME_DIR": "/nonexistent/mpp-no-runtime",
}
