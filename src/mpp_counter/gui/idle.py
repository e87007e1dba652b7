"""Auto-lock: an app-wide event filter that notices when nobody has touched the counter.

A clerk walks away; the next person at the PC must not find the counter unlocked. Any key,
click or wheel anywhere in the application restarts the timer; when it runs out, ``idle``
fires and the window locks (and drops the store key). Mouse *moves* do not count: a
bumped mouse should not keep the counter open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.ShortcutOverride,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app: QApplication, seconds: int) -> None:
        super().__init__(app)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_seconds(seconds)

    def set_seconds(self, seconds: int) -> None:
        self._timer.setInterval(max(1, seconds) * 1000)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        """Watch from now on (after an unlock). The filter sees every event of the program,
        so it is only installed while there is a session to protect."""
        self._app.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        """Nothing to protect while locked."""
        self._timer.stop()
        self._app.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._timer.isActive() and event.type() in _ACTIVITY:
            self._timer.start()
        return False
