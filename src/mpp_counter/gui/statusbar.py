"""The status bar: who is working, whether the store is fine, what waits to be sent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ..domain.records import StoreStatus
from ..domain.timezones import format_id


class CounterStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.user = QLabel()
        self.store = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        self.printer = QLabel()
        for w in (self.user, self.store, self.pending, self.last_sync, self.printer):
            w.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(w)
        self.show_locked()

    def show_locked(self) -> None:
        self.user.setText(self.tr("Locked"))
        for w in (self.store, self.pending, self.last_sync):
            w.clear()

    def show_user(self, role: str, name: str) -> None:
        self.user.setText(self.tr("Administrator") if role == "admin"
                          else self.tr("Clerk: {name}").format(name=name))

    def show_status(self, st: StoreStatus) -> None:
        self.store.setText(self.tr("Store OK") if not st.rejected
                           else self.tr("Store OK, {n} rejected by central").format(n=st.rejected))
        self.pending.setText(self.tr("Not yet sent: {n}").format(n=st.pending))
        when = format_id(st.last_sync, st.timezone) if st.last_sync else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: {when}").format(when=when))

    def show_store_error(self, text: str) -> None:
        self.store.setText(self.tr("Store problem: {text}").format(text=text))

    def show_printer(self, printer: str, ok: bool | None = None) -> None:
        name = printer or self.tr("PDF only")
        if ok is False:
            self.printer.setText(self.tr("Printer: {name} (failed)").format(name=name))
        else:
            self.printer.setText(self.tr("Printer: {name}").format(name=name))
