"""The status bar: who is working, whether the store is fine, what waits to be sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from .messages import error_text

if TYPE_CHECKING:
    from ..domain.records import StoreStatus
    from ..sync.worker import SyncEvent

RED = "color: #b00020;"


class CounterStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.user = QLabel()
        self.store = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        self.sync = QLabel()
        self.sync.setObjectName("sync_state")
        self.printer = QLabel()
        self.enrolled: bool | None = None  # as the store last said; None while locked
        for w in (self.user, self.store, self.pending, self.last_sync, self.sync, self.printer):
            w.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(w)
        self.show_locked()

    def show_locked(self) -> None:
        self.user.setText(self.tr("Locked"))
        self.enrolled = None
        for w in (self.store, self.pending, self.last_sync, self.sync):
            w.clear()

    def show_user(self, role: str, name: str) -> None:
        self.user.setText(
            self.tr("Administrator")
            if role == "admin"
            else self.tr("Clerk: {name}").format(name=name)
        )

    def show_status(self, st: StoreStatus) -> None:
        from ..domain.timezones import format_id  # zoneinfo: after the unlock, not at start

        self.store.setText(
            self.tr("Store OK")
            if not st.rejected
            else self.tr("Store OK, {n} rejected by central").format(n=st.rejected)
        )
        # Rejected records are kept, never dropped: the administrator has to look at them.
        self.store.setStyleSheet(RED if st.rejected else "")
        self.store.setToolTip(
            self.tr(
                "The central refused some records. They are kept, not lost; tell the administrator."
            )
            if st.rejected
            else ""
        )
        if st.sealing_stopped:  # store/key_pin.py: consents are refused until re-enrolment
            self.store.setText(self.tr("Numbers not saved: survey key differs from the central's"))
            self.store.setStyleSheet(RED)
            self.store.setToolTip(
                self.tr(
                    "The survey key in use is not the central's. "
                    "Consents cannot be saved until the administrator "
                    "enrols this counter again."
                )
            )
        self.pending.setText(self.tr("Not yet sent: {n}").format(n=st.pending_visits))
        when = format_id(st.last_sync, st.timezone) if st.last_sync else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: {when}").format(when=when))
        self.show_enrolled(st.enrolled)

    def show_enrolled(self, enrolled: bool) -> None:
        """Not enrolled: said plainly, until the store says otherwise (no relock needed)."""
        was, self.enrolled = self.enrolled, enrolled
        if not enrolled:
            self._not_enrolled()
        elif was is False:  # just enrolled: the sync's next event says more
            self.sync.setText(self.tr("Enrolled: connecting…"))
            self.sync.setStyleSheet("")
            self.sync.setToolTip("")

    def _not_enrolled(self) -> None:
        self.sync.setText(self.tr("Not enrolled at the central"))
        self.sync.setStyleSheet(RED)
        self.sync.setToolTip(
            self.tr(
                "Visits are recorded and kept here. The administrator "
                "enrols this counter on the administrator screen "
                "(Enrolment tab) with the central's one-time code."
            )
        )

    def show_sync(self, event: SyncEvent) -> None:
        """One short word on what the background sync is doing; the reason as a tooltip."""
        kind = event.kind.value
        if kind == "not_enrolled":
            self._not_enrolled()
            return
        texts = {
            "offline": self.tr("Offline: will retry"),
            "online": self.tr("Online"),
            "syncing": self.tr("Sending…"),
            "synced": self.tr("Online"),
            "failed": self.tr("Sending failed: will retry"),
            "revoked": self.tr("Refused by central: enrol again"),
        }
        if kind not in texts:  # store_unavailable: locked, nothing to say
            return
        self.sync.setText(texts[kind])
        self.sync.setStyleSheet(RED if kind == "revoked" else "")
        self.sync.setToolTip(sync_reason(event))

    def show_store_error(self, text: str) -> None:
        self.store.setText(self.tr("Store problem: {text}").format(text=text))

    def show_printer(self, printer: str, ok: bool | None = None) -> None:
        name = printer or self.tr("none, slip on screen")
        if ok is False:
            self.printer.setText(self.tr("Printer: {name} (failed)").format(name=name))
        else:
            self.printer.setText(self.tr("Printer: {name}").format(name=name))


def sync_reason(event: SyncEvent) -> str:
    """Why, in the clerk's language: the event's error object, translated here (the sync
    thread's English ``message`` is for logs). A failure that is no MppError (a bug) has
    only a class name as message: it gets the generic "something went wrong"."""
    if event.error is not None:
        return error_text(event.error)
    return error_text(RuntimeError()) if event.message else ""
