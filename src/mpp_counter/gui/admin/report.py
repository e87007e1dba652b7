"""The administrator's report: visits, ask rate and consent rate per service or clerk.

A bar chart painted with QPainter (no QtCharts: not in PySide6-Essentials) over figures
computed by ``store.report`` from the visit rows, and a CSV export without any number.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.timezones import local
from ...store import report
from ...store.counter import CounterStore
from ..messages import error_text
from ..worker import StoreWorker

VISITS, ASKED, AGREED = QColor("#90a4ae"), QColor("#1e88e5"), QColor("#2e7d32")
ROW_H, LABEL_W = 34, 300


class BarChart(QWidget):
    """Horizontal bars: visits (grey), asked (blue) and agreed (green) on one scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tallies: list[report.Tally] = []
        # Fills the scroll area (white to the bottom); grows past it when there are many rows.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)

    def set_tallies(self, tallies: list[report.Tally]) -> None:
        self.tallies = tallies
        self.setMinimumHeight(max(60, 20 + ROW_H * len(tallies)))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.tallies:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No visits."))
            return
        top = max(t.visits for t in self.tallies) or 1
        fm = p.fontMetrics()
        figures_w = fm.horizontalAdvance("0000 · 100% · 100%") + 16
        label_w = max(LABEL_W, int(self.width() * 0.38))  # service names are long
        bar_w = max(40.0, self.width() - label_w - figures_w - 24)
        for i, t in enumerate(self.tallies):
            y = 10 + i * ROW_H
            text = fm.elidedText(t.label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.setPen(QColor("black"))
            p.drawText(
                QRectF(8, y, label_w - 8, ROW_H - 6),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            x = label_w + 8
            for value, colour, h_off, h in (
                (t.visits, VISITS, 0, ROW_H - 8),
                (t.asked, ASKED, 5, ROW_H - 18),
                (t.agreed, AGREED, 9, ROW_H - 26),
            ):
                p.fillRect(QRectF(x, y + h_off, bar_w * value / top, h), colour)
            p.drawText(
                QRectF(x + bar_w + 8, y, figures_w, ROW_H - 6),
                Qt.AlignmentFlag.AlignVCenter,
                f"{t.visits} · {t.ask_rate:.0%} · {t.agree_rate:.0%}",
            )
        p.end()


class ReportPage(QWidget):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        today = QDate.currentDate()  # the PC's date until the store tells the MPP's own
        self.d1, self.d2 = QDateEdit(today.addDays(-6)), QDateEdit(today)
        for d, n in ((self.d1, "from"), (self.d2, "to")):
            d.setObjectName(n)
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd-MM-yyyy")
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.group.addItem(self.tr("per service"), "service")
        self.group.addItem(self.tr("per clerk"), "clerk")
        show = QPushButton(self.tr("Show"))
        show.setObjectName("show")
        show.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self._ask_export)
        top = QHBoxLayout()
        for w in (
            QLabel(self.tr("From")),
            self.d1,
            QLabel(self.tr("to")),
            self.d2,
            self.group,
            show,
        ):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        legend = QLabel(
            self.tr(
                "Grey: visits · blue: asked · green: agreed. Figures: visits · "
                "asked share · agreed share of asked."
            )
        )
        legend.setWordWrap(True)
        self.chart = BarChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(legend)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.note)
        worker.op(self, lambda s: local(datetime.now(UTC), s.zone).date()).success(
            self._set_today
        ).failure(lambda _e: self.refresh()).run()

    def _set_today(self, today: date) -> None:
        """The last seven days in the MPP's zone (east Indonesia is up to 9 hours ahead)."""
        self.d2.setDate(QDate(today.year, today.month, today.day))
        self.d1.setDate(self.d2.date().addDays(-6))
        self.refresh()

    def dates(self) -> tuple[date, date]:
        a, b = self.d1.date().toPython(), self.d2.date().toPython()
        return (a, b) if a <= b else (b, a)

    def refresh(self) -> None:
        d1, d2 = self.dates()
        per = report.by_clerk if self.group.currentData() == "clerk" else report.by_service

        def work(s: CounterStore) -> tuple[report.Tally, list[report.Tally]]:
            rows = s.rows_between(d1, d2)
            return report.tally(rows), per(rows)

        self.worker.op(self, work).success(self._show).failure(
            lambda e: self.note.setText(error_text(e))
        ).run()

    def _show(self, result: tuple[report.Tally, list[report.Tally]]) -> None:
        total, per = result
        self.summary.setText(
            self.tr("{v} visits · asked {ar:.0%} · agreed {gr:.0%} of asked").format(
                v=total.visits, ar=total.ask_rate, gr=total.agree_rate
            )
        )
        self.chart.set_tallies(per)

    def _ask_export(self) -> None:
        d1, d2 = self.dates()
        name = f"mpp-counter-{d1:%Y%m%d}-{d2:%Y%m%d}.csv"
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), str(Path.home() / name), "CSV (*.csv)"
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write the CSV (no number in any form) on the worker; tells how many rows."""
        d1, d2 = self.dates()

        def work(s: CounterStore) -> int:
            with open(path, "w", encoding="utf-8", newline="") as f:
                return s.export_csv(f, d1, d2)

        self.worker.op(self, work).success(
            lambda n: self.note.setText(
                self.tr("{n} rows written to {path}").format(n=n, path=str(path))
            )
        ).failure(lambda e: self.note.setText(error_text(e))).run()
