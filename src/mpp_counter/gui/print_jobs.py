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


def prepare(content: SlipContent, prefs: Prefs, data_dir: Path) -> Callable[[], str]:
    """On the GUI thread: load the slip modules; returns the job for the printer queue.

    The job prints (or writes the PDF) and returns where the slip went.
    """
    try:
        from ..slip import render

        printing = None
        if prefs.printer:
            from ..slip import printing
    except ImportError:
        def missing() -> str:
            raise _unavailable()
        return missing

    def job() -> str:
        if printing is not None:
            printing.print_slip(content, prefs.printer, prefs.paper_mm)
            return prefs.printer
        folder = data_dir / "slips"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{content.receipt}.pdf"
        render.render_pdf(content, path, prefs.paper_mm)
        return str(path)
    return job


def prepare_pdf(content: SlipContent, prefs: Prefs, path: str) -> Callable[[], str]:
    """On the GUI thread: the job that writes the slip to ``path`` (the fallback)."""
    try:
        from ..slip import render
    except ImportError:
        def missing() -> str:
            raise _unavailable()
        return missing

    def job() -> str:
        tmp = Path(path + ".part")
        render.render_pdf(content, tmp, prefs.paper_mm)
        tmp.replace(path)
        return path
    return job


def printer_lister() -> Callable[[], list[str]]:
    """On the GUI thread: load print support; returns a function safe to run in a worker."""
    try:
        from ..slip import printing
    except ImportError:
        return lambda: []
    return printing.list_printers
