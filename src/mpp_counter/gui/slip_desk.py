"""Where a slip goes once there is one to give: the printer, the screen, or a PDF.

After a save the slip is printed (on the background pool, never the store worker); with
no printer set it is shown on screen beside the counter, so no slip (and its QR secret)
lands on disk unless someone saves a PDF on purpose. Reprints open the preview first.
A failed print is never a box: the counter screen's banner (gui/print_banner.py) says
so and offers a retry. The window owns the prefs, the screens and the status bar; this
class reads them from it each time, so a change of printer applies to the next slip.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .messages import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..domain.slip_content import SlipContent
    from .window import MainWindow


class SlipDesk(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._shown: QWidget | None = None  # the slip on screen when no printer is set

    def print_slip(self, content: SlipContent) -> None:
        w = self.window
        if not w.prefs.printer:  # shown on screen: no slip (and its QR secret) on disk
            self.show_slip(content)
            return
        from .print_jobs import prepare

        w.background.run(
            prepare(content, w.prefs, w.data_dir),
            lambda where: self._printed(where, content),
            lambda exc: self._print_failed(exc, content),
        )

    def show_slip(self, content: SlipContent) -> None:
        """No printer: the slip on screen, beside the counter, without taking the keyboard;
        a PDF only if someone saves one on purpose."""
        from PySide6.QtCore import Qt

        from .slip_preview import SlipPreview

        w = self.window
        self.close_shown()
        banner = getattr(w.screen, "banner", None)
        if banner is not None:
            banner.printed(content)  # shown to the citizen: a failed print of it is over
        dialog = SlipPreview(content, w.prefs.paper_mm, Path.home(), w, can_print=False)
        dialog.setObjectName("slip_shown")  # not the reprint preview the clerk acts on
        dialog.pdf_requested.connect(self.save_pdf)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._shown = dialog
        dialog.show()
        w.activateWindow()  # the keyboard stays with the counter (the next citizen)
        w.status.showMessage(self.tr("No printer is set: the slip is shown on screen."), 8000)

    def close_shown(self) -> None:
        """At a lock: the slip on screen goes, its QR secret does not outlive the session."""
        from shiboken6 import isValid

        if self._shown is not None and isValid(self._shown):
            self._shown.close()
        self._shown = None

    def preview(self, content: SlipContent) -> None:
        """Reprints go through the preview: print it, or save it as a PDF instead."""
        from PySide6.QtCore import Qt

        from .slip_preview import SlipPreview

        w = self.window
        dialog = SlipPreview(
            content, w.prefs.paper_mm, Path.home(), w, can_print=bool(w.prefs.printer)
        )
        dialog.print_requested.connect(self.print_slip)
        dialog.pdf_requested.connect(self.save_pdf)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(w.refocus)
        dialog.open()

    def ask_pdf(self, content: SlipContent) -> None:
        from .slip_preview import ask_pdf_path

        w = self.window
        dialog = ask_pdf_path(w, content, Path.home(), lambda path: self.save_pdf(content, path))
        dialog.finished.connect(w.refocus)

    def save_pdf(self, content: SlipContent, path: str) -> None:
        from .print_jobs import prepare

        w = self.window
        w.background.run(
            prepare(content, w.prefs, w.data_dir, pdf=path),
            lambda where: self._printed(where, content),
            lambda exc: self._print_failed(exc, None),
        )

    def _printed(self, where: str, content: SlipContent | None = None) -> None:
        w = self.window
        w.status.show_printer(w.prefs.printer, True)
        banner = getattr(w.screen, "banner", None)
        if banner is not None:
            banner.printed(content)
        shown = Path(where).name if ("/" in where or "\\" in where) else where  # a PDF: its name
        w.status.showMessage(self.tr("Slip sent to {where}").format(where=shown), 8000)

    def _print_failed(self, exc: BaseException, content: SlipContent | None) -> None:
        """Never a box: a banner on the counter screen (gui/print_banner.py)."""
        w = self.window
        w.status.show_printer(w.prefs.printer, False)
        said = str(getattr(exc, "args_map", {}).get("said", ""))
        banner = getattr(w.screen, "banner", None)
        if banner is not None:
            banner.failed(content, error_text(exc), said)
        else:
            w.status.showMessage(error_text(exc), 15000)
