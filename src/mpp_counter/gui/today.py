"""Today's panel at this counter: the day's figures and list, and what a clerk does with
a row (reprint its slip, withdraw its consent, void it).

The three figures on top (visits, asked, agreed) are the rates the survey organisers
read; showing them to the clerk all day keeps "asking everyone" visible. The list
(gui/today_table.py) holds only masked numbers: the store never hands the window
anything else.

The day is read once when the screen opens (and again past midnight). After that a save
adds its own row on top (read by the worker with the save), and a sync or a withdrawal
reads again only the rows it changed.

By keys: Enter on a row opens its slip for a reprint; the shortcuts (``SHORTCUTS``, shown
on the buttons) work from anywhere on the counter screen; Tab leaves the table in one
step (it does not walk the cells) and Esc goes back to the visit. Every dialog opened
here says when it closes (``done``), so the window puts the keys back on the visit.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import SyncState, VisitRow
from ..domain.slip_content import SlipContent
from ..domain.timezones import local
from .messages import error_text
from .today_table import TodayTable
from .worker import StoreWorker

if TYPE_CHECKING:
    from ..store.counter import CounterStore


SHORTCUTS = {
    "reprint": "Ctrl+P",
    "reprint_last": "Ctrl+Shift+P",
    "withdraw": "Ctrl+T",
    "withdraw_by_number": "Ctrl+Shift+T",
    "void": "Ctrl+B",
    "list": "F6",
}


def keys_text(name: str) -> str:
    return QKeySequence(SHORTCUTS[name]).toString(QKeySequence.SequenceFormat.NativeText)


class TodayPanel(QWidget):
    reprint = Signal(object)  # SlipContent, for the window's printer queue
    changed = Signal()
    done = Signal()  # a dialog of this panel closed, or Esc: the keys go back to the visit

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        title = QLabel(self.tr("Today at this counter"))
        f = title.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        title.setFont(f)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.table = TodayTable()
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection)
        self.reprint_button = QPushButton(self.tr("Reprint slip") + f" ({keys_text('reprint')})")
        self.reprint_button.setObjectName("reprint")
        self.withdraw_button = QPushButton(
            self.tr("Withdraw consent…") + f" ({keys_text('withdraw')})"
        )
        self.withdraw_button.setObjectName("withdraw")
        self.by_number_button = QPushButton(
            self.tr("Slip lost? Withdraw by number…") + f" ({keys_text('withdraw_by_number')})"
        )
        self.by_number_button.setObjectName("withdraw_by_number")
        self.void_button = QPushButton(self.tr("Void visit…") + f" ({keys_text('void')})")
        self.void_button.setObjectName("void")
        self.void_button.clicked.connect(self.ask_void)
        self.reprint_button.clicked.connect(self._reprint)
        self.withdraw_button.clicked.connect(self._confirm_withdraw)
        self.by_number_button.clicked.connect(self.withdraw_by_number)
        for b in (
            self.reprint_button,
            self.withdraw_button,
            self.by_number_button,
            self.void_button,
        ):
            b.installEventFilter(self)
        self.note = QLabel()
        self.note.setObjectName("today_note")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        lost = QHBoxLayout()  # a row of its own: with the shortcuts, three do not fit 1366 px
        lost.addWidget(self.void_button)
        lost.addStretch(1)
        lost.addWidget(self.by_number_button)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.figures)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addLayout(lost)
        lay.addWidget(self.note)
        keys = QLabel(
            self.tr(
                "Enter on a row: reprint its slip · {last}: reprint the last "
                "slip · Esc: back to the visit"
            ).format(last=keys_text("reprint_last"))
        )
        keys.setWordWrap(True)
        keys.setStyleSheet("color: #555;")
        lay.addWidget(keys)
        self._selection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._reprint()
            return True
        if watched is self.table and event.key() == Qt.Key.Key_Delete:
            self.ask_void()
            return True
        if event.key() == Qt.Key.Key_Escape:  # in the table or on a button: back to the visit
            self.done.emit()
            return True
        return False

    def focus_list(self) -> None:
        """F6: into the list, on the newest row."""
        self.table.setFocus()
        if self.table.rowCount() and not self.table.selectedItems():
            self.table.selectRow(0)

    # --- the list: built once, then one row per save or change --------------------------
    def refresh(self) -> None:
        """Read the whole day again: at the start, and when the day has changed."""
        self.worker.op(self, lambda s: (s.today(), s.zone)).success(
            lambda result: self.show_rows(*result)
        ).run()

    def show_rows(self, rows: list[VisitRow], zone: str) -> None:
        self.table.show_rows(rows, zone)
        self._show_figures()
        self._selection()

    def add_row(self, row: VisitRow) -> None:
        """The visit just saved goes on top; nothing else is read or redrawn."""
        if self.table.is_listed(row):
            self.update_rows([row])
            return
        if not self.table.of_this_day(row):
            self.refresh()  # past midnight: a new day, a new list
            return
        self.table.add_row(row)
        self._show_figures()
        self._selection()

    def update_rows(self, rows: list[VisitRow]) -> None:
        """Rows changed by a sync, a withdrawal or a void, rewritten where they stand."""
        if self.table.update_rows(rows):
            self._show_figures()
        self._selection()

    def refresh_sync(self, withdrawals: bool = False) -> None:
        """After a sync: read again only the rows not yet acknowledged (few, once synced);
        with ``withdrawals`` (learnt from the central, or made by code in the dialog) also
        the consents still shown as agreed."""
        ids = [
            r.visit_id
            for r in self.table.rows
            if r.sync_state is not SyncState.ACKED
            or (withdrawals and r.receipt and not r.withdrawn_at)
        ]
        if ids:
            self.worker.op(self, lambda s: s.visit_rows(ids)).success(self.update_rows).run()

    def _show_figures(self) -> None:
        t = self.table.tally
        self.figures.setText(
            self.tr("Visits: {v} · asked: {a} ({ar:.0%}) · agreed: {g} ({gr:.0%} of asked)").format(
                v=t.visits, a=t.asked, ar=t.ask_rate, g=t.agreed, gr=t.agree_rate
            )
        )

    def selected(self) -> VisitRow | None:
        return self.table.selected()

    def _selection(self) -> None:
        r = self.selected()
        has = r is not None and r.receipt is not None
        self.reprint_button.setEnabled(has and r is not None and r.withdrawn_at is None)
        self.withdraw_button.setEnabled(has and r is not None and r.withdrawn_at is None)
        self.void_button.setEnabled(r is not None and r.voided_at is None)

    def reprint_last(self) -> None:
        """The newest slip of the day that can still be printed (one shortcut)."""
        for r in reversed(self.table.rows):
            if r.receipt is not None and r.withdrawn_at is None:
                self._reprint_code(r.receipt)
                return
        self.note.setText(self.tr("No slip to reprint today."))

    def _reprint(self) -> None:
        r = self.selected()
        if r is None or r.receipt is None or r.withdrawn_at is not None:
            return
        self._reprint_code(r.receipt)

    def _reprint_code(self, code: str) -> None:
        def got(slip: SlipContent) -> None:
            self.reprint.emit(slip)

        self.worker.op(self, lambda s: s.slip_content(code, reprint=True)).success(got).failure(
            self._error
        ).run()

    def _confirm_withdraw(self) -> None:
        r = self.selected()
        if r is None or r.receipt is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Withdraw consent"),
            self.tr(
                "Withdraw the consent with receipt {code} ({masked})? The "
                "number will not be used for the survey."
            ).format(code=r.receipt, masked=r.phone_masked or ""),
            parent=self,
        )
        box.setObjectName("confirm_withdraw")
        yes = box.addButton(self.tr("Withdraw"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        code = r.receipt
        box.buttonClicked.connect(lambda b: self.withdraw(code) if b is yes else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.finished.connect(lambda _r: self.done.emit())
        box.open()

    def withdraw(self, code: str) -> None:
        ids = [r.visit_id for r in self.table.rows if r.receipt == code]  # rare: a scan is fine

        def work(s: CounterStore) -> list[VisitRow]:
            s.withdraw(code)
            return s.visit_rows(ids)

        def done(rows: list[VisitRow]) -> None:
            self.update_rows(rows)
            self.changed.emit()

        self.worker.op(self, work).success(done).failure(self._error).run()

    def withdraw_by_number(self) -> None:
        from .withdraw_number import WithdrawByNumberDialog

        dialog = WithdrawByNumberDialog(self.worker, self)
        dialog.withdrawn.connect(self._withdrawn_by_number)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # with it, the typed number
        dialog.finished.connect(lambda _r: self.done.emit())
        dialog.open()

    def _withdrawn_by_number(self, masked: str, at: datetime) -> None:
        self.note.setText(
            self.tr(
                "Withdrawal for {masked} recorded at {time}; it goes to the "
                "central with the next sync."
            ).format(masked=masked, time=f"{local(at, self.table.zone):%H.%M}")
        )
        self.refresh_sync(withdrawals=True)  # a code of this counter: its row says so now
        self.changed.emit()

    def ask_void(self) -> None:
        """Ctrl+B, Delete on a row or the button: void the selected visit, with a reason."""
        from .void_dialog import ask_void

        r = self.selected()
        if r is not None and r.voided_at is None:
            ask_void(self, r)

    def _error(self, exc: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Could not do that"), error_text(exc), parent=self
        )
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("today_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.finished.connect(lambda _r: self.done.emit())
        box.open()
