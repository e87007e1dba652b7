"""Enrolment at the central: what this counter is enrolled as, and enrolling (again).

The page shows the enrolled central, device and campaign and the last sync, read from the
store through the worker. Enrolling spends a one-time code: the HTTP exchange runs on the
background pool (never the GUI thread, never the store thread), the store steps on the
store's worker (``sync.enrolment.enrol_via``). A device the central revoked is shown as
such (the window forwards the sync's events) and enrolled again with a new code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain.errors import MppError
from ..messages import error_text
from ..worker import Background, StoreWorker

if TYPE_CHECKING:
    from ...store.enrolment import EnrolmentInfo
    from ...sync.enrolment import EnrolResult
    from ...sync.worker import SyncEvent

RED, GREEN = "color: #b00020;", "color: #1b5e20;"
DEADLINE_S = 20.0  # enrolment gives up after this; a person is waiting


def check_input(url: str, code: str) -> None:
    """The address and the code as enrolment will take them; the core's error if not."""
    from ...sync.enrolment import check_code
    from ...sync.transport import check_url

    check_url(url)
    check_code(code)


def run_enrolment(
    owner: QObject,
    worker: StoreWorker,
    background: Background,
    url: str,
    code: str,
    ok: Callable[[EnrolResult], Any],
    err: Callable[[BaseException], Any],
) -> None:
    """Enrol off the GUI thread; the answer comes back on it, unless ``owner`` is gone."""
    from ...sync.enrolment import enrol_via

    def alive(cb: Callable[[Any], Any]) -> Callable[[Any], None]:
        return lambda value: cb(value) if shiboken6.isValid(owner) else None

    background.run(
        lambda: enrol_via(worker.call, url, code, deadline_s=DEADLINE_S), alive(ok), alive(err)
    )


class EnrolmentPage(QWidget):
    enrolled = Signal()  # the window refreshes the status bar and wakes the sync

    def __init__(
        self, worker: StoreWorker, background: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.worker, self.background = worker, background
        self.revoked = False
        self.info: EnrolmentInfo | None = None
        self.state = QLabel()
        self.state.setObjectName("enrol_state")
        self.state.setWordWrap(True)
        self.central, self.device = QLabel(), QLabel()
        self.campaign, self.last_sync = QLabel(), QLabel()
        for name, w in (
            ("central", self.central),
            ("device", self.device),
            ("campaign", self.campaign),
            ("last_sync", self.last_sync),
        ):
            w.setObjectName(name)
            w.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setContentsMargins(0, 12, 0, 0)  # apart from what is shown above it
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.address.setMaxLength(200)
        self.address.setPlaceholderText("https://")
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(40)
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        self.button = QPushButton()
        self.button.setObjectName("enrol")
        self.button.clicked.connect(self.enrol)
        self.code.returnPressed.connect(self.enrol)
        self.address.returnPressed.connect(self.code.setFocus)
        self.note = QLabel()
        self.note.setObjectName("enrol_note")
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.state)
        form.addRow(self.tr("Central address"), self.central)
        form.addRow(self.tr("Device id"), self.device)
        form.addRow(self.tr("Survey campaign"), self.campaign)
        form.addRow(self.tr("Last sync"), self.last_sync)
        form.addRow(self.heading)
        form.addRow(self.tr("Central address"), self.address)
        form.addRow(self.tr("Enrolment code"), self.code)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow(self.note)
        self.load()

    def load(self) -> None:
        from ...store.enrolment import enrolment_info

        self.worker.op(self, enrolment_info).success(self._show).failure(
            lambda e: self._say(error_text(e), RED)
        ).run()

    def _show(self, info: EnrolmentInfo) -> None:
        from ...domain.timezones import format_id

        self.info = info
        none = "—"
        self.central.setText(info.central_url or none)
        self.device.setText(info.device_id or none)
        self.campaign.setText(f"{info.campaign_id} — {info.campaign_name}")
        self.last_sync.setText(
            format_id(info.last_sync, info.zone) if info.last_sync else self.tr("never")
        )
        if info.central_url and not self.address.text():
            self.address.setText(info.central_url)
        self._state()

    def _state(self) -> None:
        info = self.info
        if info is None:
            return
        if not info.enrolled:
            text, style = (
                self.tr(
                    "This counter is not enrolled at the central yet: what it "
                    "records stays here until it is."
                ),
                RED,
            )
            heading, button = (
                self.tr("<b>Enrol</b> with the one-time code from the central office"),
                self.tr("&Enrol"),
            )
        elif self.revoked:
            text, style = (
                self.tr(
                    "The central has revoked this counter: nothing is sent until "
                    "it is enrolled again with a new code. The records are "
                    "kept."
                ),
                RED,
            )
            heading, button = (
                self.tr("<b>Enrol again</b> with a new one-time code"),
                self.tr("&Enrol again"),
            )
        else:
            text, style = self.tr("This counter is enrolled at the central."), GREEN
            heading, button = (
                self.tr(
                    "<b>Enrol again</b> (another central, or after a "
                    "revocation) with a new one-time code"
                ),
                self.tr("&Enrol again"),
            )
        self.state.setText(text)
        self.state.setStyleSheet(style)
        self.heading.setText(heading)
        self.button.setText(button)

    def show_sync(self, event: SyncEvent) -> None:
        """The window forwards the sync's events: a revoked device shows here at once."""
        kind = event.kind.value
        if kind == "revoked":
            self.revoked = True
            self._state()
        elif kind == "synced":
            self.revoked = False
            self.load()  # the last sync, and a campaign text the catalog may have changed

    def _say(self, text: str, style: str = "") -> None:
        self.note.setText(text)
        self.note.setStyleSheet(style)

    def enrol(self) -> None:
        if not self.button.isEnabled():
            return  # one enrolment at a time
        url, code = self.address.text().strip(), self.code.text().strip()
        try:
            check_input(url, code)
        except MppError as exc:  # the core's clear refusal: nothing was sent
            self._say(error_text(exc), RED)
            return
        self.button.setEnabled(False)
        self._say(self.tr("Enrolling at the central…"))
        run_enrolment(self, self.worker, self.background, url, code, self._done, self._failed)

    def _done(self, result: EnrolResult) -> None:
        self.button.setEnabled(True)
        self.code.setText("")  # setText, not clear(): no undo brings the spent code back
        self.revoked = False
        self._say(
            self.tr("Enrolled: device {device}, campaign {campaign}.").format(
                device=result.device_id, campaign=result.campaign_id
            ),
            GREEN,
        )
        self.load()
        self.enrolled.emit()

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self._say(self.tr("Not enrolled: {reason}").format(reason=error_text(exc)), RED)
        self.code.setFocus()
