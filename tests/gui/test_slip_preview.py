"""The slip preview (reprints) and "save as PDF" when the printer fails: real widgets,
a real store, the PDF read back."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget

from .conftest import make_store, save_visit, settle, start_window, unlock


def _top(name: str) -> QWidget | None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == name and w.isVisible():
            return w
    return None


def _pdf_text(path: Path) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)


def test_failed_printer_shows_a_banner_and_saves_a_pdf(qtbot, data_dir, tmp_path) -> None:
    """No box: a banner with the reason, the slip on screen, and "save as PDF" through
    Qt's own file dialog in Indonesian (not the system's, not English)."""
    make_store(data_dir, printer="no-such-queue", paper_mm=58)
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    save_visit(qtbot, win, "0812-0000-1357")
    settle(qtbot, win)
    banner = win.screen.banner
    qtbot.waitUntil(banner.isVisible, timeout=15000)
    assert "no-such-queue" in banner.reason.text() and win.screen.today.table.rowCount() == 1
    assert not [b for b in QApplication.topLevelWidgets()
                if isinstance(b, QMessageBox) and b.isVisible()]
    assert win.screen.flow.filter.hasFocus()  # the next citizen can be served at once
    banner.pdf_button.click()
    qtbot.waitUntil(lambda: _top("pdf_file_dialog") is not None, timeout=5000)
    dialog = _top("pdf_file_dialog")
    assert isinstance(dialog, QFileDialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "Simpan"
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "Nama berkas:"
    assert dialog.windowTitle() == "Simpan struk sebagai PDF"
    target = tmp_path / "slip-saved.pdf"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=15000)
    receipt = win.screen.today.table.item(0, 4).text()
    text = _pdf_text(target)
    assert receipt in text and "1357" in text
    assert "081200001357" not in text.replace("-", "").replace(" ", "")
    win.close()


def test_reprint_goes_through_the_preview(qtbot, data_dir) -> None:
    make_store(data_dir)  # no printer: "PDF only", slips land in the data folder
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    save_visit(qtbot, win, "0812-0000-2460")
    settle(qtbot, win)
    today = win.screen.today
    receipt = today.table.item(0, 4).text()
    first = data_dir / "slips" / f"{receipt}.pdf"
    qtbot.waitUntil(first.exists, timeout=15000)
    first.unlink()
    today.table.selectRow(0)
    assert today.reprint_button.isEnabled()
    today.reprint_button.click()
    qtbot.waitUntil(lambda: _top("slip_preview") is not None, timeout=10000)
    preview = _top("slip_preview")
    assert receipt in preview.windowTitle()
    assert not first.exists()  # nothing printed before the clerk says so
    preview.findChild(QPushButton, "preview_print").click()
    qtbot.waitUntil(first.exists, timeout=15000)
    assert receipt in _pdf_text(first)
    win.close()
