"""Sending a slip to the printer (or to a PDF) off the GUI thread.

The slip modules are imported only when a slip is first printed (the unlock screen starts
faster), and they are imported on the GUI thread: Qt's print support must be loaded there
before a worker uses it. The job itself then runs on the printer queue (a QThreadPool).
A missing or broken printing stack never stops a save: the visit is saved first, and the
slip can be reprinted from today's list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..domain.errors import PrinterUnavailable
from ..domain.slip_content import SlipContent
from ..store.prefs import Prefs


def _unavailable() -> PrinterUnavailable:
    return PrinterUnavailable("Slip printing is not available in this installation.")


def prepare(
    content: SlipContent, prefs: Prefs, data_dir: Path, pdf: str | None = None
) -> Callable[[], str]:
    """On the GUI thread: load the slip modules; returns the job for the printer queue.

    The job prints on the chosen printer, or writes the PDF the clerk chose to save
    (``pdf``), and returns where the slip went. Nothing is written anywhere else: a slip
    holds the receipt's QR secret (the window shows it on screen when no printer is set).
    """
    try:
        from ..slip import render

        printing = None
        if prefs.printer and pdf is None:
            from ..slip import printing
    except ImportError:

        def missing() -> str:
            raise _unavailable()

        return missing

    def job() -> str:
        if printing is not None:
            printing.print_slip(content, prefs.printer, prefs.paper_mm)
            return prefs.printer
        if pdf is None:  # never a PDF nobody asked for: it holds the QR's secret
            raise PrinterUnavailable("No printer is set; the slip is shown on screen.")
        target = Path(pdf)
        tmp = target.with_name(target.name + ".part")
        render.render_pdf(content, tmp, prefs.paper_mm)
        tmp.replace(target)
        return str(target)

    return job


def printer_lister() -> Callable[[], list[str]]:
    """On the GUI thread: load print support; returns a function safe to run in a worker."""
    try:
        from ..slip import printing
    except ImportError:
        return lambda: []
    return printing.list_printers


def print_test_page(prefs: Prefs, data_dir: Path, lines: tuple[str, ...]) -> Callable[[], str]:
    """On the GUI thread: a job for the settings' "test print" button.

    Prints ``lines`` (the caller's translated words) on ``prefs.printer`` at its paper width,
    through the same checks as a slip (a paused queue fails with the queue's own reason in
    ``PrinterUnavailable.args_map["said"]``); with no printer chosen it writes
    ``slips/test-print.pdf``. Returns where the page went. Run it with
    ``window.background.run(job, ok, err)`` like a slip.
    """
    try:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrinter

        from ..slip import printing
    except ImportError:

        def missing() -> str:
            raise _unavailable()

        return missing

    def job() -> str:
        if prefs.printer:
            info = printing.check_printer(prefs.printer)
            qp = QPrinter(info, QPrinter.PrinterMode.HighResolution)
            where = prefs.printer
        else:
            qp = QPrinter(QPrinter.PrinterMode.HighResolution)
            qp.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            folder = data_dir / "slips"
            folder.mkdir(parents=True, exist_ok=True)
            where = str(folder / "test-print.pdf")
            qp.setOutputFileName(where)
        qp.setDocName(printing.JOB_NAME)
        qp.setFullPage(True)
        size = QPageSize(
            QSizeF(prefs.paper_mm, 20 + 8 * len(lines)),
            QPageSize.Unit.Millimeter,
            "test",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        qp.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF()))
        painter = QPainter()
        if not painter.begin(qp):
            raise PrinterUnavailable(printing.REFUSED, printer=prefs.printer or "PDF")
        try:
            dots = qp.resolution() / 25.4  # per mm
            font = QFont("DejaVu Sans")
            font.setPixelSize(int(3.5 * dots))
            painter.setFont(font)
            for i, line in enumerate(lines):
                painter.drawText(int(4 * dots), int((10 + 8 * i) * dots), line)
        finally:
            ended = painter.end()
        if not ended:
            raise PrinterUnavailable(printing.FAILED, printer=prefs.printer or "PDF")
        return where

    return job
