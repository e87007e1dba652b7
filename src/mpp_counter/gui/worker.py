"""The one thread that owns the store, and the one-line operations the window runs on it.

SQLCipher connections must stay on one thread and key derivation takes half a second,
so every store call runs on a single-worker executor; the result comes back to the GUI
thread through a queued Qt signal (Anki's CollectionOp pattern). A call site reads::

    self.worker.op(self, lambda s: s.today()).success(self.show_rows).run()

A callback whose parent widget is gone is dropped rather than run on a dead object. An
operation without a ``.failure(...)`` handler is not silent: its error is shown to the user
(``show_failure``: the window's status bar, else a small box), as Anki's showWarning does.
Printing and other slow, store-free work goes to ``background`` (a QThreadPool).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from ..domain.errors import MppError

if TYPE_CHECKING:  # the store (SQLCipher, libsodium, phonenumbers) loads on the worker thread
    from ..store.counter import CounterStore

log = logging.getLogger(__name__)
FAILURE_SHOWN_MS = 15000  # as long as the window's other status-bar messages
KEYS_FILE = "keys.json"  # store.keys.KEYS_FILE; tests/gui/test_start.py keeps the two equal
T = TypeVar("T")


class Locked(MppError):
    msgid = "The counter is locked: unlock it first."


class _Bridge(QObject):
    """Lives on the GUI thread; emitting from the worker queues the call onto it."""

    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._call)  # a slot of a GUI-thread object: a queued connection

    @Slot(object)
    def _call(self, thunk: Callable[[], Any]) -> None:
        thunk()


class StoreWorker:
    """One thread, one store. ``store`` is only touched from inside that thread."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpp-store")
        self._bridge = _Bridge()
        self._store: CounterStore | None = None
        self._seen: Any = None  # store.seen.SeenNumbers, made on the worker at first open
        self.busy = 0  # ops queued or running, for tests and the busy cursor

    # Called on the worker thread only.
    def _get(self) -> CounterStore:
        if self._store is None:
            raise Locked()
        return self._store

    def _set(self, store: CounterStore | None) -> None:
        old, self._store = self._store, store
        if old is not None and old is not store:
            old.close()

    def op(self, parent: QObject | None, fn: Callable[[CounterStore], T]) -> StoreOp[T]:
        """An operation on the unlocked store."""
        return StoreOp(self, parent, lambda: fn(self._get()))

    def open_op(
        self, parent: QObject | None, opener: Callable[[], CounterStore]
    ) -> StoreOp[CounterStore]:
        """Unlock (or create): whatever store ``opener`` returns becomes the worker's."""

        def run() -> CounterStore:
            store = opener()
            if self._seen is None:
                self._seen = store.seen
            store.seen = self._seen  # today's "number already given" tags outlive a lock
            self._set(store)
            return store

        return StoreOp(self, parent, run)

    def task(self, parent: QObject | None, fn: Callable[[], T]) -> StoreOp[T]:
        """Store-free disk work (read keys.json, write prefs) that must not block the GUI."""
        return StoreOp(self, parent, fn)

    def call(self, fn: Callable[[CounterStore], T]) -> T:
        """Run ``fn(store)`` on the store thread and wait for the result. For other worker
        threads (the background sync) only: on the GUI thread it would freeze the window."""
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("StoreWorker.call would block the GUI thread")
        try:
            future = self._pool.submit(lambda: fn(self._get()))
        except RuntimeError:  # shut down: the window is closing
            raise Locked() from None
        return future.result()

    def lock(self) -> None:
        """Close the store on its own thread; the keys are overwritten there (store.close)."""
        self._pool.submit(self._set, None)

    def shutdown(self) -> None:
        self._pool.submit(self._set, None)
        if self._seen is not None:
            self._pool.submit(self._seen.forget)
        self._pool.shutdown(wait=True)

    def _submit(
        self, fn: Callable[[], Any], deliver: Callable[[Any, BaseException | None], None]
    ) -> None:
        self.busy += 1

        def call() -> None:
            try:
                result, error = fn(), None
            except BaseException as exc:  # noqa: BLE001 - every failure goes to the GUI
                result, error = None, exc
            self._bridge.done.emit(lambda: self._finish(deliver, result, error))

        try:
            self._pool.submit(call)
        except RuntimeError:  # shut down: the window is closing, nothing is left to do
            self.busy -= 1

    def _finish(
        self,
        deliver: Callable[[Any, BaseException | None], None],
        result: Any,
        error: BaseException | None,
    ) -> None:
        self.busy -= 1
        deliver(result, error)

    @staticmethod
    def exists(data_dir: Any) -> bool:
        """Whether a store was made in ``data_dir``, without loading the store's code (which
        takes longer than Qt's own start): it is there when its key-slot file is."""
        return (Path(data_dir) / KEYS_FILE).is_file()


class StoreOp(Generic[T]):
    def __init__(self, worker: StoreWorker, parent: QObject | None, fn: Callable[[], T]) -> None:
        self._worker, self._parent, self._fn = worker, parent, fn
        self._ok: Callable[[T], Any] | None = None
        self._err: Callable[[BaseException], Any] | None = None

    def success(self, cb: Callable[[T], Any]) -> StoreOp[T]:
        self._ok = cb
        return self

    def failure(self, cb: Callable[[BaseException], Any]) -> StoreOp[T]:
        self._err = cb
        return self

    def run(self) -> None:
        self._worker._submit(self._fn, self._deliver)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return
        if error is None:
            if self._ok:
                self._ok(result)
        elif self._err:
            self._err(error)
        else:
            log.error("store operation failed: %s", type(error).__name__)
            show_failure(self._parent, error)


def show_failure(parent: QObject | None, error: BaseException) -> None:
    """The default failure display: the error's words (never a traceback) in the status bar
    of the parent's main window, else in a small box over the parent's window that does not
    block the event loop and gives the keys back to that window when closed."""
    from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

    from .messages import error_text

    text = error_text(error)
    top = parent.window() if isinstance(parent, QWidget) else None
    if isinstance(top, QMainWindow):
        top.statusBar().showMessage(text, FAILURE_SHOWN_MS)
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("StoreOp", "Could not do that"),
        text,
        parent=top,
    )
    box.addButton(QCoreApplication.translate("StoreOp", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setObjectName("op_error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
    if top is not None:
        box.finished.connect(lambda _r: top.activateWindow())
    box.open()


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[], Any], deliver: Callable[[Any, BaseException | None], None]
    ) -> None:
        super().__init__()
        self.fn, self.deliver = fn, deliver

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # noqa: BLE001
            result, error = None, exc
        self.deliver(result, error)


class Background:
    """Store-free slow work (printing): a QThreadPool, results back via the same bridge."""

    def __init__(self, worker: StoreWorker) -> None:
        self._bridge = worker._bridge
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one printer queue: slips come out in order

    def run(
        self, fn: Callable[[], T], ok: Callable[[T], Any], err: Callable[[BaseException], Any]
    ) -> None:
        def deliver(result: Any, error: BaseException | None) -> None:
            self._bridge.done.emit(lambda: ok(result) if error is None else err(error))

        self._pool.start(_Job(fn, deliver))

    def wait(self, ms: int = 30000) -> bool:
        return self._pool.waitForDone(ms)
