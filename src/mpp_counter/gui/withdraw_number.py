"""The "slip lost" dialog: withdraw by receipt code and last four digits, or by number.

By code it works at any counter of any MPP: when the consent was taken here it is
withdrawn at once; elsewhere the withdrawal is queued and the central withdraws the one
consent matching the code and the four digits. By number (the citizen has no code) the
counter cannot look the number up (it keeps numbers only sealed to the campaign key), so
the withdrawal is itself sealed and queued; the central matches it at export.

Every field is checked as it is typed with the same rules as the core; the confirmation
names only the code and four digits, or the masked number. When the dialog closes, by
success or by Esc, the fields are emptied with ``setText("")`` (``clear()`` is an edit
that Ctrl+Z brings back) and the dialog deleted, so no widget keeps the full number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import phone as phone_rules
from ..domain import receipt as receipts
from ..domain.errors import MppError
from ..domain.timezones import local
from ..store.withdrawals import ALREADY, ALREADY_QUEUED, Withdrawal, parse_last4
from .messages import error_text
from .worker import StoreWorker

RED, GREEN, GREY = "color: #b00020;", "color: #1b5e20;", "color: #444;"


class WithdrawByNumberDialog(QDialog):
    # what was withdrawn (the code, or the masked number), time (aware datetime)
    withdrawn = Signal(str, object)

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setObjectName("withdraw_number")
        self.setWindowTitle(self.tr("Withdraw consent without the slip"))
        intro = QLabel(
            self.tr(
                "The citizen lost the slip? Withdraw with the receipt code and "
                "the last four digits of the mobile number (it works at any "
                "counter), or with the whole mobile number. The central "
                "withdraws the consent after the next sync; the number is not "
                "used for the survey."
            )
        )
        intro.setWordWrap(True)
        self.by_number = QRadioButton(self.tr("By mobile &number"))
        self.by_number.setObjectName("withdraw_mode_number")
        self.by_code = QRadioButton(self.tr("By receipt &code"))
        self.by_code.setObjectName("withdraw_mode_code")
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.by_number)
        self.modes.addButton(self.by_code)
        self.by_number.setChecked(True)
        self.phone = self._field("withdraw_phone", "08…", phone_rules.MAX_INPUT)
        self.code = self._field("withdraw_code", "ABCD-EFGH-K", 20)
        self.last4 = self._field("withdraw_last4", self.tr("last 4 digits"), 4)
        self.code_row = QWidget()
        row = QHBoxLayout(self.code_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.code, 3)
        row.addWidget(self.last4, 1)
        self.state = QLabel()
        self.state.setObjectName("withdraw_phone_state")
        self.state.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            self.tr("Withdraw…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("withdraw_number_ok")
        self.ok.setDefault(True)  # Enter in a field asks for the confirmation
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.ask_confirm)
        self.buttons.rejected.connect(self.reject)
        self.by_code.toggled.connect(self._mode_changed)
        modes = QHBoxLayout()
        modes.addWidget(self.by_number)
        modes.addWidget(self.by_code)
        lay = QVBoxLayout(self)
        for part in (intro, modes, self.phone, self.code_row, self.state, self.buttons):
            if isinstance(part, QHBoxLayout):
                lay.addLayout(part)
            else:
                lay.addWidget(part)
        self.setMinimumWidth(480)
        self._mode_changed()

    def _field(self, name: str, placeholder: str, length: int) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        field.setMaxLength(length)
        field.textChanged.connect(self.check)
        return field

    def _mode_changed(self) -> None:
        code = self.by_code.isChecked()
        self.phone.setVisible(not code)
        self.code_row.setVisible(code)
        (self.code if code else self.phone).setFocus()
        self.check()

    def _say(self, style: str, text: str) -> None:
        self.state.setStyleSheet(style)
        self.state.setText(text)

    def check(self) -> str | None:
        """What the confirmation will name when the input is usable; else None, and the
        state line says why."""
        label = self._check_code() if self.by_code.isChecked() else self._check_number()
        self.ok.setEnabled(label is not None)
        return label

    def _check_number(self) -> str | None:
        text = self.phone.text()
        if not text.strip():
            self._say(GREY, self.tr("Type the number, e.g. 0812…"))
            return None
        try:
            masked = phone_rules.mask(phone_rules.normalize(text))
        except MppError as exc:
            self._say(RED, error_text(exc))
            return None
        self._say(GREEN, self.tr("✓ {masked}").format(masked=masked))
        return masked

    def _check_code(self) -> str | None:
        if not self.code.text().strip():
            self._say(GREY, self.tr("Type the receipt code from the slip, e.g. ABCD-EFGH-K."))
            return None
        try:
            code = receipts.parse(self.code.text())
        except MppError as exc:
            self._say(RED, error_text(exc))
            return None
        if not self.last4.text().strip():
            self._say(
                GREY,
                self.tr("{code}: now the last four digits of the citizen's mobile number.").format(
                    code=code
                ),
            )
            return None
        try:
            digits = parse_last4(self.last4.text())
        except MppError as exc:
            self._say(RED, error_text(exc))
            return None
        label = self.tr("{code}, number ending in {last4}").format(code=code, last4=digits)
        self._say(GREEN, "✓ " + label)
        return code

    def ask_confirm(self) -> None:
        label = self.check()
        if label is None or not self.buttons.isEnabled():
            return
        if self.by_code.isChecked():
            digits = parse_last4(self.last4.text())
            question = self.tr(
                "Withdraw the consent with receipt {code} given with the number "
                "ending in {last4}? The number will not be used for the "
                "survey."
            ).format(code=label, last4=digits)
            act = self._withdraw_code
        else:
            question = self.tr(
                "Withdraw every consent given with {masked}? The number will "
                "not be used for the survey."
            ).format(masked=label)
            act = self._withdraw_number
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Withdraw consent"), question, parent=self
        )
        box.setObjectName("confirm_withdraw_number")
        yes = box.addButton(self.tr("Withdraw"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: act(label) if b is yes else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _withdraw_number(self, masked: str) -> None:
        phone = self.phone.text()
        self._busy(True)
        self.worker.op(self, lambda s: s.withdraw_number(phone)).success(
            lambda at: self._done(masked, at)
        ).failure(self._failed).run()

    def _withdraw_code(self, code: str) -> None:
        digits = parse_last4(self.last4.text())
        self._busy(True)

        def saved(result: Withdrawal) -> None:
            if result.state in (ALREADY, ALREADY_QUEUED):  # nothing new: say so, stay open
                self._busy(False)
                self._wipe()
                zone = getattr(self.parent(), "zone", None) or "Asia/Jakarta"
                when = f"{local(result.at, zone):%d-%m-%Y %H.%M}"
                self._say(
                    GREY,
                    (
                        self.tr("Receipt {code} was already withdrawn on {time}.")
                        if result.state == ALREADY
                        else self.tr(
                            "The withdrawal of receipt {code} was already recorded "
                            "on {time}; it goes to the central with the next "
                            "sync."
                        )
                    ).format(code=code, time=when),
                )
                self.ok.setEnabled(False)
                return
            self._done(code, result.at)

        self.worker.op(self, lambda s: s.withdraw_code(code, digits)).success(saved).failure(
            self._failed
        ).run()

    def _done(self, label: str, at: object) -> None:
        self.withdrawn.emit(label, at)
        self.accept()

    def _failed(self, exc: BaseException) -> None:  # the input stays, to correct and retry
        self._busy(False)
        self._say(RED, error_text(exc))

    def _busy(self, busy: bool) -> None:
        for w in (self.phone, self.code, self.last4, self.by_code, self.by_number):
            w.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self._say(GREY, self.tr("Saving…"))

    def _wipe(self) -> None:
        """Empty every field without leaving an undo step that would bring it back."""
        for field in (self.phone, self.code, self.last4):
            field.blockSignals(True)
            field.setText("")
            field.blockSignals(False)

    def reject(self) -> None:
        if self.buttons.isEnabled():  # not while the withdrawal is being written
            super().reject()

    def done(self, result: int) -> None:  # accept, reject and Esc all end here
        self._wipe()
        self.state.setText("")
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._wipe()
        super().closeEvent(event)
