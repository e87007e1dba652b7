"""The settings' printer row (issue 13): a test print from the page, on the printer and
paper chosen there, without blocking; the printer list read again each time the page is
shown and by its button, so a printer set up while the program runs needs no restart."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt

from mpp_counter.slip import printing

from .conftest import PASSPHRASE, settle, unlock


def test_test_print_to_pdf_from_the_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window, "admin", PASSPHRASE)
    page = window.screen.settings
    window.screen.tabs.setCurrentWidget(page)
    settle(qtbot, window)
    page.printer.setCurrentIndex(page.printer.findData(""))  # PDF only
    assert page.test_button.isEnabled()
    page.test_button.setFocus()
    qtbot.keyClick(page.test_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.note.text().startswith("Halaman uji dikirim ke "), timeout=10000)
    where = Path(window.data_dir) / "slips" / "test-print.pdf"
    assert str(where) in page.note.text()
    words = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(where)).pages)
    assert "Loket MPP: cetak uji" in words and "Loket 1" in words


def test_printer_list_refreshes_without_a_restart(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    system = ["Kasir-A"]  # what the print system lists right now
    monkeypatch.setattr(printing, "list_printers", lambda: list(system))
    unlock(qtbot, window, "admin", PASSPHRASE)
    page = window.screen.settings
    window.screen.tabs.setCurrentWidget(page)
    settle(qtbot, window)

    def names() -> list[str]:
        return [page.printer.itemData(i) for i in range(page.printer.count())]

    qtbot.waitUntil(lambda: "Kasir-A" in names(), timeout=5000)
    system[:] = ["Kasir-A", "Struk-58"]  # plugged in while the program runs
    page.refresh_button.click()
    qtbot.waitUntil(lambda: "Struk-58" in names(), timeout=5000)
    page.printer.setCurrentIndex(page.printer.findData("Struk-58"))
    system[:] = ["Struk-58"]  # Kasir-A removed; shown again: the page reads the list anew
    window.screen.tabs.setCurrentIndex(0)
    window.screen.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: "Kasir-A" not in names(), timeout=5000)
    assert names() == ["", "Struk-58"] and page.printer.currentData() == "Struk-58"
