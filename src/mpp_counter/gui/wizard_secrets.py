"""The first-run wizard's pages that take a secret: the administrator passphrase and the
first clerk's name and PIN.

They only check what is typed (the store's own rules, store.keys.check_pin) and hold it
until the wizard's Finish; the wizard (gui/wizard.py) empties them once the store is
made. Which PIN rule holds depends on the OS's protected key storage, asked on the worker
when the clerk's page shows, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel

from ..domain.errors import BadInput
from ..store import keys, os_secret
from .messages import error_text
from .wizard_base import WizardFormPage as _Page
from .wizard_base import line_edit as _edit
from .worker import StoreWorker

CHECKING = QT_TRANSLATE_NOOP("ClerkPage", "Checking this PC's protected key storage…")


def strength(passphrase: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: a hint only, the store enforces 10+ chars."""
    if len(passphrase) < 10:
        return 0
    kinds = sum(
        any(f(c) for c in passphrase)
        for f in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len(passphrase.split())
    score = 1 + (len(passphrase) >= 14) + (kinds >= 3 or words >= 4)
    return min(3, score)


class AdminPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Administrator passphrase"),
            self.tr(
                "It opens the administrator screens and recovers the store "
                "if every PIN is lost. Keep it somewhere safe."
            ),
        )
        self.pass1 = _edit("passphrase", True, 200)
        self.pass2 = _edit("passphrase2", True, 200)
        self.hint = QLabel()
        self.hint.setObjectName("strength")
        self.pass1.textChanged.connect(self._hint)
        self.form.addRow(self.tr("Passphrase"), self.pass1)
        self.form.addRow(self.tr("Again"), self.pass2)
        self.form.addRow(self.tr("Strength"), self.hint)
        self.finish_form()
        self._hint()

    def _hint(self) -> None:
        s = strength(self.pass1.text())
        texts = (
            self.tr("too short (at least 10 characters)"),
            self.tr("weak"),
            self.tr("fair"),
            self.tr("strong"),
        )
        colours = ("#b00020", "#b35c00", "#7a7a00", "#1b5e20")
        self.hint.setText(texts[s])
        self.hint.setStyleSheet(f"color: {colours[s]};")

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            keys.check_pin(self.pass1.text(), "admin")
        except BadInput as exc:
            return self.refuse(error_text(exc))
        if self.pass1.text() != self.pass2.text():
            return self.refuse(self.tr("The two passphrases are not the same."))
        return True


class ClerkPage(_Page):
    def __init__(self, worker: StoreWorker | None = None) -> None:
        super().__init__(
            self.tr("First clerk"),
            self.tr(
                "The clerk unlocks the counter with this name and PIN. "
                "More clerks can be added later."
            ),
        )
        self.name = _edit("clerk_name", max_len=60)
        self.pin1 = _edit("pin", True, 32)
        self.pin2 = _edit("pin2", True, 32)
        self.rule = QLabel(self.tr(CHECKING))
        self.rule.setObjectName("pin_rule")
        self.rule.setWordWrap(True)
        self.form.addRow(self.tr("Clerk's name"), self.name)
        self.form.addRow(self.tr("PIN"), self.pin1)
        self.form.addRow(self.tr("PIN again"), self.pin2)
        self.form.addRow("", self.rule)
        self.finish_form()
        self.worker = worker
        self.os_bound: bool | None = None  # unknown until the worker asked the OS

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        """Which PIN rule holds depends on the OS's protected storage (store.keys.check_pin).
        Asking may start a D-Bus session (seconds without one), so only once this page
        shows, and on the worker, never on the GUI thread."""
        super().initializePage()
        self.rule.setText(self.tr(CHECKING))
        if self.worker is not None and self.os_bound is None:
            # no answer from the OS: the portable rule, which holds everywhere
            self.worker.task(self, lambda: os_secret.available() is not None).success(
                self._rule
            ).failure(lambda _e: self._rule(False)).run()

    def _rule(self, os_bound: bool) -> None:
        self.os_bound = os_bound
        if os_bound:
            self.rule.setText(self.tr("6 digits or more"))
        else:
            self.rule.setText(
                self.tr(
                    "At least {n} characters: this PC has no protected key "
                    "storage, so the PIN alone must resist guessing."
                ).format(n=keys.PORTABLE_PIN_LENGTH)
            )

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        name = self.name.text().strip()
        if not name or not name.isprintable():
            return self.refuse(
                error_text(BadInput("A clerk name must be 1 to 60 printable characters."))
            )
        if self.worker is None:  # a page on its own (tests): no worker to ask on
            self.os_bound = os_secret.available() is not None
        if self.os_bound is None:  # the rule is not known yet: no guess on the GUI thread
            return self.refuse(self.tr(CHECKING))
        try:
            keys.check_pin(self.pin1.text(), "clerk", os_bound=self.os_bound)
        except BadInput as exc:
            return self.refuse(error_text(exc))
        if self.pin1.text() != self.pin2.text():
            return self.refuse(self.tr("The two PINs are not the same."))
        return True
