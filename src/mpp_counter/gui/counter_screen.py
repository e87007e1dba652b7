"""The clerk's screen: the visit flow on the left, today's list on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from .today import TodayPanel
from .visit_flow import VisitFlow
from .worker import StoreWorker


class CounterScreen(QWidget):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.flow = VisitFlow(worker)
        self.today = TodayPanel(worker)
        lay = QHBoxLayout(self)
        lay.addWidget(self.flow, 5)
        lay.addWidget(self.today, 6)

    def load(self) -> None:
        self.worker.op(self, lambda s: (s.services(), s.campaign())) \
            .success(lambda sc: (self.flow.set_catalog(*sc), self.flow.start())).run()
        self.today.refresh()
        self.flow.start()
