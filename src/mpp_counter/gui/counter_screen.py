"""The clerk's screen: the visit flow on the left, today's list on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ..domain.catalog import Campaign, Service
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

    def reload_catalog(self) -> None:
        """After a sync or an enrolment: the services and campaign the store holds now,
        without a relock (the store dropped its caches when they changed)."""
        self.worker.op(self, lambda s: (s.services(), s.campaign())).success(self._catalog) \
            .run()

    def _catalog(self, sc: tuple[tuple[Service, ...], Campaign]) -> None:
        flow = self.flow
        if sc == (flow.services, flow.campaign):
            return  # unchanged: the list under the clerk's keys stays as it is
        item = flow.list.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        flow.set_catalog(*sc)
        for row in range(flow.list.count()):  # keep the clerk's choice where it still exists
            if flow.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                flow.list.setCurrentRow(row)
