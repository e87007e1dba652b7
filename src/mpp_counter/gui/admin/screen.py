"""The administrator's screen: clerks, settings, the report and today's list, as tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...store.prefs import Prefs
from ..today import TodayPanel
from ..worker import StoreWorker
from .clerks import ClerksPage
from .report import ReportPage
from .settings import SettingsPage


class AdminScreen(QWidget):
    prefs_changed = Signal(object)
    reprint = Signal(object)
    changed = Signal()

    def __init__(self, worker: StoreWorker, data_dir: Path, prefs: Prefs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.clerks = ClerksPage(worker, data_dir)
        self.settings = SettingsPage(worker, prefs)
        self.report = ReportPage(worker)
        self.today = TodayPanel(worker)
        self.tabs.addTab(self.clerks, self.tr("Clerks"))
        self.tabs.addTab(self.settings, self.tr("Settings"))
        self.tabs.addTab(self.report, self.tr("Report"))
        self.tabs.addTab(self.today, self.tr("Today"))
        self.settings.prefs_changed.connect(self.prefs_changed)
        self.today.reprint.connect(self.reprint)
        self.today.changed.connect(self.changed)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.today.refresh()
