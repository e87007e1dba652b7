"""First run: a short wizard that makes the store, the first clerk, the printer choice
and, when the central's address and a one-time code are at hand, the enrolment.

Nothing touches the disk until the last page's Finish: the store is created (and the
first clerk added) in one worker call, so Cancel at any point leaves nothing half-made.
Enrolment follows, off the GUI thread; if it fails, the store stays made, the reason is
shown in one sentence, and the administrator enrols later on the administrator screen.
The wizard ends on the unlock screen; the administrator's session it opened is closed.

The pages that take a secret are in gui/wizard_secrets.py, the central's in
gui/wizard_central.py; this module keeps the counter and printer pages and the wizard.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
    QWizard,
)

from ..domain.timezones import ZONES
from ..store.counter import CounterStore
from ..store.prefs import Prefs
from .messages import error_text
from .wizard_base import WizardFormPage as _Page
from .wizard_base import line_edit as _edit
from .wizard_central import CentralPage
from .wizard_secrets import AdminPage, ClerkPage
from .worker import Background, StoreWorker


class CounterPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            self.tr("This counter"),
            self.tr("Which MPP and counter this PC serves, and its time zone."),
        )
        self.mpp_code = _edit("mpp_code", max_len=30)
        self.mpp_name = _edit("mpp_name")
        self.counter = _edit("counter", max_len=60)
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        for iana, abbr in ZONES.items():
            self.zone.addItem(f"{abbr} ({iana})", iana)
        self.form.addRow(self.tr("MPP code"), self.mpp_code)
        self.form.addRow(self.tr("MPP name"), self.mpp_name)
        self.form.addRow(self.tr("Counter name"), self.counter)
        self.form.addRow(self.tr("Time zone"), self.zone)
        self.finish_form()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if not all(e.text().strip() for e in (self.mpp_code, self.mpp_name, self.counter)):
            return self.refuse(self.tr("Fill in the MPP code, the MPP name and the counter."))
        return True


class PrinterPage(_Page):
    def __init__(self, worker: StoreWorker, prefs: Prefs) -> None:
        super().__init__(
            self.tr("Slip printer"),
            self.tr(
                "The receipt printer and its paper. Without a printer the slip is shown on screen."
            ),
        )
        self.worker = worker
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem(self.tr("80 mm"), 80)
        self.paper.addItem(self.tr("58 mm"), 58)
        self.paper.setCurrentIndex(self.paper.findData(prefs.paper_mm))
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer.addItem(self.tr("No printer (slip shown on screen)"), "")
        self.form.addRow(self.tr("Paper width"), self.paper)
        self.form.addRow(self.tr("Printer"), self.printer)
        self.finish_form()
        from .print_jobs import printer_lister

        worker.task(self, printer_lister()).success(self._printers).run()

    def _printers(self, names: list[str]) -> None:
        for n in names:
            self.printer.addItem(n, n)


class SetupWizard(QWizard):
    created = Signal(object)  # the Prefs chosen
    note = Signal(str)  # how the enrolment went, for the status bar

    def __init__(
        self,
        worker: StoreWorker,
        data_dir: Path,
        prefs: Prefs,
        parent: QWidget | None = None,
        background: Background | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.data_dir, self.prefs = worker, data_dir, prefs
        self.background = background or Background(worker)
        self.store_made = False
        self.setWindowTitle(self.tr("Set up this counter"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for which, text in (
            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
            (QWizard.WizardButton.BackButton, self.tr("< &Back")),
            (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(which, text)
        self.counter_page = CounterPage()
        self.admin_page = AdminPage()
        self.clerk_page = ClerkPage(worker)
        self.printer_page = PrinterPage(worker, prefs)
        self.central_page = CentralPage()
        for p in (
            self.counter_page,
            self.admin_page,
            self.clerk_page,
            self.printer_page,
            self.central_page,
        ):
            self.addPage(p)

    def create(self) -> None:
        """Make the store and the first clerk in one worker call (two key derivations)."""
        c, a, k, p = self.counter_page, self.admin_page, self.clerk_page, self.printer_page
        last = self.central_page
        values = dict(
            mpp_code=c.mpp_code.text().strip(),
            mpp_name=c.mpp_name.text().strip(),
            counter=c.counter.text().strip(),
            zone=c.zone.currentData(),
            passphrase=a.pass1.text(),
        )
        clerk, pin, d = k.name.text().strip(), k.pin1.text(), self.data_dir
        self.prefs = self.prefs.with_(
            paper_mm=p.paper.currentData(), printer=p.printer.currentData()
        )

        def make() -> CounterStore:
            store = CounterStore.create(d, **values)
            try:
                store.add_clerk(clerk, pin)
            except Exception:
                store.close()
                raise
            return store

        last.busy.show()
        last.error.setText(self.tr("Creating the encrypted store…"))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.worker.open_op(self, make).success(self._created).failure(self._failed).run()

    def _created(self, _store: CounterStore) -> None:
        self.store_made = True
        for page in (self.admin_page, self.clerk_page):
            for e in page.findChildren(QLineEdit):
                e.setText("")  # as fields.wipe: clear() is undoable, setText empties the history
        wanted = self.central_page.wanted()
        if wanted is None:
            self.note.emit(
                self.tr(
                    "Not enrolled at the central yet: the administrator can "
                    "enrol this counter on the administrator screen."
                )
            )
            self.created.emit(self.prefs)
            return
        from .admin.enrolment import run_enrolment

        self.central_page.error.setText(self.tr("Enrolling at the central…"))
        run_enrolment(
            self, self.worker, self.background, *wanted, self._enrolled, self._not_enrolled
        )

    def _enrolled(self, result: object) -> None:
        self.central_page.code.setText("")  # spent; setText leaves no undo step
        self.note.emit(self.tr("Enrolled at the central."))
        self.created.emit(self.prefs)

    def _not_enrolled(self, exc: BaseException) -> None:
        """The store is made all the same: say why in one sentence, then carry on."""
        page = self.central_page
        page.busy.hide()
        page.code.setText("")
        text = self.tr(
            "The counter is set up but not enrolled at the central: {reason} The "
            "administrator can enrol it later on the administrator screen."
        ).format(reason=error_text(exc))
        page.error.setText(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not enrolled yet"), text, parent=self)
        box.setObjectName("enrol_failed")
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.finished.connect(lambda _r: self.created.emit(self.prefs))
        box.open()

    def _failed(self, exc: BaseException) -> None:
        p = self.central_page
        p.busy.hide()
        p.error.setText("")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("The store was not created"),
            error_text(exc),
            parent=self,
        )
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.open()
