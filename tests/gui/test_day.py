"""A whole day at the counter in one process: 400 visits of every kind by key presses,
then a clean exit. Run as a subprocess (day_driver.py), so an interpreter abort (as with
PySide6 6.12.0 after ~90 visits) fails the test by its exit code instead of killing pytest."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import mpp_counter
from kdf_hook.fast_kdf import child_env
from mpp_counter.domain.records import NOT_ASKED_REASONS

from .conftest import make_store, open_store

DRIVER = Path(__file__).with_name("day_driver.py")
VISITS = 400
# Any written form of a test number: 0812-0000-1234, +62 812 0000 1234, 6281200001234, ...
NUMBER = re.compile(r"812[\s.-]*0000[\s.-]*\d{4}")


def test_a_day_of_400_visits_in_one_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_store(data)  # no printer: every slip is shown on screen, none written to disk
    src = str(Path(mpp_counter.__file__).parents[1])
    env = child_env(
        {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p),
        }
    )
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(data), str(VISITS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "Fatal Python error" not in out and "Traceback" not in out, out[-3000:]
    assert not NUMBER.search(out), NUMBER.search(out)
    done = json.loads(proc.stdout.strip().splitlines()[-1])
    assert done["agreed"] + done["declined"] + done["not_asked"] == VISITS
    assert min(done["agreed"], done["declined"], done["not_asked"]) >= VISITS // 4
    assert done["reprints"] >= 30 and done["withdrawn"] >= 30
    assert done["locks"] >= 5 and done["cancelled"] >= 5

    store = open_store(data)
    try:
        rows = store.rows_between(date(2000, 1, 1), date(2999, 12, 31))
        assert Counter(r.outcome.value for r in rows) == {
            k: done[k] for k in ("agreed", "declined", "not_asked")
        }
        assert sum(r.withdrawn_at is not None for r in rows) == done["withdrawn"]
        assert {r.not_asked_reason for r in rows if r.not_asked_reason} == set(NOT_ASKED_REASONS)
        receipts = {r.receipt for r in rows if r.receipt}
        assert len(receipts) == done["agreed"]
        reprints = store.con.execute(
            "SELECT count(*) FROM audit WHERE action = 'reprint'"
        ).fetchone()[0]
        assert reprints == done["reprints"]
    finally:
        store.close()
    assert set(done["shown"]) == receipts  # every consent's slip shown to its citizen
    assert not (data / "slips").exists()  # and none left on disk with its QR secret
