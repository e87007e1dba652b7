"""Settings: the counter's identity (in the encrypted store) and the PC's preferences.

MPP, counter, time zone and retention belong to the store (they go on every record, or
apply to its numbers whoever unlocks); printer,
paper, idle lock and language are this PC's and live in ``prefs.json`` because the
unlock screen needs them before any key is known.

The printer list is read again each time the page is shown (and by its button): a printer
plugged in or set up while the program runs appears without a restart. The test print
uses the printer and paper chosen on the page, saved or not, so the administrator can try
before saving.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.errors import MppError
from ...domain.timezones import ZONES
from ...store import retention
from ...store.counter import CounterStore
from ...store.prefs import Prefs
from ..i18n import LANGUAGES
from ..messages import error_text
from ..worker import Background, StoreWorker


class SettingsPage(QWidget):
    prefs_changed = Signal(object)

    def __init__(
        self,
        worker: StoreWorker,
        prefs: Prefs,
        data_dir: Path | None = None,
        background: Background | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.prefs = worker, prefs
        self.data_dir = data_dir
        self.background = background or Background(worker)
        self.mpp_code = QLineEdit()
        self.mpp_code.setObjectName("mpp_code")
        self.mpp_name = QLineEdit()
        self.mpp_name.setObjectName("mpp_name")
        self.counter = QLineEdit()
        self.counter.setObjectName("counter")
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        for iana, abbr in ZONES.items():
            self.zone.addItem(f"{abbr} ({iana})", iana)
        self.retention = QSpinBox()
        self.retention.setObjectName("retention")
        self.retention.setRange(0, retention.MAX_DAYS)
        self.retention.setValue(retention.DEFAULT_DAYS)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setToolTip(
            self.tr(
                "After the central confirmed it received a number, "
                "the counter keeps it sealed this many days more (to "
                "repair a failed sync), then deletes it from the "
                "file."
            )
        )
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer.addItem(self.tr("No printer (slip shown on screen)"), "")
        if prefs.printer:
            self.printer.addItem(prefs.printer, prefs.printer)
            self.printer.setCurrentIndex(1)
        self.refresh_button = QPushButton(self.tr("Refresh list"))
        self.refresh_button.setObjectName("refresh_printers")
        self.refresh_button.clicked.connect(self.load_printers)
        self.test_button = QPushButton(self.tr("Print a test page"))
        self.test_button.setObjectName("test_print")
        self.test_button.clicked.connect(self.test_print)
        self.test_button.setEnabled(data_dir is not None)
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer, 1)
        printer_row.addWidget(self.refresh_button)
        printer_row.addWidget(self.test_button)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem(self.tr("80 mm"), 80)
        self.paper.addItem(self.tr("58 mm"), 58)
        self.paper.setCurrentIndex(max(0, self.paper.findData(prefs.paper_mm)))
        self.idle = QSpinBox()
        self.idle.setObjectName("idle")
        self.idle.setRange(1, 120)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setValue(max(1, round(prefs.idle_seconds / 60)))
        self.citizen = QCheckBox(
            self.tr(
                "Show the notice and the masked number on a second "
                "screen facing the citizen, when there is one"
            )
        )
        self.citizen.setObjectName("citizen_screen")
        self.citizen.setChecked(prefs.citizen_screen)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("<b>This counter</b> (saved in the encrypted store)")))
        form.addRow(self.tr("MPP code"), self.mpp_code)
        form.addRow(self.tr("MPP name"), self.mpp_name)
        form.addRow(self.tr("Counter name"), self.counter)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Delete sent numbers after"), self.retention)
        form.addRow(QLabel(self.tr("<b>This PC</b>")))
        form.addRow(self.tr("Printer"), printer_row)
        form.addRow(self.tr("Paper width"), self.paper)
        form.addRow(self.tr("Lock after idle"), self.idle)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Second screen"), self.citizen)
        form.addRow("", self.save_button)
        form.addRow(self.note)
        self.fixed_note = QLabel()
        self.fixed_note.setObjectName("fixed_note")
        self.fixed_note.setWordWrap(True)
        self.fixed_note.hide()
        form.insertRow(4, self.fixed_note)
        self.reload()
        self.load_printers()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.load_printers()  # each time the page is shown: no restart for a new printer
        # an enrolment made meanwhile locks the counter's identity; other edits stay
        keys = ("mpp_code", "counter", "device_id")
        self.worker.op(self, lambda s: {k: s.setting(k) for k in keys}).success(self._lock).run()

    def reload(self) -> None:
        keys = ("mpp_code", "mpp_name", "counter", "timezone", "device_id", retention.SETTING)
        self.worker.op(self, lambda s: {k: s.setting(k) for k in keys}).success(self._fill).run()

    def load_printers(self) -> None:
        from ..print_jobs import printer_lister

        self.worker.task(self, printer_lister()).success(self._printers).run()

    def _fill(self, values: dict[str, str]) -> None:
        self.mpp_code.setText(values["mpp_code"])
        self.mpp_name.setText(values["mpp_name"])
        self.counter.setText(values["counter"])
        self._lock(values)
        self.zone.setCurrentIndex(max(0, self.zone.findData(values["timezone"])))
        try:
            self.retention.setValue(retention.parse_days(values[retention.SETTING]))
        except MppError:
            self.retention.setValue(retention.DEFAULT_DAYS)  # what the purge uses then too

    def _lock(self, values: dict[str, str]) -> None:
        """Once enrolled, the MPP code and counter name are the central's (set_settings)."""
        enrolled = bool(values["device_id"])
        for field, key in ((self.mpp_code, "mpp_code"), (self.counter, "counter")):
            if enrolled:
                field.setText(values[key])
            field.setReadOnly(enrolled)
        self.fixed_note.setVisible(enrolled)
        self.fixed_note.setText(
            self.tr(
                "This counter is enrolled at the central: its MPP code and counter name "
                "go on every record and cannot change. A PC that moves to another counter "
                "is set up again there."
            )
        )

    def _printers(self, names: list[str]) -> None:
        """The list as the system has it now; the saved and the chosen printer stay."""
        chosen = self.printer.currentData()
        keep = {"", self.prefs.printer, chosen}
        for i in reversed(range(self.printer.count())):
            if self.printer.itemData(i) not in keep and self.printer.itemData(i) not in names:
                self.printer.removeItem(i)
        for n in names:
            if self.printer.findData(n) < 0:
                self.printer.addItem(n, n)
        self.printer.setCurrentIndex(max(0, self.printer.findData(chosen)))

    def test_print(self) -> None:
        """One short page on the printer and paper chosen here, without blocking."""
        from ..print_jobs import print_test_page

        if self.data_dir is None:
            return
        prefs = self.prefs.with_(
            printer=self.printer.currentData(), paper_mm=self.paper.currentData()
        )
        lines = (
            self.tr("MPP Counter: test print"),
            f"{self.mpp_name.text()} · {self.counter.text()}",
            f"{datetime.now():%d-%m-%Y %H.%M}",
        )
        job = print_test_page(prefs, self.data_dir, lines)
        self.test_button.setEnabled(False)
        self.note.setText(self.tr("Printing a test page…"))

        def ok(where: str) -> None:
            self.test_button.setEnabled(True)
            self.note.setText(self.tr("Test page sent to {where}.").format(where=where))

        def err(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.note.setText(error_text(exc))

        self.background.run(job, ok, err)

    def save(self) -> None:
        values = {
            "mpp_code": self.mpp_code.text().strip(),
            "mpp_name": self.mpp_name.text().strip(),
            "counter": self.counter.text().strip(),
            "timezone": self.zone.currentData(),
        }
        if not all(values.values()):
            self.note.setText(self.tr("Fill in the MPP code, the MPP name and the counter."))
            return
        try:
            values[retention.SETTING] = str(retention.parse_days(self.retention.cleanText()))
        except MppError as exc:
            self.note.setText(error_text(exc))
            return
        prefs = self.prefs.with_(
            printer=self.printer.currentData(),
            paper_mm=self.paper.currentData(),
            idle_seconds=self.idle.value() * 60,
            citizen_screen=self.citizen.isChecked(),
            language=self.language.currentData(),
        )

        def store(s: CounterStore) -> int:
            changed = {k: v for k, v in values.items() if s.setting(k) != v}
            if changed:
                s.set_settings(changed)
            return s.retention.purge()  # a shorter period applies at once

        def done(purged: int) -> None:
            self.note.setText(
                self.tr("Settings saved.")
                if not purged
                else self.tr(
                    "Settings saved. {n} sealed numbers past the retention period were deleted."
                ).format(n=purged)
            )
            self.prefs = prefs
            self.prefs_changed.emit(prefs)

        self.worker.op(self, store).success(done).failure(
            lambda e: self.note.setText(error_text(e))
        ).run()
