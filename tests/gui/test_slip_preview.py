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
    assert not [
        b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()
    ]
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


def test_without_a_printer_the_slip_is_shown_never_kept(qtbot, data_dir, tmp_path) -> None:
    """The slip holds the QR secret that withdraws the consent: with no printer it is
    shown on screen (the clerk keeps typing), and a PDF exists only if saved on purpose."""
    make_store(data_dir)  # no printer
    win = start_window(qtbot, data_dir)
    unlock(qtbot, win)
    save_visit(qtbot, win, "0812-0000-2460")
    settle(qtbot, win)
    qtbot.waitUntil(lambda: _top("slip_shown") is not None, timeout=15000)
    shown = _top("slip_shown")
    receipt = win.screen.today.table.item(0, 4).text()
    assert receipt in shown.windowTitle()
    assert not shown.findChild(QPushButton, "preview_print").isVisible()
    assert QApplication.activeWindow() is not shown  # the counter keeps the keyboard
    assert not [p for p in data_dir.rglob("*.pdf")]

    today = win.screen.today
    today.table.selectRow(0)
    today.reprint_button.click()  # a reprint: the preview, still nothing to print on
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "slip_preview" and w is not shown and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=10000,
    )
    preview = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "slip_preview" and w is not shown and w.isVisible()
    )
    assert not preview.findChild(QPushButton, "preview_print").isVisible()
    target = tmp_path / "kept-on-purpose"
    preview.save_pdf(str(target))
    qtbot.waitUntil(target.with_suffix(".pdf").exists, timeout=15000)
    assert receipt in _pdf_text(target.with_suffix(".pdf"))
    assert not [p for p in data_dir.rglob("*.pdf")]
    win.lock()
    qtbot.waitUntil(lambda: _top("slip_shown") is None, timeout=5000)  # gone with the key
    win.close()
