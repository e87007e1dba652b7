"""The forgiving flow, by keys: a step back, 2 that only chooses, the line that says what
was chosen, Tab and Esc that never strand the keys, the number read back and wiped, the
"already given today" hint, stale feedback gone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mpp_counter.domain.records import Outcome

from .conftest import open_store, save_visit, settle, to_phone_step, unlock

SERVICE, CONSENT, PHONE, REASON = range(4)


def test_step_back_by_backspace_and_alt_left(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = window.screen.flow
    to_phone_step(qtbot, window, "0812")
    assert flow.steps.currentIndex() == PHONE
    assert flow.context.text() == (
        "Layanan: DUK-KTP Perekaman dan pencetakan KTP-el · Jawaban: Setuju"
    )
    for _ in range(4):  # Backspace deletes the digits first ...
        qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)
    assert flow.steps.currentIndex() == PHONE and flow.phone.text() == ""
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)  # ... then, on the empty field, goes back
    assert flow.steps.currentIndex() == CONSENT and flow.outcome is None
    assert flow.consent_page.hasFocus()
    assert flow.context.text() == "Layanan: DUK-KTP Perekaman dan pencetakan KTP-el"
    # the citizen has only a landline: not asked after all, then back again with Alt+Left
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_3)
    assert flow.steps.currentIndex() == REASON
    assert flow.context.text().endswith("Jawaban: Tidak ditanyakan")
    qtbot.keyClick(flow.reasons, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert flow.steps.currentIndex() == CONSENT
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Backspace)  # the wrong service
    assert flow.steps.currentIndex() == SERVICE and flow.service is None
    assert flow.filter.text() == "ktp" and flow.filter.hasFocus()  # pick again from here
    assert flow.context.text() == "Kunjungan baru: pilih layanan."
    qtbot.keyClick(flow.filter, Qt.Key.Key_Backspace)  # in the filter it only edits
    assert flow.filter.text() == "kt" and flow.steps.currentIndex() == SERVICE
    flow.filter.setText("")
    save_visit(qtbot, window, "0812-0000-7001", "skck")
    settle(qtbot, window)
    window.close()
    store = open_store(window.data_dir)
    try:
        assert [(r.service_code, r.outcome) for r in store.today()] == [
            ("POL-SKCK", Outcome.AGREED)
        ]  # nothing from the steps taken back
    finally:
        store.close()


def test_declined_needs_enter_and_can_be_taken_back(qtbot, window) -> None:
    unlock(qtbot, window)
    flow, table = window.screen.flow, window.screen.today.table
    qtbot.keyClicks(flow.filter, "skck")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_2)
    settle(qtbot, window)
    assert table.rowCount() == 0 and flow.steps.currentIndex() == CONSENT
    assert flow.consent_page.confirm.isVisible()
    assert flow.context.text().endswith("Jawaban: Menolak")
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Backspace)  # a slip of the finger
    assert flow.outcome is None and not flow.consent_page.confirm.isVisible()
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Return)  # no choice: Enter saves nothing
    settle(qtbot, window)
    assert table.rowCount() == 0
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_2)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_1)  # changed their mind: agreed
    assert flow.steps.currentIndex() == PHONE
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_2)
    qtbot.keyClick(flow.consent_page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10000)
    settle(qtbot, window)
    # by mouse: [2], then its "save" button
    qtbot.keyClicks(flow.filter, "skck")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    flow.answer_buttons[1].click()
    settle(qtbot, window)
    assert table.rowCount() == 1 and flow.consent_page.save_declined.isVisible()
    flow.consent_page.save_declined.click()
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=10000)
    assert table.item(0, 2).text() == "Menolak"
    assert flow.feedback.text().startswith("Tersimpan: POL-SKCK")
    qtbot.keyClicks(flow.filter, "k")  # the next visit starts: the old feedback goes
    assert flow.feedback.text() == "Siap melayani warga berikutnya."


def test_tab_and_esc_never_strand_the_keys(qtbot, window) -> None:
    unlock(qtbot, window)
    flow, today = window.screen.flow, window.screen.today
    save_visit(qtbot, window, "0812-0000-7002")
    settle(qtbot, window)
    to_phone_step(qtbot, window, "0812")
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert flow.phone.hasFocus()  # inside a visit Tab does not leave the step
    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    assert flow.filter.hasFocus()
    today.table.setFocus()  # however the keys got there (Shift+Tab, F6, a click)
    today.table.selectRow(0)
    qtbot.keyClick(today.table, Qt.Key.Key_Tab)
    assert not today.table.hasFocus()  # one Tab leaves the table, not the next cell
    today.table.setFocus()
    qtbot.keyClick(today.table, Qt.Key.Key_Escape)
    assert flow.filter.hasFocus()
    today.by_number_button.setFocus()  # a button of the list: Esc too
    qtbot.keyClick(today.by_number_button, Qt.Key.Key_Escape)
    assert flow.filter.hasFocus()
    reached = set()
    for _ in range(6):  # Shift+Tab from the filter, as far as it goes: Esc always comes back
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
        )
        here = QApplication.focusWidget()
        assert here is not None
        if here is not flow.filter:
            reached.add(here.objectName())
            qtbot.keyClick(here, Qt.Key.Key_Escape)
            assert flow.filter.hasFocus(), here.objectName() or type(here).__name__
            here.setFocus()
    assert "today_table" in reached  # the table was on the way, and let go with Esc


def test_number_read_back_grouped_then_wiped(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = window.screen.flow
    to_phone_step(qtbot, window, "081200007003")
    assert flow.readback.text() == "0812 0000 7003"
    qtbot.keyClick(flow.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.screen.today.table.rowCount() == 1, timeout=10000)
    settle(qtbot, window)
    assert flow.readback.text() == "" and flow.phone_seen.text() == ""
    assert flow.phone_state.text() == ""


def test_number_already_given_today_gets_a_hint(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = window.screen.flow
    save_visit(qtbot, window, "0812-0000-7004")
    settle(qtbot, window)
    to_phone_step(qtbot, window, "0812 0000 7004")  # the same number, typed differently
    settle(qtbot, window)
    assert "sudah tercatat hari ini" in flow.phone_seen.text()
    qtbot.keyClick(flow.phone, Qt.Key.Key_Backspace)
    qtbot.keyClicks(flow.phone, "5")  # another number: no hint
    settle(qtbot, window)
    assert flow.phone_seen.text() == ""
    qtbot.keyClick(flow.phone, Qt.Key.Key_Escape)
    # a lock (Ctrl+L, or idle) does not make the counter forget the morning
    window.lock()
    settle(qtbot, window)
    unlock(qtbot, window)
    flow = window.screen.flow
    to_phone_step(qtbot, window, "081200007004")
    settle(qtbot, window)
    assert "sudah tercatat hari ini" in flow.phone_seen.text()


def test_no_match_says_so_and_enter_does_nothing(qtbot, window) -> None:
    unlock(qtbot, window)
    flow = window.screen.flow
    qtbot.keyClicks(flow.filter, "zzzz")
    assert flow.no_match.isVisible() and flow.list.count() == 0
    assert flow.no_match.text().startswith("Tidak ada layanan yang cocok")
    qtbot.keyClick(flow.filter, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert flow.steps.currentIndex() == SERVICE and flow.service is None
    assert window.screen.today.table.rowCount() == 0
    flow.filter.setText("")
    assert not flow.no_match.isVisible()


def test_lock_screen_names_the_place_and_progress_is_not_red(qtbot, window) -> None:
    unlock(qtbot, window)
    window.lock()
    settle(qtbot, window)
    scr = window.screen
    assert scr.place.text() == "MPP Kota Uji · Loket 1"
    scr.user.setCurrentIndex(scr.user.findData("Sari"))
    qtbot.keyClicks(scr.secret, "999999")
    qtbot.keyClick(scr.secret, Qt.Key.Key_Return)
    assert scr.message.text() == "Memeriksa…"
    assert "b00020" not in scr.message.styleSheet()  # checking is not an error
    qtbot.waitUntil(lambda: not scr.busy.isVisible(), timeout=10000)
    assert "b00020" in scr.message.styleSheet()  # a wrong PIN is
