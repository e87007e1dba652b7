"""The wizard's last page: the central's address and the one-time code, or "later".

Its Finish makes the store (``SetupWizard.create``); the enrolment follows off the GUI
thread. Only what can be known without the network is checked here: an address that is
not https:// (or http:// to this PC), a code that cannot be one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QProgressBar

from ..domain.errors import MppError
from .admin.enrolment import check_input
from .messages import error_text
from .wizard_base import WizardFormPage, line_edit


class CentralPage(WizardFormPage):
    """The central's address and the one-time code, or "later"; Finish makes the store."""

    def __init__(self) -> None:
        super().__init__(
            self.tr("Central office"),
            self.tr(
                "Enrol this counter at the central with the address and the "
                "one-time code the central office gave you, or do it later "
                "on the administrator screen."
            ),
        )
        self.address = line_edit("central_address", max_len=200)
        self.address.setPlaceholderText("https://")
        self.code = line_edit("enrol_code", max_len=40)
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        self.later = QCheckBox(
            self.tr("&Later: enrol on the administrator screen when the code arrives")
        )
        self.later.setObjectName("later")
        self.later.toggled.connect(self._later)
        self.form.addRow(self.tr("Central address"), self.address)
        self.form.addRow(self.tr("Enrolment code"), self.code)
        self.form.addRow("", self.later)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.form.addRow(self.busy)
        self.finish_form()

    def _later(self, later: bool) -> None:
        for e in (self.address, self.code):
            e.setEnabled(not later)
        self.error.setText("")

    def wanted(self) -> tuple[str, str] | None:
        """(address, code) to enrol with, or None for later."""
        if self.later.isChecked():
            return None
        return self.address.text().strip(), self.code.text().strip()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        wiz: Any = self.wizard()  # the SetupWizard (imported from here: no cycle)
        if wiz.store_made:
            return True
        wanted = self.wanted()
        if wanted is not None:
            if not any(wanted):
                return self.refuse(
                    self.tr("Enter the central's address and the enrolment code, or choose Later.")
                )
            try:
                check_input(*wanted)
            except MppError as exc:
                return self.refuse(error_text(exc))
        wiz.create()
        return False
