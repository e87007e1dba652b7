"""Clerks: add one (name + PIN twice), remove one, reset a forgotten PIN.

Adding or resetting derives a key (Argon2id), so it runs on the store worker; the PIN
fields are cleared as soon as the call is handed over.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import BadInput
from ...store import keys, os_secret
from ...store.counter import CounterStore
from ..fields import wipe
from ..messages import error_text
from ..worker import StoreWorker


class PinDialog(QDialog):
    """Name (when adding) and a PIN typed twice, checked by the store's own rules."""

    def __init__(
        self, title: str, name: str | None, os_bound: bool | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.os_bound = os_bound  # asked on the worker by the page; None: not known yet
        self.setWindowTitle(title)
        self.name = QLineEdit(name or "")
        self.name.setObjectName("clerk_name")
        self.name.setMaxLength(60)
        self.name.setReadOnly(name is not None)
        self.pin1, self.pin2 = QLineEdit(), QLineEdit()
        for e, n in ((self.pin1, "pin"), (self.pin2, "pin2")):
            e.setObjectName(n)
            e.setEchoMode(QLineEdit.EchoMode.Password)
            e.setMaxLength(32)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Clerk's name"), self.name)
        form.addRow(self.tr("New PIN"), self.pin1)
        form.addRow(self.tr("PIN again"), self.pin2)
        form.addRow(self.error)
        form.addRow(buttons)

    def _check(self) -> None:
        name = self.name.text().strip()
        if not name or not name.isprintable():
            self.error.setText(
                error_text(BadInput("A clerk name must be 1 to 60 printable characters."))
            )
            return
        if self.os_bound is None:  # never a keyring probe on the GUI thread
            self.error.setText(self.tr("Checking this PC's protected key storage…"))
            return
        try:
            keys.check_pin(self.pin1.text(), "clerk", os_bound=self.os_bound)
        except BadInput as exc:
            self.error.setText(error_text(exc))
            return
        if self.pin1.text() != self.pin2.text():
            self.error.setText(self.tr("The two PINs are not the same."))
            return
        self.accept()

    def take_pin(self) -> str:
        """The PIN, once: the fields are wiped (undo history too) as it is handed over."""
        pin = self.pin1.text()
        wipe(self.pin1, self.pin2)
        return pin

    def reject(self) -> None:
        wipe(self.pin1, self.pin2)
        super().reject()


class ClerksPage(QWidget):
    def __init__(self, worker: StoreWorker, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.data_dir = worker, data_dir
        self.list = QListWidget()
        self.list.setObjectName("clerks")
        self.add_button = QPushButton(self.tr("Add clerk…"))
        self.remove_button = QPushButton(self.tr("Remove clerk…"))
        self.reset_button = QPushButton(self.tr("Reset PIN…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.reset_button.clicked.connect(self.reset)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        side = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.reset_button):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Clerks who can unlock this counter:")))
        lay.addLayout(row, 1)
        lay.addWidget(self.note)
        self.os_bound: bool | None = None
        self.refresh()
        # Which PIN rule holds (store.keys.check_pin) depends on the OS's protected storage;
        # asking may take a D-Bus round trip, so on the worker, after the unlock.
        worker.task(self, lambda: os_secret.available() is not None).success(
            lambda b: setattr(self, "os_bound", b)
        ).run()

    def refresh(self) -> None:
        d = self.data_dir
        self.worker.op(self, lambda _s: CounterStore.clerk_names(d)).success(self._fill).run()

    def _fill(self, names: list[str]) -> None:
        self.list.clear()
        self.list.addItems(names)

    def _current(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    def _run(self, fn: Callable[[CounterStore], None], done: str) -> None:
        self.note.setText(self.tr("Working…"))
        self.setEnabled(False)

        def ok(_r: object) -> None:
            self.setEnabled(True)
            self.note.setText(done)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            self.note.setText(error_text(exc))

        self.worker.op(self, fn).success(ok).failure(failed).run()

    def add(self) -> None:
        dlg = PinDialog(self.tr("Add clerk"), None, self.os_bound, self)
        dlg.accepted.connect(lambda: self._add(dlg))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no PIN left in a hidden dialog
        dlg.open()

    def _add(self, dlg: PinDialog) -> None:
        name, pin = dlg.name.text().strip(), dlg.take_pin()
        self._run(
            lambda s: s.add_clerk(name, pin), self.tr("Clerk {name} added.").format(name=name)
        )

    def reset(self) -> None:
        name = self._current()
        if name is None:
            return
        dlg = PinDialog(self.tr("Reset PIN"), name, self.os_bound, self)
        dlg.accepted.connect(lambda: self._reset(name, dlg.take_pin()))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    def _reset(self, name: str, pin: str) -> None:
        self._run(
            lambda s: s.reset_pin(name, pin),
            self.tr("The PIN of {name} was reset.").format(name=name),
        )

    def remove(self) -> None:
        name = self._current()
        if name is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove clerk"),
            self.tr(
                "Remove {name}? Their PIN will no longer open this counter; "
                "the visits they recorded stay."
            ).format(name=name),
            parent=self,
        )
        yes = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(
            lambda b: (
                self._run(
                    lambda s: s.remove_clerk(name),
                    self.tr("Clerk {name} removed.").format(name=name),
                )
                if b is yes
                else None
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.open()
