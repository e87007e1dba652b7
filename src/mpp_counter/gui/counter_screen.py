"""The clerk's screen: the visit flow on the left, today's list on the right, and above
them the banner of a slip that did not print.

The keys stay with the visit: whatever closes (a dialog, the banner, Esc in today's
list), ``refocus`` puts them back on the step the clerk was on. The list's shortcuts
(reprint, reprint the last slip, withdraw, F6 for the list) work from anywhere here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ..domain.catalog import Campaign, Service
from .print_banner import PrintBanner
from .service_list import CounterServices
from .today import SHORTCUTS, TodayPanel
from .visit_flow import VisitFlow
from .worker import StoreWorker


class CounterScreen(QWidget):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.flow = VisitFlow(worker)
        self.today = TodayPanel(worker)
        self.banner = PrintBanner()
        row = QHBoxLayout()
        row.addWidget(self.flow, 5)
        row.addWidget(self.today, 6)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(row, 1)
        self.today.done.connect(self.refocus)
        self.flow.started.connect(self.banner.next_visit)
        t = self.today
        for name, slot in (
            ("reprint", t._reprint),
            ("reprint_last", t.reprint_last),
            ("withdraw", t._confirm_withdraw),
            ("withdraw_by_number", t.withdraw_by_number),
            ("list", t.focus_list),
        ):
            sc = QShortcut(QKeySequence(SHORTCUTS[name]), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    def refocus(self) -> None:
        """After a dialog: the window active again and the keys on the visit's step."""
        self.activateWindow()
        self.flow.focus_step()

    def load(self) -> None:
        def read(s):  # type: ignore[no-untyped-def]  # a CounterStore, on the worker
            prefs = CounterServices(s.favourites(), tuple(s.recent_services()), s.counter_agency())
            return s.services(), s.campaign(), prefs

        self.worker.op(self, read).success(
            lambda sc: (self.flow.set_catalog(*sc), self.flow.start())
        ).run()
        self.today.refresh()
        self.flow.start()

    def reload_catalog(self) -> None:
        """After a sync or an enrolment: the services and campaign the store holds now,
        without a relock (the store dropped its caches when they changed)."""
        self.worker.op(self, lambda s: (s.services(), s.campaign())).success(self._catalog).run()

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
