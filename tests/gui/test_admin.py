"""The administrator's screens: the report's chart and CSV, and resetting a clerk's PIN."""

from __future__ import annotations

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton

from mpp_counter.domain.errors import WrongSecret
from mpp_counter.domain.records import Outcome
from mpp_counter.gui.admin.clerks import PinDialog
from mpp_counter.gui.admin.report import AGREED, ASKED, VISITS
from mpp_counter.store.counter import CounterStore

from .conftest import CLERK, PASSPHRASE, PIN, settle, unlock

NUMBERS = ("0812-0000-1111", "0812-0000-2222", "0812-0000-3333")


def _seed(data_dir: Path) -> None:
    s = CounterStore.open_clerk(data_dir, CLERK, PIN)
    try:
        for n in NUMBERS:
            s.record("DUK-KTP", Outcome.AGREED, phone=n)
        s.record("DUK-KTP", Outcome.DECLINED)
        s.record("POL-SKCK", Outcome.NOT_ASKED, not_asked_reason="minor")
    finally:
        s.close()


@pytest.fixture
def admin(qtbot, window):  # type: ignore[no-untyped-def]
    _seed(window.data_dir)
    unlock(qtbot, window, "admin", PASSPHRASE)
    assert window.screen_name == "admin"
    return window


def _colours(widget) -> set[str]:  # type: ignore[no-untyped-def]
    img = widget.grab().toImage()
    return {
        img.pixelColor(x, y).name()
        for x in range(0, img.width(), 3)
        for y in range(0, img.height(), 3)
    }


def test_report_chart_for_a_date_range(qtbot, admin) -> None:
    page = admin.screen.report
    admin.screen.tabs.setCurrentWidget(page)
    settle(qtbot, admin)
    today = page.d2.date()
    page.d1.setDate(today.addDays(-3))
    page.findChild(QPushButton, "show").click()
    settle(qtbot, admin)
    by_label = {t.label.split(" ")[0]: t for t in page.chart.tallies}
    assert set(by_label) == {"DUK-KTP", "POL-SKCK"}
    ktp = by_label["DUK-KTP"]
    assert (ktp.visits, ktp.asked, ktp.agreed) == (4, 4, 3)
    assert by_label["POL-SKCK"].asked == 0
    assert page.summary.text().startswith("5 kunjungan")
    page.chart.resize(900, page.chart.minimumHeight())
    seen = _colours(page.chart)
    assert {VISITS.name(), ASKED.name(), AGREED.name()} <= seen  # three bars painted

    page.group.setCurrentIndex(page.group.findData("clerk"))
    page.findChild(QPushButton, "show").click()
    settle(qtbot, admin)
    assert [t.label for t in page.chart.tallies] == [CLERK]

    page.d1.setDate(today.addDays(-9))  # a range before the visits: an empty chart
    page.d2.setDate(today.addDays(-8))
    page.findChild(QPushButton, "show").click()
    settle(qtbot, admin)
    assert page.chart.tallies == [] and page.summary.text().startswith("0 kunjungan")
    assert ASKED.name() not in _colours(page.chart)


def test_report_dates_are_the_mpps_today(qtbot, admin) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    page = admin.screen.report
    settle(qtbot, admin)
    wib = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
    assert page.d2.date() == QDate(wib.year, wib.month, wib.day)
    assert page.d1.date() == QDate(*(wib - timedelta(days=6)).timetuple()[:3])


def test_csv_export_has_no_number(qtbot, admin, tmp_path: Path) -> None:
    page = admin.screen.report
    settle(qtbot, admin)
    out = tmp_path / "report.csv"
    page.export(out)
    qtbot.waitUntil(lambda: bool(page.note.text()), timeout=10000)
    assert "5" in page.note.text() and str(out) in page.note.text()
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 5
    assert sorted(r["service_code"] for r in rows) == ["DUK-KTP"] * 4 + ["POL-SKCK"]
    for n in NUMBERS:
        digits = n.replace("-", "")
        assert digits not in text and n not in text and digits[1:] not in text
    assert not re.search(r"\+?62\s?8\d{8,}|08\d{8,}|xxxx", text)  # not even masked


def test_reset_pin_of_a_clerk(qtbot, admin) -> None:
    page = admin.screen.clerks
    settle(qtbot, admin)
    names = [page.list.item(i).text() for i in range(page.list.count())]
    assert "Budi" in names and CLERK in names
    page.list.setCurrentRow(names.index("Budi"))
    page.reset_button.click()
    dlg = page.findChild(PinDialog)
    assert dlg is not None and dlg.isVisible() and dlg.name.text() == "Budi"
    assert dlg.name.isReadOnly()
    qtbot.keyClicks(dlg.pin1, "9753186420")
    qtbot.keyClicks(dlg.pin2, "9753186421")
    save = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Simpan")
    save.click()
    assert dlg.isVisible() and dlg.error.text()  # two different PINs: refused, why
    dlg.pin2.clear()
    qtbot.keyClicks(dlg.pin2, "9753186420")
    save.click()
    qtbot.waitUntil(lambda: "Budi" in page.note.text(), timeout=10000)
    settle(qtbot, admin)
    admin.close()
    with pytest.raises(WrongSecret):
        CounterStore.open_clerk(admin.data_dir, "Budi", "135799")
    CounterStore.open_clerk(admin.data_dir, "Budi", "9753186420").close()
    CounterStore.open_clerk(admin.data_dir, CLERK, PIN).close()  # the others keep theirs
