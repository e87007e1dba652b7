"""Sending a slip to a system printer queue through Qt print support.

The record is always saved before anything is printed, so a printer problem must never
look like a lost record: every failure here is a ``PrinterUnavailable`` with a message
the clerk can act on, and the caller tells them the slip can be reprinted.

Qt's own view of a queue is not enough on Linux: a CUPS queue that an administrator
disabled (``cupsdisable``) or set to reject jobs (``cupsreject``) still looks usable
to ``QPrinterInfo`` and Qt happily "prints" into it, so the job would sit in the spool
with the citizen already gone. ``lpstat`` is asked as well, when it exists.

Everything here works from a worker thread (QPrinter and QPainter on a printer need no
widgets); a QGuiApplication must exist in the process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..domain.errors import PrinterUnavailable
from ..domain.slip_content import SlipContent
from .render import layout_slip, page_size, paint

LPSTAT_TIMEOUT_S = 5.0
JOB_NAME = "mpp-counter slip"

# Message ids (whole literals, so translation tools find them). The record was saved
# before printing; every message says so, because the clerk must not record it again.
NO_PRINTER = (
    "No printer is set up on this computer. The record is saved: print the slip "
    "again later from today's list."
)
NOT_FOUND = (
    "The printer '{printer}' does not exist on this computer. The record is saved: "
    "print the slip again later from today's list."
)
DISABLED = (
    "The printer '{printer}' is paused (disabled). The record is saved: print the "
    "slip again later from today's list."
)
REJECTING = (
    "The printer '{printer}' is not accepting jobs. The record is saved: print the "
    "slip again later from today's list."
)
STOPPED = (
    "The printer '{printer}' is stopped or in an error state. The record is saved: "
    "print the slip again later from today's list."
)
NO_PAPER_SIZE = (
    "The printer '{printer}' does not take {width} mm paper. The record is "
    "saved: print the slip again later from today's list."
)
REFUSED = (
    "The printer '{printer}' refused the slip. The record is saved: print the slip "
    "again later from today's list."
)
FAILED = (
    "The printer '{printer}' could not print the slip. The record is saved: print the "
    "slip again later from today's list."
)


def list_printers() -> list[str]:
    """Names of the queues the operating system offers, for the administrator's choice."""
    return sorted(QPrinterInfo.availablePrinterNames())


def default_printer() -> str | None:
    """The system's default queue, or None when there is none."""
    return QPrinterInfo.defaultPrinterName() or None


def _lpstat(*args: str) -> str | None:
    """Output of ``lpstat`` in the C locale, or None when it is absent or fails."""
    exe = shutil.which("lpstat")
    if exe is None:
        return None
    env = dict(os.environ, LC_ALL="C", LANG="C")
    try:
        done = subprocess.run(
            [exe, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=LPSTAT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def cups_refusal(name: str) -> str | None:
    """Why CUPS will not print on queue ``name`` now ("disabled", "rejecting"), or None.

    None also when CUPS cannot be asked (no lpstat, Windows): then Qt's state decides.
    """
    if not sys.platform.startswith(("linux", "darwin", "freebsd")):
        return None
    status = _lpstat("-p", name)
    if status is not None and f"printer {name} disabled" in status:
        return "disabled"
    accepting = _lpstat("-a", name)
    if accepting is not None and "not accepting" in accepting:
        return "rejecting"
    return None


def queue_message(name: str) -> str:
    """The queue's own reason, as CUPS keeps it (``cupsdisable -r "kertas habis"``, a
    driver's "Media empty"), or "" when there is none or CUPS cannot be asked."""
    status = _lpstat("-p", name)
    if not status:
        return ""
    said = [ln.strip() for ln in status.splitlines()[1:] if ln[:1].isspace() and ln.strip()]
    return "; ".join(x for x in said if x.casefold() not in ("reason unknown", "paused"))[:200]


def check_printer(name: str | None) -> QPrinterInfo:
    """The queue to print on, or ``PrinterUnavailable`` saying why it cannot be used."""
    if not name:
        name = default_printer()
        if name is None:
            raise PrinterUnavailable(NO_PRINTER)
    info = QPrinterInfo.printerInfo(name)
    if info.isNull() or name not in QPrinterInfo.availablePrinterNames():
        raise PrinterUnavailable(NOT_FOUND, printer=name)
    why = cups_refusal(name)
    # ``said``: the queue's own words, shown beside our message (never inside it: the
    # message is a translated template).
    if why == "disabled":
        raise PrinterUnavailable(DISABLED, printer=name, said=queue_message(name))
    if why == "rejecting":
        raise PrinterUnavailable(REJECTING, printer=name, said=queue_message(name))
    # CUPS reports a stopped queue as an error state too; lpstat above named it better.
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrinterUnavailable(STOPPED, printer=name, said=queue_message(name))
    return info


def print_slip(content: SlipContent, printer: str | None, width_mm: int = 58) -> None:
    """Print one slip on queue ``printer`` (None: the system default), paper ``width_mm``.

    The page is as long as the slip; the origin is the paper's corner (full page), as
    the layout already keeps the printer's unprintable margins free.
    """
    plan = layout_slip(content, width_mm)
    info = check_printer(printer)
    name = info.printerName()
    qp = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    # The job title stays in the spooler's history: no receipt code in it.
    qp.setDocName(JOB_NAME)
    qp.setFullPage(True)
    qp.setColorMode(QPrinter.ColorMode.GrayScale)
    if not qp.setPageSize(page_size(plan)):
        # A driver that only knows its own roll size (say "80 x 297 mm") still prints
        # the slip at the top of its page, if that page is wide enough.
        width = qp.pageLayout().fullRect(QPageLayout.Unit.Millimeter).width()
        if width < width_mm - 1:
            raise PrinterUnavailable(NO_PAPER_SIZE, printer=name, width=width_mm)
    painter = QPainter()
    if not painter.begin(qp):
        raise PrinterUnavailable(REFUSED, printer=name)
    try:
        paint(painter, plan, qp.resolution())
    finally:
        ended = painter.end()
    if not ended or qp.printerState() in (
        QPrinter.PrinterState.Error,
        QPrinter.PrinterState.Aborted,
    ):
        raise PrinterUnavailable(FAILED, printer=name)
