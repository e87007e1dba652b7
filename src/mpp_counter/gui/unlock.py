"""The unlock screen: pick your name, type your PIN, Enter.

Key derivation takes about half a second, so it runs on the store worker while the
screen shows a busy bar. Wrong secrets are counted in ``store.lockout`` (growing delay,
then a lock-out); the countdown here only mirrors what the store will enforce anyway.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import LockedOut, WrongSecret
from .fields import wipe
from .i18n import LANGUAGES
from .messages import error_text
from .worker import StoreWorker

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

ADMIN = "\x00admin"  # the combo's data for the administrator: never a clerk's name


def _centred(widget: QWidget) -> QHBoxLayout:
    """Centred by stretches, not by Qt.AlignmentFlag: the first use of the ``Qt`` namespace
    costs ~10 ms, a tenth of a bare window's start (bench/gui_start.py)."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


class UnlockScreen(QWidget):
    unlocked = Signal(object)  # the CounterStore's session (role, user)
    language_chosen = Signal(str)

    def __init__(
        self, worker: StoreWorker, data_dir: Path, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.worker, self.data_dir = worker, data_dir
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        title = QLabel(self.tr("Unlock the counter"))
        f = QFont(title.font())
        f.setPointSize(f.pointSize() + 8)
        f.setBold(True)
        title.setFont(f)
        self.place = QLabel()  # which MPP and counter: from prefs.json (the store is shut)
        self.place.setObjectName("place")

        self.user = QComboBox()
        self.user.setObjectName("user")
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaxLength(128)
        self.secret.returnPressed.connect(self.try_unlock)
        self.secret_label = QLabel(self.tr("PIN"))
        self.user.currentIndexChanged.connect(self._user_changed)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_unlock)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.lang = QComboBox()
        self.lang.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(language)))
        self.lang.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.lang.currentData())
        )

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.user)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.button)
        form.addRow(self.tr("Language"), self.lang)
        box = QWidget()
        box.setMinimumWidth(480)  # room for a long name and a one-line error
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addLayout(_centred(title))
        inner.addLayout(_centred(self.place))
        inner.addSpacing(16)
        inner.addLayout(form)
        inner.addWidget(self.busy)
        inner.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(_centred(box))
        outer.addStretch(2)
        self._names_asked = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Ask for the names once the screen has been drawn: reading them loads the store's
        code on the worker, and while that import holds the interpreter the first frame
        waits for it (~15 ms under Xvfb, bench/gui_start.py). The PIN field has the focus
        from the start; the names arrive a moment later."""
        super().paintEvent(event)
        if not self._names_asked:
            self._names_asked = True
            QTimer.singleShot(0, self.reload_users)

    def reload_users(self) -> None:
        """Read the clerk names (keys.json, no key derivation) off the GUI thread."""
        d = self.data_dir

        def names() -> tuple[list[str], str]:
            from ..store import prefs as prefs_file
            from ..store.counter import CounterStore  # on the worker: keeps the start light

            return CounterStore.clerk_names(d), prefs_file.load(d)[0].place

        self.worker.task(self, names).success(self._fill_names_place).failure(
            self._show_error
        ).run()

    def _fill_names_place(self, got: tuple[list[str], str]) -> None:
        names, place = got
        self.place.setText(place)  # "MPP Kota Uji · Loket 1": names enough on their own
        self._fill_users(names)

    def _say(self, text: str, error: bool = False) -> None:
        """Progress and hints in the normal colour; only a refusal in red."""
        self.message.setStyleSheet("color: #b00020;" if error else "color: #333;")
        self.message.setText(text)

    def _fill_users(self, names: list[str]) -> None:
        self.user.blockSignals(True)
        self.user.clear()
        for n in names:
            self.user.addItem(n, n)
        self.user.addItem(self.tr("Administrator"), ADMIN)
        self.user.blockSignals(False)
        self._user_changed()
        self.secret.setFocus()

    def _user_changed(self) -> None:
        admin = self.user.currentData() == ADMIN
        self.secret_label.setText(self.tr("Passphrase") if admin else self.tr("PIN"))
        wipe(self.secret)
        self.message.clear()

    def focus(self) -> None:
        wipe(self.secret)
        self.secret.setFocus()

    def try_unlock(self) -> None:
        if self.busy.isVisible() or self._wait_left > 0:
            return
        who = self.user.currentData()
        secret = self.secret.text()
        if who is None or not secret:
            self._say(self.tr("Type your PIN, then press Enter."))
            return
        wipe(self.secret)  # the secret lives on only in the worker's call
        d = self.data_dir
        from ..store import lockout
        from ..store.counter import CounterStore  # loaded by now (the clerk names needed it)

        if who == ADMIN:
            user, opener = "admin", (lambda: CounterStore.open_admin(d, secret))
        else:
            user, opener = who, (lambda: CounterStore.open_clerk(d, who, secret))
        self._set_busy(True)
        self._say(self.tr("Checking…"))
        admin = who == ADMIN
        self.worker.open_op(
            self, lambda: lockout.guarded_unlock(d, user, opener, admin=admin)
        ).success(self._done).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.user, self.secret, self.button, self.lang):
            w.setEnabled(not busy)

    def _done(self, store: Any) -> None:  # a CounterStore
        self._set_busy(False)
        self.message.clear()
        self.unlocked.emit(store.session)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        wait = 0
        if isinstance(exc, LockedOut):
            wait = int(exc.args_map.get("seconds", 0))
        elif isinstance(exc, WrongSecret):
            wait = int(getattr(exc, "retry_after", 0) + 0.999)
        self._show_error(exc)
        if wait > 0:
            self._wait_left = wait
            self._tick(first=True)
            self._countdown.start()
        self.secret.setFocus()

    def _show_error(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self._wait_left = 0
            for w in (self.secret, self.button):
                w.setEnabled(True)
            self.secret.setFocus()
            self._say(self.tr("You may try again."))
            return
        for w in (self.secret, self.button):
            w.setEnabled(False)
        base = self.message.text().split("\n")[0]
        self.message.setText(
            base + "\n" + self.tr("Wait {n} s before the next try.").format(n=self._wait_left)
        )
