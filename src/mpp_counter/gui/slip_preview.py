"""The slip as the citizen will get it, before it is printed or saved as a PDF.

Opened for a reprint from today's list, and offered when the printer failed: "save as
PDF" is the fallback when no printer works (the PDF can be printed elsewhere or shown on
a phone). The picture is painted by ``slip/`` exactly as the printer gets it.

The file dialog is Qt's own (not the system's, whose language we do not control) with
every label set here, so it speaks the interface's language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.slip_content import SlipContent

PREVIEW_DPI = 150  # about screen size for a 58/80 mm roll


class SlipPreview(QDialog):
    print_requested = Signal(object)  # SlipContent
    pdf_requested = Signal(object, str)  # SlipContent, path

    def __init__(
        self,
        content: SlipContent,
        width_mm: int,
        default_dir: Path,
        parent: QWidget | None = None,
        *,
        can_print: bool = True,
    ) -> None:
        super().__init__(parent)
        from ..slip.render import render_image

        self.content = content
        self.default_dir = default_dir
        self.setObjectName("slip_preview")
        self.setWindowTitle(self.tr("Slip {code}").format(code=content.receipt))
        picture = QLabel()
        picture.setObjectName("slip_picture")
        picture.setPixmap(QPixmap.fromImage(render_image(content, width_mm, PREVIEW_DPI)))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(picture)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            self.tr("Print"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("preview_print")
        self.pdf_button = buttons.addButton(
            self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button.setObjectName("preview_pdf")
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self._print)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        close.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.resize(picture.pixmap().width() + 60, 640)
        self.print_button.setDefault(can_print)
        self.print_button.setVisible(can_print)  # no printer set: shown, saved on purpose

    def _print(self) -> None:
        self.print_requested.emit(self.content)
        self.accept()

    def ask_pdf_path(self) -> None:
        ask_pdf_path(self, self.content, self.default_dir, self.save_pdf)

    def save_pdf(self, path: str) -> None:
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.pdf_requested.emit(self.content, path)
        self.accept()


class PdfFileDialog(QFileDialog):
    """Qt's non-native save dialog, its labels in the interface's language."""

    def __init__(self, parent: QWidget | None, suggested: str) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_file_dialog")
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.setWindowTitle(self.tr("Save the slip as PDF"))
        self.setNameFilter(self.tr("PDF files (*.pdf)"))
        self.setDefaultSuffix("pdf")
        labels = {
            QFileDialog.DialogLabel.LookIn: self.tr("Folder:"),
            QFileDialog.DialogLabel.FileName: self.tr("File name:"),
            QFileDialog.DialogLabel.FileType: self.tr("File type:"),
            QFileDialog.DialogLabel.Accept: self.tr("Save"),
            QFileDialog.DialogLabel.Reject: self.tr("Cancel"),
        }
        for which, text in labels.items():
            self.setLabelText(which, text)
        self.selectFile(suggested)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def ask_pdf_path(
    parent: QWidget | None, content: SlipContent, default_dir: Path, done: Callable[[str], None]
) -> PdfFileDialog:
    """Open the save dialog (not blocking); ``done(path)`` when a file is chosen."""
    suggested = str(default_dir / f"struk-{content.receipt}.pdf")
    dialog = PdfFileDialog(parent, suggested)
    dialog.fileSelected.connect(lambda path: path and done(path))
    dialog.open()
    return dialog
