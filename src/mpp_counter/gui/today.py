"""Today's visits at this counter: what was saved, reprint a slip, withdraw a consent.

The three figures on top (visits, asked, agreed) are the rates the survey organisers
read; showing them to the clerk all day keeps "asking everyone" visible. The list holds
only masked numbers: the store never hands the window anything else.

The day is read once when the screen opens (and again past midnight). After that a save
adds its own row on top (read by the worker with the save), and a sync or a withdrawal
rewrites only the rows it changed, so a save costs the same at 400 visits as at 10.

By keys: Enter on a row opens its slip for a reprint; the shortcuts (``SHORTCUTS``, shown
on the buttons) work from anywhere on the counter screen; Tab leaves the table in one
step (it does not walk the cells) and Esc goes back to the visit. Every dialog opened
here says when it closes (``done``), so the window puts the keys back on the visit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import Outcome, SyncState, VisitRow
from ..domain.slip_content import SlipContent
from ..domain.timezones import local
from ..store.report import Tally, tally
from .messages import OUTCOMES, SYNC_STATES, error_text, label
from .worker import StoreWorker

if TYPE_CHECKING:
    from ..store.counter import CounterStore


_FITTED = (0, 2, 3, 4, 5)  # sized to their text; the service column takes the rest
SHORTCUTS = {
    "reprint": "Ctrl+P",
    "reprint_last": "Ctrl+Shift+P",
    "withdraw": "Ctrl+T",
    "withdraw_by_number": "Ctrl+Shift+T",
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
        self.rows: list[VisitRow] = []  # in saving order; the table shows them newest first
        self._at: dict[str, int] = {}  # visit id -> index in self.rows
        self._tally = tally(())
        self.zone = "Asia/Jakarta"
        self.day: date | None = None  # the day listed, in the MPP's zone
        title = QLabel(self.tr("Today at this counter"))
        f = title.font()
        f.setPointSize(f.pointSize() + 4)
        f.setBold(True)
        title.setFont(f)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("today_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Service"),
                self.tr("Consent"),
                self.tr("Number"),
                self.tr("Receipt"),
                self.tr("Sync"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, not cell by cell
        self.table.installEventFilter(self)
        hh = self.table.horizontalHeader()
        # Not ResizeToContents: that measures every row again on each insert (a save at 400
        # rows cost 15 ms more than at 10). Columns are fitted once per full load, then
        # widened for the one new row when it needs it (_fit).
        for col in _FITTED:
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            hh.resizeSection(col, hh.sectionSizeHint(col))
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
        self.reprint_button.clicked.connect(self._reprint)
        self.withdraw_button.clicked.connect(self._confirm_withdraw)
        self.by_number_button.clicked.connect(self.withdraw_by_number)
        for b in (self.reprint_button, self.withdraw_button, self.by_number_button):
            b.installEventFilter(self)
        self.note = QLabel()
        self.note.setObjectName("today_note")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        lost = QHBoxLayout()  # a row of its own: with the shortcuts, three do not fit 1366 px
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
        self.rows, self.zone = list(rows), zone
        self.day = local(datetime.now(UTC), zone).date()
        self._at = {r.visit_id: i for i, r in enumerate(self.rows)}
        self._tally = tally(rows)
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(self.rows):
            self._fill(len(rows) - 1 - i, r)  # newest on top: the one just saved
        for col in _FITTED:
            self.table.resizeColumnToContents(col)
        self._show_figures()
        self._selection()

    def add_row(self, row: VisitRow) -> None:
        """The visit just saved goes on top; nothing else is read or redrawn."""
        if row.visit_id in self._at:
            self.update_rows([row])
            return
        if self.day is None or local(row.at, self.zone).date() != self.day:
            self.refresh()  # past midnight: a new day, a new list
            return
        self._at[row.visit_id] = len(self.rows)
        self.rows.append(row)
        t = self._tally
        self._tally = Tally(
            t.label,
            t.visits + 1,
            t.asked + (row.outcome is not Outcome.NOT_ASKED),
            t.agreed + (row.outcome is Outcome.AGREED),
        )
        self.table.insertRow(0)
        self._fill(0, row)
        self._fit(0)
        self._show_figures()
        self._selection()

    def update_rows(self, rows: list[VisitRow]) -> None:
        """Rows changed by a sync or a withdrawal, rewritten where they stand."""
        for r in rows:
            i = self._at.get(r.visit_id)
            if i is not None:
                self.rows[i] = r
                self._fill(len(self.rows) - 1 - i, r)
                self._fit(len(self.rows) - 1 - i)
        self._selection()

    def refresh_sync(self, withdrawals: bool = False) -> None:
        """After a sync: read again only the rows not yet acknowledged (few, once synced);
        with ``withdrawals`` (learnt from the central, or made by code in the dialog) also
        the consents still shown as agreed."""
        ids = [
            r.visit_id
            for r in self.rows
            if r.sync_state is not SyncState.ACKED
            or (withdrawals and r.receipt and not r.withdrawn_at)
        ]
        if ids:
            self.worker.op(self, lambda s: s.visit_rows(ids)).success(self.update_rows).run()

    def _fill(self, i: int, r: VisitRow) -> None:
        outcome = label(OUTCOMES, r.outcome.value)
        if r.withdrawn_at:
            outcome = self.tr("{outcome} (withdrawn)").format(outcome=outcome)
        cells = (
            f"{local(r.at, self.zone):%H.%M}",
            r.service_code,
            outcome,
            r.phone_masked or "",
            r.receipt or "",
            label(SYNC_STATES, r.sync_state.value),
        )
        for col, text in enumerate(cells):
            item = self.table.item(i, col)
            if item is None:
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setToolTip(f"{r.service_name} ({r.agency_name})")
                item.setData(Qt.ItemDataRole.UserRole, r.visit_id)
                self.table.setItem(i, col, item)
            elif item.text() != text:
                item.setText(text)

    def _fit(self, i: int) -> None:
        """Widen a column for row ``i`` if it needs more room; never narrower."""
        hh, model = self.table.horizontalHeader(), self.table.model()
        for col in _FITTED:
            need = self.table.sizeHintForIndex(model.index(i, col)).width() + 1  # + grid
            if need > hh.sectionSize(col):
                hh.resizeSection(col, need)

    def _show_figures(self) -> None:
        t = self._tally
        self.figures.setText(
            self.tr("Visits: {v} · asked: {a} ({ar:.0%}) · agreed: {g} ({gr:.0%} of asked)").format(
                v=t.visits, a=t.asked, ar=t.ask_rate, g=t.agreed, gr=t.agree_rate
            )
        )

    def selected(self) -> VisitRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        i = self._at.get(items[0].data(Qt.ItemDataRole.UserRole))
        return None if i is None else self.rows[i]

    def select_receipt(self, receipt: str) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 4).text() == receipt:
                self.table.selectRow(i)
                return

    def _selection(self) -> None:
        r = self.selected()
        has = r is not None and r.receipt is not None
        self.reprint_button.setEnabled(has and r is not None and r.withdrawn_at is None)
        self.withdraw_button.setEnabled(has and r is not None and r.withdrawn_at is None)

    def reprint_last(self) -> None:
        """The newest slip of the day that can still be printed (one shortcut)."""
        for r in reversed(self.rows):
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
        ids = [r.visit_id for r in self.rows if r.receipt == code]  # rare: a scan is fine

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
            ).format(masked=masked, time=f"{local(at, self.zone):%H.%M}")
        )
        self.refresh_sync(withdrawals=True)  # a code of this counter: its row says so now
        self.changed.emit()

    def _error(self, exc: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Could not do that"), error_text(exc), parent=self
        )
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("today_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no box left behind
        box.finished.connect(lambda _r: self.done.emit())
        box.open()
