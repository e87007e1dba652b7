"""One citizen at the counter, by keyboard: service → consent question → number or reason.

This module owns the visit's state and its steps: which step shows, going back, the line
above the steps (the service and the answer chosen so far), and the save with what the
clerk is told after it. The pages are in gui/visit_steps.py, the keys in
gui/visit_keys.py, the worker's job of a save in gui/visit_save.py. The number is read
back large and grouped while it is typed; after the save only its masked form is shown.

Nothing is sticky: after a save (or Esc) the form is empty again, so the next citizen must
really be asked. While a save runs the form is frozen; if it fails the visit stays on
screen to retry.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.catalog import Campaign, Service
from ..domain.phone import MobileNumber
from ..domain.records import Outcome
from .fields import wipe
from .messages import error_text, label
from .service_list import CounterServices
from .visit_keys import VisitKeys
from .visit_save import Saved, save_visit
from .visit_steps import ConsentStep, PhoneStep, ReasonStep, ServiceStep
from .worker import StoreWorker

SERVICE, CONSENT, PHONE, REASON = range(4)


class VisitFlow(QWidget):
    saved = Signal(object)  # Saved
    started = Signal()  # the next visit began: stale feedback (and a failed slip) go away

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.services: tuple[Service, ...] = ()
        self.prefs = CounterServices()
        self.campaign: Campaign | None = None
        self.service: Service | None = None
        self.outcome: Outcome | None = None  # chosen so far (2 waits here for Enter)
        self.saving = False

        self.feedback = QLabel(self.tr("Ready for the next citizen."))
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        self.context = QLabel()  # "Service: … · Answer: …" above every step
        self.context.setObjectName("visit_context")
        self.context.setWordWrap(True)
        self.context.setStyleSheet("background: #f1f4f8; padding: 4px;")
        self.steps = QStackedWidget()
        service, consent, phone, reason = ServiceStep(), ConsentStep(), PhoneStep(), ReasonStep()
        for page in (service, consent, phone, reason):
            self.steps.addWidget(page)
        lay = QVBoxLayout(self)
        lay.addWidget(self.feedback)
        lay.addWidget(self.context)
        lay.addWidget(self.steps, 1)
        hint = QLabel(
            self.tr(
                "Esc cancels this visit · Backspace or Alt+← goes back a step · "
                "F6 today's list · Ctrl+L locks the counter"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        lay.addWidget(hint)
        # The widgets the flow drives (and the tests reach), by their old names.
        self.service_page = service
        self.filter, self.list, self.no_match = service.filter, service.list, service.no_match
        self.consent_page, self.consent_title = consent, consent.title
        self.notice, self.notice_extra = consent.notice, consent.extra
        self.answer_buttons = consent.buttons
        self.phone_page = phone
        self.phone, self.phone_state = phone.phone, phone.state
        self.readback, self.phone_seen = phone.readback, phone.seen
        self.reasons = reason.reasons
        self.filter.textChanged.connect(self._typed)
        self.filter.returnPressed.connect(self._pick_service)
        self.list.itemActivated.connect(lambda _i: self._pick_service())
        consent.answered.connect(self.answer)
        consent.confirmed.connect(
            lambda: self.outcome is Outcome.DECLINED and self.save(Outcome.DECLINED)
        )
        self.phone.textChanged.connect(self._check_phone)
        self.phone.returnPressed.connect(self._save_agreed)
        self.reasons.itemActivated.connect(lambda _i: self.save_not_asked())
        self.keys = VisitKeys(self)
        for w in (self.filter, consent, self.phone, self.reasons):
            w.installEventFilter(self.keys)
        self._show_context()

    # --- data ------------------------------------------------------------------------------
    def set_catalog(
        self,
        services: tuple[Service, ...],
        campaign: Campaign,
        prefs: CounterServices | None = None,
    ) -> None:
        self.services, self.campaign = services, campaign
        by_code = {s.code: s for s in services}
        p = prefs or self.prefs
        self.prefs = CounterServices(p.favourites, p.recent, p.agency, by_code)
        self._refilter()

    def _typed(self) -> None:
        if self.filter.text():
            self.feedback.setText(self.tr("Ready for the next citizen."))  # "Saved" is stale
            self.started.emit()
        self._refilter()

    def _refilter(self) -> None:
        self.service_page.list_services(self.services, self.prefs)

    # --- keys (the rest: gui/visit_keys.py) -------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and not self.saving:
            self.cancel()
            return
        super().keyPressEvent(event)

    # --- the flow ---------------------------------------------------------------------------
    def start(self) -> None:
        """Empty everything and wait for the next citizen's service."""
        self.service, self.outcome = None, None
        wipe(self.filter)  # not clear(): Ctrl+Z would bring the text back
        self.phone_page.forget()
        self.consent_page.show_declined(False)
        self.reasons.clearSelection()
        self.steps.setCurrentIndex(SERVICE)
        self._show_context()
        self.filter.setFocus()

    def focus_step(self) -> None:
        """Back to where the keys belong (after a dialog, or Esc in today's list)."""
        w = {
            SERVICE: self.filter,
            CONSENT: self.consent_page,
            PHONE: self.phone,
            REASON: self.reasons,
        }[self.steps.currentIndex()]
        w.setFocus()

    def cancel(self) -> None:
        if self.steps.currentIndex() != SERVICE or self.filter.text():
            self.feedback.setText(self.tr("Visit cancelled: nothing was saved."))
        self.start()

    def back(self) -> bool:
        """One step back inside the visit; the answer typed on the left step is dropped."""
        step = self.steps.currentIndex()
        if step in (PHONE, REASON):
            self.phone_page.forget()
            self.reasons.clearSelection()
            self.outcome = None
            self.steps.setCurrentIndex(CONSENT)
            self.consent_page.setFocus()
        elif step == CONSENT and self.outcome is Outcome.DECLINED:
            self.outcome = None
            self.consent_page.show_declined(False)
        elif step == CONSENT:
            self.service = None
            self.steps.setCurrentIndex(SERVICE)  # the filter keeps its text: pick again
            self.filter.setFocus()
        else:
            return False
        self._show_context()
        return True

    def _show_context(self) -> None:
        if self.service is None:
            self.context.setText(self.tr("New visit: choose the service."))
            return
        text = self.tr("Service: {service}").format(
            service=f"{self.service.code} {self.service.name}"
        )
        if self.outcome is not None:
            text += " · " + self.tr("Answer: {outcome}").format(outcome=label_outcome(self.outcome))
        self.context.setText(text)

    def _pick_service(self) -> None:
        item = self.list.currentItem()
        if (
            item is None
            or self.campaign is None
            or not self.filter.text().strip()
            and self.list.currentRow() < 0
        ):
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        self.service = next(s for s in self.services if s.code == code)
        self.outcome = None
        self.started.emit()
        self.feedback.setText(self.tr("Ready for the next citizen."))
        self.consent_page.show_for(self.service, self.campaign)
        self.steps.setCurrentIndex(CONSENT)
        self._show_context()
        self.consent_page.setFocus()

    def answer(self, outcome: Outcome) -> None:
        if self.service is None or self.saving:
            return
        self.outcome = outcome
        self.consent_page.show_declined(outcome is Outcome.DECLINED)
        if outcome is Outcome.AGREED:
            self.phone_page.forget()
            self.steps.setCurrentIndex(PHONE)
            # while the clerk types: the costly half of sealing the number (no number in it);
            # if it fails, the save that follows says why
            self.worker.op(self, lambda s: s.prepare_seal()).failure(lambda _e: None).run()
            self._check_phone()
            self.phone.setFocus()
        elif outcome is Outcome.NOT_ASKED:
            self.steps.setCurrentIndex(REASON)
            self.reasons.setFocus()
            self.reasons.clearSelection()
        else:
            self.consent_page.setFocus()  # a click on [2] too: Enter (or the button) saves
        self._show_context()

    def _check_phone(self) -> MobileNumber | None:
        number = self.phone_page.check(self.steps.currentIndex() == PHONE)
        if number is not None:
            self._ask_seen(number)
        return number

    def _ask_seen(self, number: MobileNumber) -> None:
        """A valid number: was it given here today? (a keyed tag on the worker, no copy)"""
        text = self.phone.text()

        def shown(seen: bool) -> None:
            if seen and self.phone.text() == text and self.steps.currentIndex() == PHONE:
                self.phone_page.show_seen()

        # only a hint while typing: a store error is said by the save that follows, not here
        self.worker.op(self, lambda s: s.seen_today(number)).success(shown).failure(
            lambda _e: None
        ).run()

    def _save_agreed(self) -> None:
        number = self._check_phone()
        if number is not None:
            self.save(Outcome.AGREED, phone=number)  # checked once, as typed

    def save_not_asked(self) -> None:
        chosen = self.reasons.selectedItems()  # focus alone makes a row "current": not chosen
        if not chosen:
            return
        self.save(Outcome.NOT_ASKED, reason=chosen[0].data(Qt.ItemDataRole.UserRole))

    def save(
        self, outcome: Outcome, phone: MobileNumber | None = None, reason: str | None = None
    ) -> None:
        if self.service is None or self.saving:
            return
        svc = self.service
        self.saving = True
        self.steps.setEnabled(False)
        self.feedback.setText(self.tr("Saving…"))

        work = save_visit(svc, outcome, phone, reason)
        self.worker.op(self, work).success(self._saved).failure(self._save_failed).run()

    def _saved(self, saved: Saved) -> None:
        self.saving = False
        self.steps.setEnabled(True)
        text = self.tr("Saved: {service} · {outcome}").format(
            service=saved.service.code, outcome=label_outcome(saved.outcome)
        )
        if saved.result.receipt:
            text += " · " + self.tr("receipt {code}").format(code=saved.result.receipt)
        self.prefs = self.prefs.used(saved.service.code)
        self.start()
        self.feedback.setText(text)
        self.saved.emit(saved)

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.steps.setEnabled(True)
        self.feedback.setText(self.tr("Not saved. The visit is still on screen: try again."))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("The visit was not saved"),
            error_text(exc),
            parent=self,
        )
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("save_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.finished.connect(self._box_closed)
        box.open()
        self.focus_step()

    def _box_closed(self, _result: int) -> None:
        self.activateWindow()  # the box was the active window: the keys come back here
        self.focus_step()


def label_outcome(outcome: Outcome) -> str:
    from .messages import OUTCOMES

    return label(OUTCOMES, outcome.value)
