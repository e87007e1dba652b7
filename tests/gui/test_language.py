"""Bahasa Indonesia by default, English on request: real widgets, the real catalogues."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from .conftest import PASSPHRASE, settle, start_window, unlock

TS = Path(__file__).resolve().parents[2] / "src" / "mpp_counter" / "resources" / "i18n"


def _english_only() -> set[str]:
    """English sources whose Indonesian text differs: seeing one means a missed ``tr``."""
    out = set()
    for m in ET.parse(TS / "mpp_counter_id.ts").getroot().iter("message"):
        src, tr = m.findtext("source") or "", m.findtext("translation") or ""
        if tr and tr != src:
            key = src.split("{")[0].strip() if "{" in src else src
            if not tr.startswith(key):  # "Printer: {name} (failed)": the prefix is shared
                out.add(key)
    return {s for s in out if len(s) >= 4}


def texts(root: QWidget) -> list[str]:
    """Every text a person can read on ``root`` and its children (hidden steps included)."""
    out = [root.window().windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            out += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount())]
    return [t for t in out if t]


def english_seen(root: QWidget) -> list[str]:
    english = _english_only()
    return sorted(
        {t for t in texts(root) for e in english if t == e or (len(e) >= 8 and t.startswith(e))}
    )


def test_indonesian_by_default_everywhere(qtbot, window) -> None:
    scr = window.screen
    assert scr.findChild(QLabel).text() == "Buka kunci loket"
    assert english_seen(window) == []
    unlock(qtbot, window)
    flow = window.screen.flow
    assert flow.feedback.text() == "Siap melayani warga berikutnya."
    qtbot.keyClicks(flow.filter, "ktp")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    assert flow.answer_buttons[0].text() == "[1] Setuju"
    assert english_seen(window) == []
    assert "Petugas" in window.status.user.text()
    qtbot.keyClick(window.screen, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.screen_name == "unlock", timeout=5000)
    unlock(qtbot, window, "admin", PASSPHRASE)
    tabs = window.screen.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
    settle(qtbot, window)
    assert [tabs.tabText(i) for i in range(tabs.count())][0] == "Petugas"
    assert english_seen(window) == []


def test_switch_to_english_and_back(qtbot, window) -> None:
    scr = window.screen
    scr.lang.setCurrentIndex(scr.lang.findData("en"))
    qtbot.waitUntil(lambda: window.screen is not scr, timeout=5000)
    settle(qtbot, window)
    assert window.screen.findChild(QLabel).text() == "Unlock the counter"
    assert window.screen.user.itemText(window.screen.user.count() - 1) == "Administrator"
    assert json.loads((window.data_dir / "prefs.json").read_text())["language"] == "en"
    unlock(qtbot, window)
    flow = window.screen.flow
    assert flow.feedback.text() == "Ready for the next citizen."
    assert window.status.user.text() == "Clerk: Sari"
    headers = [window.screen.today.table.horizontalHeaderItem(i).text() for i in range(6)]
    assert headers[:3] == ["Time", "Service", "Consent"]
    qtbot.keyClicks(flow.filter, "ktp")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)
    qtbot.keyClicks(flow.phone, "0212345678")
    assert "landline" in flow.phone_state.text()  # the core's error, in English
    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    assert flow.feedback.text() == "Visit cancelled: nothing was saved."
    window.close()

    # the choice is kept for the next start; the settings page turns it back
    win = start_window(qtbot, window.data_dir)
    settle(qtbot, win)
    assert win.screen.findChild(QLabel).text() == "Unlock the counter"
    unlock(qtbot, win, "admin", PASSPHRASE)
    page = win.screen.settings
    settle(qtbot, win)
    page.language.setCurrentIndex(page.language.findData("id"))
    page.save_button.click()
    qtbot.waitUntil(lambda: win.language.code == "id", timeout=5000)
    settle(qtbot, win)
    assert win.screen.tabs.tabText(0) == "Petugas"
    assert json.loads((win.data_dir / "prefs.json").read_text())["language"] == "id"
    win.close()
