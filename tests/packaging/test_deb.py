"""The .deb on a real Debian: install, use with no Python on PATH, upgrade, remove.

Needs root (apt-get installs into /opt and /usr/bin), dpkg-deb, PyInstaller, Xvfb and
ImageMagick's ``import``; CI runs as root on a fresh Debian. The installed package is
purged at the end whatever happens.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from frozen_support import (
    PHONE,
    apt,
    bare_env,
    build_deb,
    bumped_tree,
    freeze,
    pyproject_version,
    run_installed,
    screenshot_of_window,
)
from pypdf import PdfReader

from mpp_counter.store import schema

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages only"),
    pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb is not installed"),
    pytest.mark.skipif(
        hasattr(os, "geteuid") and os.geteuid() != 0,
        reason="installing a .deb needs root (CI runs as root)",
    ),
    pytest.mark.skipif(
        not (shutil.which("Xvfb") and shutil.which("import")),
        reason="Xvfb and ImageMagick are needed for the window screenshot",
    ),
]

PROBE = "CREATE TABLE upgrade_probe(id INTEGER PRIMARY KEY)"


def _pdf_text(path: Path) -> str:
    assert path.read_bytes()[:5] == b"%PDF-"
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_deb_install_use_upgrade_remove(tmp_path: Path, frozen_current: Path) -> None:
    deb_n = build_deb(frozen_current, tmp_path / "n")
    tree, next_version = bumped_tree(tmp_path / "next", PROBE)
    deb_n1 = build_deb(freeze(tree, tmp_path / "next-build"), tmp_path / "n1")
    assert deb_n1.name == f"mpp-counter_{next_version}_amd64.deb"
    version = pyproject_version()
    assert deb_n.name == f"mpp-counter_{version}_amd64.deb"

    home, empty_bin = tmp_path / "home", tmp_path / "no-python-here"
    home.mkdir()
    empty_bin.mkdir()
    env = bare_env(home, empty_bin)
    data = home / ".local" / "share" / "mpp-counter"
    try:
        apt("install", str(deb_n))
        assert os.path.realpath("/usr/bin/mpp-counter") == "/opt/mpp-counter/mpp-counter"
        assert Path("/usr/share/applications/mpp-counter.desktop").is_file()
        assert run_installed(env, "--version").stdout.strip() == f"mpp-counter {version}"

        # version N: set up, record with consent, print the slip to PDF
        run_installed(
            env, "init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu"
        )
        service = run_installed(env, "services").stdout.splitlines()[0].split("\t")[0]
        slip = tmp_path / "slip.pdf"
        first = run_installed(
            env,
            "record",
            "--service",
            service,
            "--consent",
            "--phone",
            PHONE.format(101),
            "--slip-pdf",
            str(slip),
        ).stdout.split()[-1]
        text = _pdf_text(slip)
        assert first in text
        assert "0101" in text  # the masked number's last four digits, and nothing more
        assert "0812-0000-0101" not in text and "81200000101" not in text.replace("-", "")
        run_installed(env, "record", "--service", service, "--declined")
        second = run_installed(
            env, "record", "--service", service, "--consent", "--phone", PHONE.format(102)
        ).stdout.split()[-1]
        before = json.loads(run_installed(env, "status", "--json").stdout)
        assert (before["visits"], before["consents"]) == (3, 2)
        assert before["schema_version"] == schema.LATEST

        # version N+1 installed over it: migrated, backed up, nothing lost
        apt("install", str(deb_n1))
        assert run_installed(env, "--version").stdout.strip() == f"mpp-counter {next_version}"
        after = json.loads(run_installed(env, "status", "--json").stdout)
        assert (after["visits"], after["consents"]) == (3, 2)
        assert after["schema_version"] == schema.LATEST + 1
        assert (data / f"counter-1.db.schema{schema.LATEST}.bak").is_file()
        reprint = tmp_path / "reprint.pdf"
        run_installed(env, "slip", second, "--pdf", str(reprint))
        assert second in _pdf_text(reprint)

        colours = screenshot_of_window(env, tmp_path / "window.png", 90 + os.getpid() % 400)
        assert colours > 50, f"the window's screenshot is blank ({colours} colours)"

        # uninstall: the program goes, the clerk's data stays
        apt("remove", "mpp-counter")
        assert not Path("/opt/mpp-counter").exists()
        assert not os.path.lexists("/usr/bin/mpp-counter")
        assert {"keys.json", "counter-1.db"} <= {p.name for p in data.iterdir()}
    finally:
        subprocess.run(["dpkg", "--purge", "mpp-counter"], capture_output=True, timeout=120)
    assert (data / "counter-1.db").stat().st_size > 0
