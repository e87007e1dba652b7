"""The table of today's visits: one row per visit, newest on top, and its figures.

It holds the day as last read (``rows``, in saving order) with an index by visit id and
the running tally, so that a save inserts one row and a sync or a withdrawal rewrites
only the rows it changed: a save costs the same at 400 visits as at 10. What to read and
when is the panel's business (gui/today.py); this class only shows what it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..domain.records import Outcome, VisitRow
from ..domain.timezones import local
from ..store.report import Tally, tally
from .messages import OUTCOMES, SYNC_STATES, label

_FITTED = (0, 2, 3, 4, 5)  # sized to their text; the service column takes the rest


class TodayTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.rows: list[VisitRow] = []  # in saving order; the table shows them newest first
        self._at: dict[str, int] = {}  # visit id -> index in self.rows
        self.tally = tally(())
        self.zone = "Asia/Jakarta"
        self.day: date | None = None  # the day listed, in the MPP's zone
        self.setObjectName("today_table")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Service"),
                self.tr("Consent"),
                self.tr("Number"),
                self.tr("Receipt"),
                self.tr("Sync"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the table, not cell by cell
        hh = self.horizontalHeader()
        # Not ResizeToContents: that measures every row again on each insert (a save at 400
        # rows cost 15 ms more than at 10). Columns are fitted once per full load, then
        # widened for the one new row when it needs it (_fit).
        for col in _FITTED:
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            hh.resizeSection(col, hh.sectionSizeHint(col))
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def show_rows(self, rows: list[VisitRow], zone: str) -> None:
        """The whole day, as read from the store."""
        self.rows, self.zone = list(rows), zone
        self.day = local(datetime.now(UTC), zone).date()
        self._at = {r.visit_id: i for i, r in enumerate(self.rows)}
        self.tally = tally(r for r in rows if r.voided_at is None)
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for i, r in enumerate(self.rows):
            self._fill(len(rows) - 1 - i, r)  # newest on top: the one just saved
        for col in _FITTED:
            self.resizeColumnToContents(col)

    def is_listed(self, row: VisitRow) -> bool:
        return row.visit_id in self._at

    def of_this_day(self, row: VisitRow) -> bool:
        """False past midnight: the row belongs to a new day, not to this list."""
        return self.day is not None and local(row.at, self.zone).date() == self.day

    def add_row(self, row: VisitRow) -> None:
        """A new visit of the listed day goes on top; nothing else is redrawn."""
        self._at[row.visit_id] = len(self.rows)
        self.rows.append(row)
        t = self.tally
        self.tally = Tally(
            t.label,
            t.visits + 1,
            t.asked + (row.outcome is not Outcome.NOT_ASKED),
            t.agreed + (row.outcome is Outcome.AGREED),
        )
        self.insertRow(0)
        self._fill(0, row)
        self._fit(0)

    def update_rows(self, rows: Iterable[VisitRow]) -> bool:
        """Rows changed by a sync or a withdrawal, rewritten where they stand; True when
        one was voided, so the tally changed."""
        recounted = False
        for r in rows:
            i = self._at.get(r.visit_id)
            if i is not None:
                voided = r.voided_at is not None and self.rows[i].voided_at is None
                self.rows[i] = r
                self._fill(len(self.rows) - 1 - i, r)
                self._fit(len(self.rows) - 1 - i)
                if voided:  # rare: the figures are counted again without it
                    self.tally = tally(x for x in self.rows if x.voided_at is None)
                    recounted = True
        return recounted

    def _fill(self, i: int, r: VisitRow) -> None:
        outcome = label(OUTCOMES, r.outcome.value)
        if r.voided_at:
            outcome = self.tr("Voided")
        elif r.withdrawn_at:
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
            item = self.item(i, col)
            if item is None:
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setToolTip(f"{r.service_name} ({r.agency_name})")
                item.setData(Qt.ItemDataRole.UserRole, r.visit_id)
                self.setItem(i, col, item)
            elif item.text() != text:
                item.setText(text)

    def _fit(self, i: int) -> None:
        """Widen a column for row ``i`` if it needs more room; never narrower."""
        hh, model = self.horizontalHeader(), self.model()
        for col in _FITTED:
            need = self.sizeHintForIndex(model.index(i, col)).width() + 1  # + grid
            if need > hh.sectionSize(col):
                hh.resizeSection(col, need)

    def selected(self) -> VisitRow | None:
        items = self.selectedItems()
        if not items:
            return None
        i = self._at.get(items[0].data(Qt.ItemDataRole.UserRole))
        return None if i is None else self.rows[i]

    def select_receipt(self, receipt: str) -> None:
        for i in range(self.rowCount()):
            if self.item(i, 4).text() == receipt:
                self.selectRow(i)
                return
