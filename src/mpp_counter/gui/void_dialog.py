"""Voiding a visit of today saved by mistake: a reason from the list and a few words.

The dialog only asks; the today panel does the voiding on the worker. Enter voids (the
default button), Esc keeps the visit. The visit is named by its time, service and masked
number only: a voided visit is sent to the central as a correction, and a consent's
number is erased (store/voids.py says how).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import VOID_REASONS, VisitRow
from ..domain.timezones import local
from ..store.voids import NOTE_MAX
from .messages import OUTCOMES, label

if TYPE_CHECKING:
    from ..store.counter import CounterStore
    from .today import TodayPanel

REASONS = {
    "wrong_service": QT_TRANSLATE_NOOP("labels", "Wrong service chosen"),
    "wrong_outcome": QT_TRANSLATE_NOOP("labels", "Wrong answer recorded (agreed/declined)"),
    "wrong_number": QT_TRANSLATE_NOOP("labels", "Wrong number typed"),
    "duplicate": QT_TRANSLATE_NOOP("labels", "Saved twice"),
    "other": QT_TRANSLATE_NOOP("labels", "Other reason (say which)"),
}
assert tuple(REASONS) == VOID_REASONS


class VoidDialog(QDialog):
    chosen = Signal(str, str)  # reason code, note

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("void_visit")
        self.setWindowTitle(self.tr("Void a visit"))
        text = QLabel(
            self.tr(
                "Void this visit of today? It is no longer counted, the central "
                "is told, and for a consent the number is erased.\n\n{visit}"
            ).format(visit=summary)
        )
        text.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("void_reason")
        for code, name in REASONS.items():
            self.reason.addItem(QCoreApplication.translate("labels", name), code)
        self.note = QLineEdit()
        self.note.setObjectName("void_note")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("A few words, never a number"))
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Note:"), self.note)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Void visit"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Keep"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        self.chosen.emit(str(self.reason.currentData()), self.note.text())
        super().accept()


def ask_void(panel: TodayPanel, r: VisitRow) -> None:
    """Open the dialog for row ``r``; on Enter, void it on the worker and show the row."""
    summary = " · ".join(
        x
        for x in (
            f"{local(r.at, panel.table.zone):%H.%M}",
            r.service_name,
            label(OUTCOMES, r.outcome.value),
            r.phone_masked,
            r.receipt,
        )
        if x
    )
    dialog = VoidDialog(summary, panel)
    visit_id = r.visit_id

    def work(s: CounterStore) -> list[VisitRow]:
        s.void(visit_id, reason, note)
        return s.visit_rows([visit_id])

    def done(rows: list[VisitRow]) -> None:
        panel.update_rows(rows)
        panel.note.setText(
            QCoreApplication.translate(
                "VoidDialog", "Visit voided; the central is told with the next sync."
            )
        )
        panel.changed.emit()

    reason = note = ""

    def chosen(code: str, text: str) -> None:
        nonlocal reason, note
        reason, note = code, text
        panel.worker.op(panel, work).success(done).failure(panel._error).run()

    dialog.chosen.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: panel.done.emit())
    dialog.open()
