"""Withdraw by number, for a citizen who lost the slip (and with it the receipt code).

The counter cannot look the number up (it keeps numbers only sealed to the campaign key),
so the withdrawal is itself sealed and queued; the central matches it at export. The field
checks the number as it is typed with the same rules as a visit and shows only the masked
form; the confirmation names only that. When the dialog closes, by success or by Esc, the
field is emptied and the dialog deleted, so no widget keeps the full number.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain import phone as phone_rules
from ..domain.errors import MppError
from .messages import error_text
from .worker import StoreWorker

RED, GREEN, GREY = "color: #b00020;", "color: #1b5e20;", "color: #444;"


class WithdrawByNumberDialog(QDialog):
    withdrawn = Signal(str, object)  # masked number, time (aware datetime) of the withdrawal

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setObjectName("withdraw_number")
        self.setWindowTitle(self.tr("Withdraw consent by number"))
        intro = QLabel(self.tr("The citizen lost the slip? Type the mobile number the consent "
                               "was given with. Every consent with this number is withdrawn "
                               "at the central after the next sync; the number is not used "
                               "for the survey."))
        intro.setWordWrap(True)
        self.phone = QLineEdit()
        self.phone.setObjectName("withdraw_phone")
        self.phone.setPlaceholderText("08…")
        self.phone.setMaxLength(phone_rules.MAX_INPUT)
        self.phone.textChanged.connect(self.check)
        self.state = QLabel()
        self.state.setObjectName("withdraw_phone_state")
        self.state.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Withdraw…"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("withdraw_number_ok")
        self.ok.setDefault(True)  # Enter in the field asks for the confirmation
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.ask_confirm)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.phone)
        lay.addWidget(self.state)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.check()

    def check(self) -> str | None:
        """The masked form when the number is usable; else None, and the state says why."""
        text = self.phone.text()
        masked = None
        if not text.strip():
            self.state.setStyleSheet(GREY)
            self.state.setText(self.tr("Type the number, e.g. 0812…"))
        else:
            try:
                masked = phone_rules.mask(phone_rules.normalize(text))
            except MppError as exc:
                self.state.setStyleSheet(RED)
                self.state.setText(error_text(exc))
            else:
                self.state.setStyleSheet(GREEN)
                self.state.setText(self.tr("✓ {masked}").format(masked=masked))
        self.ok.setEnabled(masked is not None)
        return masked

    def ask_confirm(self) -> None:
        masked = self.check()
        if masked is None or not self.phone.isEnabled():
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Withdraw consent"),
                          self.tr("Withdraw every consent given with {masked}? The number will "
                                  "not be used for the survey.").format(masked=masked),
                          parent=self)
        box.setObjectName("confirm_withdraw_number")
        yes = box.addButton(self.tr("Withdraw"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self._withdraw(masked) if b is yes else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _withdraw(self, masked: str) -> None:
        phone = self.phone.text()
        self._busy(True)

        def saved(at: datetime) -> None:
            self.withdrawn.emit(masked, at)
            self.accept()

        def failed(exc: BaseException) -> None:  # the number stays in the field, to retry
            self._busy(False)
            self.state.setStyleSheet(RED)
            self.state.setText(error_text(exc))
        self.worker.op(self, lambda s: s.withdraw_number(phone)).success(saved) \
            .failure(failed).run()

    def _busy(self, busy: bool) -> None:
        self.phone.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self.state.setStyleSheet(GREY)
            self.state.setText(self.tr("Saving…"))

    def reject(self) -> None:
        if self.phone.isEnabled():  # not while the withdrawal is being written
            super().reject()

    def done(self, result: int) -> None:  # accept, reject and Esc all end here
        self.phone.clear()
        self.state.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.phone.clear()
        super().closeEvent(event)
