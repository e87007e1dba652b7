"""The CUPS queues .ci/cups-setup.sh makes for the printing tests (bootstrap.py passes
CUPS_SERVER on); a run without that scheduler skips what needs them."""

from __future__ import annotations

import os
import shutil
import subprocess

QUEUE_OFF = "mppslip-off"  # made by .ci/cups-setup.sh: disabled, with a reason


def queue_reason() -> str | None:
    if shutil.which("lpstat") is None:
        return None
    done = subprocess.run(
        ["lpstat", "-p", QUEUE_OFF],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
        # the scheduler .ci/cups-setup.sh started (bootstrap.py passes CUPS_SERVER on)
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
        | {k: v for k, v in os.environ.items() if k == "CUPS_SERVER"},
    )
    lines = [ln.strip() for ln in done.stdout.splitlines()[1:] if ln.strip()]
    return lines[0] if done.returncode == 0 and "disabled" in done.stdout and lines else None
