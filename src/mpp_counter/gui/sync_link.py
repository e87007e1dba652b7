"""Background sync in the window: the sync thread works, the status bar hears about it.

``sync.worker.BackgroundSync`` owns its thread and does the HTTP there; its short store
steps go to the StoreWorker's thread through ``StoreWorker.call``; its events cross to
the GUI thread through a queued Qt signal. So neither the GUI nor the store thread ever
waits on the network, and a locked counter simply has nothing to send until unlocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from .worker import StoreWorker

if TYPE_CHECKING:
    from ..sync.worker import BackgroundSync


class SyncLink(QObject):
    event = Signal(object)  # a sync.worker.SyncEvent, delivered on the GUI thread
    _arrived = Signal(object)  # emitted on the sync thread; queued to this object's thread

    def __init__(self, worker: StoreWorker, parent: QObject | None = None, **options: Any) -> None:
        super().__init__(parent)
        from ..sync.worker import BackgroundSync  # HTTP code: loaded after the first unlock

        self._arrived.connect(self._deliver)
        self.sync: BackgroundSync = BackgroundSync(worker.call, self._arrived.emit, **options)

    @Slot(object)
    def _deliver(self, event: object) -> None:
        self.event.emit(event)

    def start(self) -> None:
        self.sync.start()

    def nudge(self) -> None:
        """Sync now rather than at the next interval (a visit was saved, or an unlock)."""
        self.sync.sync_now()

    def stop(self) -> None:
        """At close: ask the loop to end; a pass in flight ends on its own (daemon thread)."""
        self.sync.stop(timeout_s=1.0)
