"""The settings' test print (print_jobs.test_print): a real page to PDF, and a paused queue
refused with the queue's own reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from mpp_counter.domain.errors import PrinterUnavailable
from mpp_counter.gui.print_jobs import print_test_page
from mpp_counter.store.prefs import Prefs


def test_test_print_to_pdf(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    job = print_test_page(Prefs(printer="", paper_mm=58), tmp_path, ("Cetak uji", "Loket 1"))
    where = Path(job())
    assert where == tmp_path / "slips" / "test-print.pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(where)).pages)
    words = text.split()
    assert words == ["Cetak", "uji", "Loket", "1"]


def test_test_print_on_a_paused_queue_says_why(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("lpstat") is None:
        pytest.skip("CUPS is not installed")
    job = print_test_page(Prefs(printer="mppslip-off", paper_mm=58), tmp_path, ("x",))
    try:
        job()
    except PrinterUnavailable as exc:
        assert "mppslip-off" in exc.message
        assert exc.args_map.get("said")  # the reason the administrator gave the queue
    else:
        pytest.skip("the queue mppslip-off is not set up (.ci/cups-setup.sh)")
