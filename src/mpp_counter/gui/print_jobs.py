"""Sending a slip to the printer (or to a PDF) off the GUI thread.

The slip module is imported only here and only when a slip is printed, so the unlock
screen starts fast and a missing or broken printing stack never stops a save: the visit
is always saved first, and the slip can be reprinted from today's list.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import PrinterUnavailable
from ..domain.slip_content import SlipContent
from ..store.prefs import Prefs


def print_slip(content: SlipContent, prefs: Prefs, data_dir: Path) -> str:
    """Print or write the slip; returns where it went (printer name or PDF path)."""
    try:
        if prefs.printer:
            from ..slip import printing
        else:
            from ..slip import render
    except ImportError as exc:
        raise PrinterUnavailable("Slip printing is not available in this installation.") \
            from exc
    if prefs.printer:
        printing.print_slip(content, prefs.printer, prefs.paper_mm)
        return prefs.printer
    folder = data_dir / "slips"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{content.receipt}.pdf"
    render.render_pdf(content, path, prefs.paper_mm)
    return str(path)


def list_printers() -> list[str]:
    """The system's printer queues, or none when the slip module is not there yet."""
    try:
        from ..slip import printing
    except ImportError:
        return []
    return list(printing.list_printers())
