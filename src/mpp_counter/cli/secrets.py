"""Where the CLI gets a passphrase or a PIN: environment, file, or a prompt on a TTY."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..domain.errors import BadInput


def _prompt(label: str, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise BadInput(
            "No {what} given: set {env} or use a terminal.",
            what=label,
            env="MPP_COUNTER_PASSPHRASE" if "passphrase" in label else "MPP_COUNTER_PIN",
        )
    first = getpass.getpass(f"{label}: ")
    if confirm and getpass.getpass(f"{label} (again): ") != first:
        raise BadInput("The two entries differ.")
    return first


def passphrase(file: Path | None, *, confirm: bool = False) -> str:
    env = os.environ.get("MPP_COUNTER_PASSPHRASE")
    if file is not None:
        try:
            text = file.read_text("utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput("Cannot read the passphrase file {path}.", path=str(file)) from exc
        if not text:
            raise BadInput("The passphrase file {path} is empty.", path=str(file))
        return text
    if env:
        return env
    return _prompt("administrator passphrase", confirm)


def pin(*, confirm: bool = False) -> str:
    env = os.environ.get("MPP_COUNTER_PIN")
    if env:
        return env
    return _prompt("clerk PIN", confirm)
