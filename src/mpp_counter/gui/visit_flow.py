"""One citizen at the counter, by keyboard: service → consent question → number or reason.

Every step answers to the keys a clerk's hands are already on: type to filter and Enter,
1/2/3 for the answer, digits and Enter for the number, Esc to drop the visit at any step
(nothing is saved until the last Enter). Nothing is sticky: after a save (or Esc) the
form is empty again, so the next citizen must really be asked. While a save runs the
form is frozen; if it fails the visit stays on screen to retry.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain import phone as phone_rules
from ..domain.catalog import Campaign, Service
from ..domain.errors import InvalidPhone
from ..domain.records import Outcome, RecordResult, VisitRow
from ..domain.slip_content import SlipContent
from ..store.counter import CounterStore
from .fields import wipe
from .messages import error_text, label
from .visit_steps import ConsentStep, PhoneStep, ReasonStep, ServiceStep
from .worker import StoreWorker

SERVICE, CONSENT, PHONE, REASON = range(4)
_KEYS = {Qt.Key.Key_1: Outcome.AGREED, Qt.Key.Key_2: Outcome.DECLINED,
         Qt.Key.Key_3: Outcome.NOT_ASKED}


@dataclass(frozen=True)
class Saved:
    result: RecordResult
    service: Service
    outcome: Outcome
    slip: SlipContent | None
    row: VisitRow | None  # for today's list: read with the save, on the worker


class VisitFlow(QWidget):
    saved = Signal(object)  # Saved

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.services: tuple[Service, ...] = ()
        self.campaign: Campaign | None = None
        self.service: Service | None = None
        self.saving = False

        self.feedback = QLabel(self.tr("Ready for the next citizen."))
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        self.steps = QStackedWidget()
        service, consent, phone, reason = ServiceStep(), ConsentStep(), PhoneStep(), ReasonStep()
        for page in (service, consent, phone, reason):
            self.steps.addWidget(page)
        lay = QVBoxLayout(self)
        lay.addWidget(self.feedback)
        lay.addWidget(self.steps, 1)
        hint = QLabel(self.tr("Esc cancels this visit · Ctrl+L locks the counter"))
        hint.setStyleSheet("color: #555;")
        lay.addWidget(hint)
        # The widgets the flow drives (and the tests reach), by their old names.
        self.filter, self.list = service.filter, service.list
        self.consent_page, self.consent_title = consent, consent.title
        self.notice, self.notice_extra = consent.notice, consent.extra
        self.answer_buttons = consent.buttons
        self.phone, self.phone_state = phone.phone, phone.state
        self.reasons = reason.reasons
        self.filter.textChanged.connect(self._refilter)
        self.filter.returnPressed.connect(self._pick_service)
        self.list.itemActivated.connect(lambda _i: self._pick_service())
        consent.answered.connect(self._answer)
        self.phone.textChanged.connect(self._check_phone)
        self.phone.returnPressed.connect(self._save_agreed)
        self.reasons.itemActivated.connect(lambda _i: self._save_not_asked())
        for w in (self.filter, consent, self.phone, self.reasons):
            w.installEventFilter(self)

    # --- data ------------------------------------------------------------------------------
    def set_catalog(self, services: tuple[Service, ...], campaign: Campaign) -> None:
        self.services, self.campaign = services, campaign
        self._refilter()

    def _refilter(self) -> None:
        q = self.filter.text()
        self.list.clear()
        for s in self.services:
            if not q.strip() or s.matches(q):
                item = QListWidgetItem(f"{s.code} — {s.name}  ({s.agency_name})")
                item.setData(Qt.ItemDataRole.UserRole, s.code)
                self.list.addItem(item)
        if self.list.count() and q.strip():
            self.list.setCurrentRow(0)

    # --- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or self.saving:
            return self.saving and event.type() == QEvent.Type.KeyPress
        key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if watched is self.filter and key in (Qt.Key.Key_Up, Qt.Key.Key_Down,
                                              Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.list.setFocus()
            self.list.keyPressEvent(event)  # type: ignore[arg-type]
            self.filter.setFocus()
            return True
        if watched is self.consent_page and key in _KEYS:
            self._answer(_KEYS[key])
            return True
        if watched is self.reasons:
            n = key - Qt.Key.Key_1
            if 0 <= n < self.reasons.count():
                self.reasons.setCurrentRow(n)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._save_not_asked()
                return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and not self.saving:
            self.cancel()
            return
        super().keyPressEvent(event)

    # --- the flow ---------------------------------------------------------------------------
    def start(self) -> None:
        """Empty everything and wait for the next citizen's service."""
        self.service = None
        wipe(self.filter, self.phone)  # not clear(): Ctrl+Z would bring the text back
        self.phone_state.clear()
        self.reasons.clearSelection()
        self.steps.setCurrentIndex(SERVICE)
        self.filter.setFocus()

    def cancel(self) -> None:
        if self.steps.currentIndex() != SERVICE or self.filter.text():
            self.feedback.setText(self.tr("Visit cancelled: nothing was saved."))
        self.start()

    def _pick_service(self) -> None:
        item = self.list.currentItem()
        if item is None or self.campaign is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        self.service = next(s for s in self.services if s.code == code)
        self.consent_title.setText(self.tr("2. Consent — {service}")
                                   .format(service=f"{self.service.code} {self.service.name}"))
        c = self.campaign
        self.notice.setText(c.notice_id)
        self.notice_extra.setText(self.tr("Survey: {name} · channel: {channel} · official "
                                          "sender: {sender} {number}")
                                  .format(name=c.name, channel=c.channel,
                                          sender=c.official_sender_name,
                                          number=c.official_sender_number))
        self.steps.setCurrentIndex(CONSENT)
        self.consent_page.setFocus()

    def _answer(self, outcome: Outcome) -> None:
        if self.service is None or self.saving:
            return
        if outcome is Outcome.AGREED:
            wipe(self.phone)
            self._check_phone()
            self.steps.setCurrentIndex(PHONE)
            self.phone.setFocus()
        elif outcome is Outcome.NOT_ASKED:
            self.steps.setCurrentIndex(REASON)
            self.reasons.setFocus()
            self.reasons.clearSelection()
        else:
            self._save(Outcome.DECLINED)

    def _check_phone(self) -> str | None:
        text = self.phone.text()
        if not text.strip():
            self.phone_state.setStyleSheet("color: #444;")
            self.phone_state.setText(self.tr("Type the number, e.g. 0812…"))
            return None
        try:
            e164 = phone_rules.normalize(text)
        except InvalidPhone as exc:
            self.phone_state.setStyleSheet("color: #b00020;")
            self.phone_state.setText(error_text(exc))
            return None
        self.phone_state.setStyleSheet("color: #1b5e20;")
        self.phone_state.setText(self.tr("✓ {masked}").format(masked=phone_rules.mask(e164)))
        return e164

    def _save_agreed(self) -> None:
        if self._check_phone() is not None:
            self._save(Outcome.AGREED, phone=self.phone.text())

    def _save_not_asked(self) -> None:
        chosen = self.reasons.selectedItems()  # focus alone makes a row "current": not chosen
        if not chosen:
            return
        self._save(Outcome.NOT_ASKED, reason=chosen[0].data(Qt.ItemDataRole.UserRole))

    def _save(self, outcome: Outcome, phone: str | None = None,
              reason: str | None = None) -> None:
        if self.service is None or self.saving:
            return
        svc = self.service
        self.saving = True
        self.steps.setEnabled(False)
        self.feedback.setText(self.tr("Saving…"))

        def work(s: CounterStore) -> Saved:
            r = s.record(svc.code, outcome, phone=phone, not_asked_reason=reason)
            slip = s.slip_content(r.receipt) if r.receipt else None
            rows = s.visit_rows([r.visit_id])
            return Saved(r, svc, outcome, slip, rows[0] if rows else None)
        self.worker.op(self, work).success(self._saved).failure(self._save_failed).run()

    def _saved(self, saved: Saved) -> None:
        self.saving = False
        self.steps.setEnabled(True)
        text = self.tr("Saved: {service} · {outcome}").format(
            service=saved.service.code, outcome=label_outcome(saved.outcome))
        if saved.result.receipt:
            text += " · " + self.tr("receipt {code}").format(code=saved.result.receipt)
        self.feedback.setText(text)
        self.start()
        self.saved.emit(saved)

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.steps.setEnabled(True)
        self.feedback.setText(self.tr("Not saved. The visit is still on screen: try again."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The visit was not saved"),
                          error_text(exc), parent=self)
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("save_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.open()
        (self.phone if self.steps.currentIndex() == PHONE else self.steps.currentWidget()) \
            .setFocus()


def label_outcome(outcome: Outcome) -> str:
    from .messages import OUTCOMES
    return label(OUTCOMES, outcome.value)
