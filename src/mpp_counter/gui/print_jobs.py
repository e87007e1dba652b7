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


def prepare(content: SlipContent, prefs: Prefs, data_dir: Path,
            pdf: str | None = None) -> Callable[[], str]:
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
