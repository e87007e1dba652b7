"""What every page of the first-run wizard shares: a form and a line that says why not."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWizardPage


def line_edit(name: str, password: bool = False, max_len: int = 120) -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setMaxLength(max_len)
    if password:
        e.setEchoMode(QLineEdit.EchoMode.Password)
    return e


class WizardFormPage(QWizardPage):
    """A page with an error line that says, in words, why Next does nothing."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")

    def finish_form(self) -> None:
        self.form.addRow(self.error)

    def refuse(self, text: str) -> bool:
        self.error.setText(text)
        return False
