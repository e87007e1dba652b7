"""A slip that did not print: a banner in the window, never a box in the clerk's way.

The visit is saved before anything prints, so a printer problem must not stop the queue.
The banner says why (the printer's own words when it gives them, e.g. CUPS's "Media
empty"), offers Retry and "save as PDF", and shows the slip's QR and receipt code large
enough for the citizen to photograph. A later failure replaces it (never stacked);
the slip picture goes as soon as the next visit starts, so the next citizen never sees
the previous one's receipt.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.slip_content import SlipContent

QR_PIXELS = 220  # on screen: large enough for a phone camera at arm's length


class PrintBanner(QFrame):
    retry = Signal(object)  # SlipContent
    save_pdf = Signal(object)  # SlipContent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_banner")
        self.setStyleSheet("#print_banner { background: #fff4e5; border: 2px solid #e08a00; }")
        self.content: SlipContent | None = None
        self.reason = QLabel()
        self.reason.setObjectName("print_banner_reason")
        self.reason.setWordWrap(True)
        self.reason.setMinimumWidth(300)
        self.slip = QLabel()
        self.slip.setObjectName("print_banner_slip")
        self.slip.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.code = QLabel()  # the receipt code and the masked number, beside the QR
        self.code.setObjectName("print_banner_code")
        f = self.code.font()
        f.setPointSize(f.pointSize() + 6)
        f.setBold(True)
        self.code.setFont(f)
        self.retry_button = QPushButton(self.tr("Retry printing"))
        self.retry_button.setObjectName("print_banner_retry")
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.setObjectName("print_banner_pdf")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("print_banner_close")
        for b in (self.retry_button, self.pdf_button, close):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay on the visit
        self.retry_button.clicked.connect(lambda: self.content and self.retry.emit(self.content))
        self.pdf_button.clicked.connect(lambda: self.content and self.save_pdf.emit(self.content))
        close.clicked.connect(self.dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        text = QVBoxLayout()
        text.addWidget(self.reason)
        self.hint = QLabel(
            self.tr(
                "Let the citizen photograph the code on the screen, or "
                "retry when the printer is ready."
            )
        )
        self.hint.setWordWrap(True)
        text.addWidget(self.hint)
        text.addLayout(buttons)
        text.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addLayout(text, 1)
        lay.addWidget(self.code)
        lay.addWidget(self.slip)
        self.hide()

    def failed(self, content: SlipContent | None, reason: str, printer_says: str = "") -> None:
        """Show (or replace) the banner for the slip that did not print."""
        text = self.tr("The slip was not printed: {reason}").format(reason=reason)
        if printer_says:
            text += "\n" + self.tr("The printer says: {what}").format(what=printer_says)
        self.reason.setText(text)
        if content is not None:
            self.content = content
            self._show_slip(content)
        self.hint.setVisible(bool(self.code.text()))
        self.retry_button.setEnabled(self.content is not None)
        self.pdf_button.setEnabled(self.content is not None)
        self.show()

    def _show_slip(self, content: SlipContent) -> None:
        """The slip's QR (as printed: same text, same symbol) and its code, large: the
        whole slip would not fit above the visit at 1366×768."""
        self.code.setText(f"{content.receipt}\n{content.phone_masked}")
        self.slip.clear()
        if not content.qr_text:  # no https central known: no QR on the slip, none here
            return
        try:
            from PySide6.QtGui import QImage, QPainter

            from ..slip.qr import make_symbol, paint_symbol
        except ImportError:  # no slip support installed: the code at least
            return
        symbol = make_symbol(content.qr_text, QR_PIXELS)
        image = QImage(symbol.side, symbol.side, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        paint_symbol(painter, symbol, 0, 0)
        painter.end()
        self.slip.setPixmap(QPixmap.fromImage(image))

    def printed(self, content: SlipContent | None) -> None:
        """A slip went out: if it was this one, the banner has done its job."""
        if self.isVisible() and (
            content is None or self.content is None or content.receipt == self.content.receipt
        ):
            self.dismiss()

    def next_visit(self) -> None:
        """The next citizen is at the counter: the previous one's slip leaves the screen."""
        self.slip.clear()
        self.code.clear()
        self.hint.hide()
        if self.isVisible() and self.content is not None:
            self.reason.setText(
                self.tr("The last slip was not printed. Retry, or reprint it from today's list.")
            )

    def dismiss(self) -> None:
        self.hide()
        self.slip.clear()
        self.code.clear()
        self.reason.setText("")
        self.content = None
