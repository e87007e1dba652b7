"""The keys of a visit: which key does what at which step.

Every step answers to the keys a clerk's hands are already on: type to filter and Enter,
1/2/3 for the answer, digits and Enter for the number, Esc to drop the visit at any step
(nothing is saved until the last Enter). A slip of the finger is put right where it
happened: Backspace on an empty field (or Alt+Left) goes back one step, and 2 ("declined")
only chooses: Enter saves it, so no answer is saved by a single key. While a save runs
every key press is swallowed. The flow (gui/visit_flow.py) installs this filter on the
widgets of its steps and does what the keys ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from ..domain.records import Outcome

if TYPE_CHECKING:
    from .visit_flow import VisitFlow

ANSWER_KEYS = {
    Qt.Key.Key_1: Outcome.AGREED,
    Qt.Key.Key_2: Outcome.DECLINED,
    Qt.Key.Key_3: Outcome.NOT_ASKED,
}
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class VisitKeys(QObject):
    def __init__(self, flow: VisitFlow) -> None:
        super().__init__(flow)
        self.flow = flow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        flow = self.flow
        if event.type() != QEvent.Type.KeyPress or flow.saving:
            return flow.saving and event.type() == QEvent.Type.KeyPress
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            flow.cancel()
            return True
        if key == Qt.Key.Key_Left and mods & Qt.KeyboardModifier.AltModifier:
            return flow.back()
        if (
            key == Qt.Key.Key_Backspace
            and (watched is not flow.filter)
            and (watched is not flow.phone or not flow.phone.text())
        ):
            return flow.back()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and watched is not flow.filter:
            return True  # inside a visit, Tab would only lose the step's focus
        if watched is flow.filter and key in _LIST_KEYS:
            if flow.list.currentRow() < 0 and flow.list.count():
                flow.list.setCurrentRow(0)  # the first Down lands on the top service
                return True
            flow.list.setFocus()
            flow.list.keyPressEvent(event)
            flow.filter.setFocus()
            return True
        if watched is flow.consent_page:
            if key in ANSWER_KEYS:
                flow.answer(ANSWER_KEYS[Qt.Key(key)])
                return True
            if key in _ENTER and flow.outcome is Outcome.DECLINED:
                flow.save(Outcome.DECLINED)
                return True
        if watched is flow.reasons:
            n = key - Qt.Key.Key_1
            if 0 <= n < flow.reasons.count():
                flow.reasons.setCurrentRow(n)
                return True
            if key in _ENTER:
                flow.save_not_asked()
                return True
        return False
