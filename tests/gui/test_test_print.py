"""The settings' test print (print_jobs.test_print): a real page to PDF, and a paused queue
refused with the queue's own reason."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from mpp_counter.domain.errors import PrinterUnavailable
from mpp_counter.gui.print_jobs import print_test_page
from mpp_counter.store.prefs import Prefs

from .cups_queues import QUEUE_OFF, queue_reason


def test_test_print_to_pdf(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    job = print_test_page(Prefs(printer="", paper_mm=58), tmp_path, ("Cetak uji", "Loket 1"))
    where = Path(job())
    assert where == tmp_path / "slips" / "test-print.pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(where)).pages)
    words = text.split()
    assert words == ["Cetak", "uji", "Loket", "1"]


def test_test_print_on_a_paused_queue_says_why(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    said = queue_reason()
    if said is None:
        pytest.skip("needs the CUPS queue mppslip-off (.ci/cups-setup.sh)")
    job = print_test_page(Prefs(printer=QUEUE_OFF, paper_mm=58), tmp_path, ("x",))
    with pytest.raises(PrinterUnavailable) as caught:
        job()
    assert QUEUE_OFF in caught.value.message
    assert caught.value.args_map.get("said")  # the reason the administrator gave the queue
