"""The main window: which screen shows (set-up, unlock, counter, admin) and locking.

It owns the store worker, the printer queue, the idle watcher and the preferences, and
hands each screen what it needs (no global); slips go out through its SlipDesk
(gui/slip_desk.py). Screens are rebuilt rather than patched when the language changes or
the counter locks: a locked window keeps nothing of the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ..domain.errors import ConfigInvalid
from ..store import prefs as prefs_file
from ..store.prefs import Prefs
from .i18n import Language
from .idle import IdleWatcher
from .messages import error_text
from .slip_desk import SlipDesk
from .statusbar import CounterStatusBar
from .worker import Background, StoreWorker

if TYPE_CHECKING:  # loaded on the worker thread, not before the first screen shows
    from PySide6.QtGui import QCloseEvent

    from ..domain.records import StoreStatus
    from ..store.counter import Session
    from ..sync.worker import SyncEvent
    from .sync_link import SyncLink


class MainWindow(QMainWindow):
    screen_changed = Signal(str)  # "wizard" | "unlock" | "counter" | "admin"

    def __init__(
        self,
        data_dir: Path,
        prefs: Prefs,
        language: Language,
        prefs_problem: ConfigInvalid | None = None,
    ) -> None:
        super().__init__()
        self.data_dir, self.prefs, self.language = data_dir, prefs, language
        self.worker = StoreWorker()
        self.background = Background(self.worker)
        self.session: Session | None = None
        self.sync: SyncLink | None = None  # started at the first unlock, lives until close
        self.last_sync_event: SyncEvent | None = None  # for an admin screen built later
        self.closing = False  # a sync event still queued at close finds no store to ask
        self.screen: QWidget | None = None
        self.screen_name = ""
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.status = CounterStatusBar()
        self.setStatusBar(self.status)
        self.slips = SlipDesk(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, prefs.idle_seconds)
        self.idle.idle.connect(self.lock)
        # Ctrl+L and F1 work in this window (every screen, the wizard's too); from the first
        # unlock on, in its dialogs as well (_widen_shortcuts). Not here: the first use of
        # the ``Qt`` namespace costs ~10 ms, a tenth of a bare window's start.
        self.shortcuts = (
            QShortcut(QKeySequence("Ctrl+L"), self),
            QShortcut(QKeySequence("F1"), self),
        )
        self.shortcuts[0].activated.connect(self.lock)
        self.shortcuts[1].activated.connect(self.show_about)
        self.store_status: StoreStatus | None = None  # the last one read; None when locked
        self.resize(1280, 720)
        self._retitle()
        if prefs_problem is not None:
            self.status.showMessage(
                self.tr("Preferences file ignored: {reason}").format(
                    reason=error_text(prefs_problem)
                ),
                15000,
            )
        # No store code is needed to choose: the unlock screen shows at once and the worker
        # loads the store's code while it fetches the clerks' names.
        if self.worker.exists(data_dir):
            self.show_unlock()
        else:
            self.show_wizard()

    def _retitle(self) -> None:
        self.setWindowTitle(self.tr("MPP Counter — consent for the integrity survey"))
        self.status.show_printer(self.prefs.printer)

    def _set_screen(self, widget: QWidget, name: str) -> None:
        old = self.screen
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.screen, self.screen_name = widget, name
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.screen_changed.emit(name)

    # --- screens ---------------------------------------------------------------------------
    def show_wizard(self) -> None:
        from .wizard import SetupWizard

        wiz = SetupWizard(self.worker, self.data_dir, self.prefs, background=self.background)
        wiz.created.connect(self._setup_done)
        wiz.note.connect(lambda text: self.status.showMessage(text, 15000))
        wiz.rejected.connect(self.close)
        self._set_screen(wiz, "wizard")

    def _setup_done(self, prefs: Prefs) -> None:
        self.worker.lock()  # the wizard's admin session ends: set-up ends on the unlock screen
        self.set_prefs(prefs)
        self.show_unlock()

    def show_unlock(self) -> None:
        from .unlock import UnlockScreen

        scr = UnlockScreen(self.worker, self.data_dir, self.language.code)
        scr.unlocked.connect(self.on_unlocked)
        scr.language_chosen.connect(self.switch_language)
        self._set_screen(scr, "unlock")
        scr.focus()

    def _widen_shortcuts(self) -> None:
        from PySide6.QtCore import Qt

        for shortcut in self.shortcuts:
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)

    def on_unlocked(self, session: Session) -> None:
        self._widen_shortcuts()
        self.session = session
        self.status.show_user(session.role, session.user)
        self.idle.set_seconds(self.prefs.idle_seconds)
        self.idle.start()
        if session.role == "admin":
            from .admin.screen import AdminScreen

            adm = AdminScreen(self.worker, self.data_dir, self.prefs, self.background)
            adm.prefs_changed.connect(self.set_prefs)
            adm.reprint.connect(self.slips.preview)
            adm.changed.connect(self.refresh_status)
            adm.enrolled.connect(self._enrolled)
            if self.last_sync_event is not None:
                adm.show_sync(self.last_sync_event)  # a revoked device shows at once
            self._set_screen(adm, "admin")
        else:
            from .counter_screen import CounterScreen

            scr = CounterScreen(self.worker)
            scr.flow.saved.connect(self._visit_saved)
            scr.today.reprint.connect(self.slips.preview)
            scr.today.changed.connect(self.refresh_status)
            scr.banner.retry.connect(self.slips.print_slip)
            scr.banner.save_pdf.connect(self.slips.ask_pdf)
            self._set_screen(scr, "counter")
            scr.load()
            from .citizen_screen import open_for

            open_for(scr, self.worker, self.prefs)  # a second screen: notice, masked number
        self.refresh_status()
        self._start_sync()

    # --- background sync ---------------------------------------------------------------
    def _start_sync(self) -> None:
        if self.sync is None:
            from .sync_link import SyncLink

            self.sync = SyncLink(self.worker, self)
            self.sync.event.connect(self._sync_event)
            self.sync.start()
        else:
            self.sync.nudge()

    def _sync_event(self, event: SyncEvent) -> None:
        if self.closing:
            return
        if event.kind.value != "store_unavailable":
            self.last_sync_event = event
        if self.session is None:
            return
        self.status.show_sync(event)
        show = getattr(self.screen, "show_sync", None)
        if show is not None:
            show(event)  # the admin's enrolment page: revoked, or the last sync
        if event.kind.value in ("synced", "failed", "revoked"):
            self.refresh_status()
            today = getattr(self.screen, "today", None)
            if today is not None:
                report = event.report
                # the sync column (waiting -> sent or rejected), and consents withdrawn elsewhere
                today.refresh_sync(withdrawals=bool(report and report.withdrawn_elsewhere))
        if event.kind.value != "syncing":  # a new catalog or campaign, or another enrolment
            reload = getattr(self.screen, "reload_catalog", None)
            if reload is not None:
                reload()

    def _enrolled(self) -> None:
        """Enrolled from the admin screen: the status bar and the sync follow, no relock."""
        self.refresh_status()
        if self.sync is not None:
            self.sync.nudge()

    def lock(self) -> None:
        """Ctrl+L or idle: drop the store (keys overwritten on the worker) and the screens."""
        if self.session is None:
            return
        self.idle.stop()
        self.session = None
        self.store_status = None
        self.slips.close_shown()  # its QR secret does not outlive the session
        self.worker.lock()
        self.status.show_locked()
        self.show_unlock()

    # --- after a save --------------------------------------------------------------------
    def _visit_saved(self, saved: object) -> None:
        from .visit_save import Saved

        assert isinstance(saved, Saved)
        scr = self.screen
        if self.screen_name == "counter" and saved.row is not None:
            scr.today.add_row(saved.row)  # type: ignore[union-attr]
        if saved.slip is not None:
            self.slips.print_slip(saved.slip)
        self.refresh_status()
        if self.sync is not None:
            self.sync.nudge()

    def refresh_status(self) -> None:
        self.worker.op(self, lambda s: s.status(totals=False)).success(self._show_status).failure(
            lambda e: self.status.show_store_error(error_text(e))
        ).run()

    def _show_status(self, st: StoreStatus) -> None:
        if self.session is None:
            return  # locked while the answer was on its way
        self.store_status = st
        self.status.show_status(st)
        place = f"{st.mpp_name} · {st.counter}"
        if self.prefs.place != place:  # for the lock screen, which cannot read the store
            self.set_prefs(self.prefs.with_(place=place))

    def show_about(self) -> None:
        from PySide6.QtCore import Qt

        from .about import AboutDialog

        box = AboutDialog(self.data_dir, self.store_status if self.session else None, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self.refocus)
        box.open()

    def refocus(self, *_args: object) -> None:
        """After a dialog: the keys go back to the visit (the counter screen knows where)."""
        refocus = getattr(self.screen, "refocus", None)
        if refocus is not None:
            refocus()

    # --- preferences and language ---------------------------------------------------------
    def set_prefs(self, prefs: Prefs) -> None:
        old, self.prefs = self.prefs, prefs
        d = self.data_dir
        self.worker.task(self, lambda: prefs_file.save(d, prefs)).failure(
            lambda e: self.status.showMessage(error_text(e), 15000)
        ).run()
        self.idle.set_seconds(prefs.idle_seconds)
        if prefs.language != old.language:
            self.switch_language(prefs.language, save=False)
        self._retitle()

    def switch_language(self, lang: str, save: bool = True) -> None:
        if save and lang != self.prefs.language:
            self.set_prefs(self.prefs.with_(language=lang))
            return
        self.language.switch(lang)
        self.status.clearMessage()  # said in the old language
        self._retitle()
        if self.session is not None:
            self.status.show_user(self.session.role, self.session.user)
            self.on_unlocked(self.session)  # rebuild the screen in the new language
        elif self.screen_name == "unlock":
            self.show_unlock()
        else:
            self.status.show_locked()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.closing = True
        self.idle.stop()
        if self.sync is not None:
            self.sync.stop()
        self.background.wait(10000)
        self.worker.shutdown()
        super().closeEvent(event)
