"""The administrator's screen: clerks, settings, enrolment, the report and today's list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...store.prefs import Prefs
from ..today import TodayPanel
from ..worker import Background, StoreWorker
from .clerks import ClerksPage
from .enrolment import EnrolmentPage
from .report import ReportPage
from .settings import SettingsPage

if TYPE_CHECKING:
    from ...sync.worker import SyncEvent


class AdminScreen(QWidget):
    prefs_changed = Signal(object)
    reprint = Signal(object)
    changed = Signal()
    enrolled = Signal()

    def __init__(
        self,
        worker: StoreWorker,
        data_dir: Path,
        prefs: Prefs,
        background: Background | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.clerks = ClerksPage(worker, data_dir)
        self.settings = SettingsPage(worker, prefs)
        self.enrolment = EnrolmentPage(worker, background or Background(worker))
        self.report = ReportPage(worker)
        self.today = TodayPanel(worker)
        self.tabs.addTab(self.clerks, self.tr("Clerks"))
        self.tabs.addTab(self.settings, self.tr("Settings"))
        self.tabs.addTab(self.enrolment, self.tr("Enrolment"))
        self.tabs.addTab(self.report, self.tr("Report"))
        self.tabs.addTab(self.today, self.tr("Today"))
        self.settings.prefs_changed.connect(self.prefs_changed)
        self.today.reprint.connect(self.reprint)
        self.today.changed.connect(self.changed)
        self.enrolment.enrolled.connect(self.enrolled)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.today.refresh()

    def show_sync(self, event: SyncEvent) -> None:
        self.enrolment.show_sync(event)
