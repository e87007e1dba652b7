"""Screenshots of every screen of the counter window, for the README and for review.

    python scripts/screenshots.py [--out docs/img]

Runs the real window under Xvfb at 1366×768 (it starts its own Xvfb when there is no
display; no xvfb-run or xauth needed) on a throw-away store with fake data (numbers from the
0812-0000-xxxx range), drives it by keys as a clerk would, and saves one PNG per screen.
The window is 1366×728: what is left of a 1366×768 screen under a 40-pixel taskbar.
Everything is in Bahasa Indonesia except the last picture, which shows English.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREEN, WINDOW = (1366, 768), (1366, 728)
CLERKS = (("Sari Wulandari", "2468101357"), ("Budi Santoso", "1357992468"))  # fit any PIN rule
PASSPHRASE = "kopi tubruk pagi hari"


def _own_xvfb() -> subprocess.Popen[bytes] | None:
    """Start Xvfb when there is no X display; None when there is. Xvfb itself picks a free
    display number and writes it to a pipe (-displayfd): no xvfb-run, so no xauth."""
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        sys.exit("screenshots: no DISPLAY and no Xvfb (apt install xvfb)")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [
            xvfb,
            "-displayfd",
            str(write_end),
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            f"{SCREEN[0]}x{SCREEN[1]}x24",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # "" when Xvfb exited instead
    if not number:
        proc.kill()
        sys.exit("screenshots: Xvfb did not start")
    os.environ["DISPLAY"] = f":{number}"
    return proc


def seed(data_dir: Path) -> None:
    """A store with a morning's worth of visits by two clerks."""
    from mpp_counter.domain.records import Outcome
    from mpp_counter.store.counter import CounterStore

    store = CounterStore.create(
        data_dir,
        mpp_code="MPP-3273",
        mpp_name="MPP Kota Bandung",
        counter="Loket 7 (Dukcapil)",
        zone="WIB",
        passphrase=PASSPHRASE,
    )
    for name, pin in CLERKS:
        store.add_clerk(name, pin)
    store.add_clerk("Dewi Lestari", "8024613579")
    store.close()
    A, D, N = Outcome.AGREED, Outcome.DECLINED, Outcome.NOT_ASKED
    plan = {
        CLERKS[0]: [
            ("DUK-KTP", A),
            ("DUK-KK", A),
            ("DUK-KTP", D),
            ("DUK-AKL", A),
            ("POL-SKCK", N, "minor"),
            ("DUK-KTP", A),
            ("SAM-PKB", D),
        ],
        CLERKS[1]: [
            ("DUK-KTP", A),
            ("IMI-PSP", N, "language"),
            ("DUK-KK", D),
            ("POL-SKCK", A),
            ("DUK-KTP", N, "no_phone"),
        ],
    }
    n = 0
    for (name, pin), visits in plan.items():
        store = CounterStore.open_clerk(data_dir, name, pin)
        try:
            for code, outcome, *reason in visits:
                phone = None
                if outcome is Outcome.AGREED:
                    n += 1
                    phone = f"0812-0000-{1000 + 37 * n:04d}"
                store.record(
                    code, outcome, phone=phone, not_asked_reason=reason[0] if reason else None
                )
        finally:
            store.close()


class Camera:
    def __init__(self, out: Path) -> None:
        from PySide6.QtWidgets import QApplication

        self.out, self.app, self.taken = out, QApplication.instance(), []  # type: ignore[var-annotated]
        out.mkdir(parents=True, exist_ok=True)

    def wait(self, win, ms: int = 250) -> None:  # type: ignore[no-untyped-def]
        """Let queued store work come back and the screen repaint."""
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + 20
        QTest.qWait(10)
        while (
            win.worker.busy or (win.screen_name == "unlock" and not win.screen.user.count())
        ) and time.monotonic() < deadline:
            QTest.qWait(20)
        QTest.qWait(ms)

    def shot(self, win, name: str) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QGuiApplication

        self.wait(win)
        g = win.frameGeometry()
        pix = QGuiApplication.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height())
        path = self.out / f"{name}.png"
        pix.save(str(path))
        self.taken.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _window(data_dir: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    from mpp_counter.gui.app import build

    _app, win = build(data_dir)
    win.setGeometry(0, 0, *WINDOW)
    win.show()
    while win.screen is None:  # the first screen is chosen on the store's thread
        QTest.qWait(10)
    return win


def wizard(cam: Camera, data_dir: Path) -> None:
    from PySide6.QtTest import QTest

    win = _window(data_dir)
    wiz = win.screen
    c = wiz.counter_page
    QTest.keyClicks(c.mpp_code, "MPP-3273")
    QTest.keyClicks(c.mpp_name, "MPP Kota Bandung")
    QTest.keyClicks(c.counter, "Loket 7 (Dukcapil)")
    cam.shot(win, "01-wizard-counter")
    wiz.next()
    a = wiz.admin_page
    QTest.keyClicks(a.pass1, PASSPHRASE)
    QTest.keyClicks(a.pass2, PASSPHRASE)
    cam.shot(win, "02-wizard-passphrase")
    wiz.next()
    k = wiz.clerk_page
    QTest.keyClicks(k.name, "Sari Wulandari")
    QTest.keyClicks(k.pin1, "1234")
    QTest.keyClicks(k.pin2, "1234")
    wiz.next()  # refused: the page says why
    cam.shot(win, "03-wizard-clerk-refused")
    wiz.next()
    for e in (k.pin1, k.pin2):
        e.clear()
        QTest.keyClicks(e, CLERKS[0][1])
    wiz.next()
    cam.shot(win, "04-wizard-printer")
    wiz.next()
    page = wiz.central_page
    QTest.keyClicks(page.address, "pusat.spi.example.go.id")
    QTest.keyClicks(page.code, "ABCD-EFGH-JKMN")
    wiz.next()  # no https://: refused on the page, nothing made
    cam.shot(win, "17-wizard-central-refused")
    win.close()


def counter(cam: Camera, data_dir: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    win = _window(data_dir)
    cam.wait(win)
    scr = win.screen
    scr.user.setCurrentIndex(scr.user.findData(CLERKS[0][0]))
    QTest.keyClicks(scr.secret, "999999")
    QTest.keyClick(scr.secret, Qt.Key.Key_Return)
    cam.wait(win)
    cam.shot(win, "05-unlock-wrong-pin")
    QTest.qWait(1200)
    QTest.keyClicks(scr.secret, CLERKS[0][1])
    QTest.keyClick(scr.secret, Qt.Key.Key_Return)
    cam.wait(win, 400)
    flow = win.screen.flow
    QTest.keyClicks(flow.filter, "ktp")
    cam.shot(win, "06-visit-service-filter")
    QTest.keyClick(flow.filter, Qt.Key.Key_Return)
    cam.shot(win, "07-visit-consent-question")
    QTest.keyClick(flow.consent_page, Qt.Key.Key_1)
    QTest.keyClicks(flow.phone, "0212345678")
    cam.shot(win, "08-visit-phone-refused")
    flow.phone.clear()
    QTest.keyClicks(flow.phone, "0812-0000-4321")
    cam.shot(win, "09-visit-phone-masked")
    QTest.keyClick(flow.phone, Qt.Key.Key_Return)
    cam.wait(win, 600)
    cam.shot(win, "10-today-after-save")
    QTest.keyClicks(flow.filter, "skck")
    QTest.keyClick(flow.filter, Qt.Key.Key_Return)
    QTest.keyClick(flow.consent_page, Qt.Key.Key_3)
    QTest.keyClick(flow.reasons, Qt.Key.Key_2)
    cam.shot(win, "11-visit-not-asked-reason")
    QTest.keyClick(flow.reasons, Qt.Key.Key_Escape)
    win.lock()
    cam.wait(win)
    scr = win.screen
    scr.user.setCurrentIndex(scr.user.count() - 1)
    QTest.keyClicks(scr.secret, PASSPHRASE)
    QTest.keyClick(scr.secret, Qt.Key.Key_Return)
    cam.wait(win, 400)
    adm = win.screen
    cam.shot(win, "12-admin-clerks")
    adm.tabs.setCurrentWidget(adm.settings)
    cam.shot(win, "13-admin-settings")
    adm.tabs.setCurrentWidget(adm.enrolment)
    QTest.keyClicks(adm.enrolment.address, "https://pusat.spi.example.go.id")
    QTest.keyClicks(adm.enrolment.code, "bukan kode!")
    QTest.keyClick(adm.enrolment.code, Qt.Key.Key_Return)  # refused before any network
    cam.shot(win, "18-admin-enrolment")
    adm.tabs.setCurrentWidget(adm.report)
    cam.shot(win, "14-admin-report-per-service")
    adm.report.group.setCurrentIndex(adm.report.group.findData("clerk"))
    adm.report.refresh()
    cam.shot(win, "15-admin-report-per-clerk")
    win.lock()
    cam.wait(win)
    win.switch_language("en")
    cam.wait(win)
    scr = win.screen
    scr.user.setCurrentIndex(scr.user.findData(CLERKS[1][0]))
    QTest.keyClicks(scr.secret, CLERKS[1][1])
    QTest.keyClick(scr.secret, Qt.Key.Key_Return)
    cam.wait(win, 400)
    flow = win.screen.flow
    QTest.keyClicks(flow.filter, "paspor")
    QTest.keyClick(flow.filter, Qt.Key.Key_Return)
    cam.shot(win, "16-english-consent-question")
    win.switch_language("id")  # leave the throw-away store's prefs as they were
    cam.wait(win)
    win.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args(argv)
    xvfb = _own_xvfb()
    try:
        return _take(args.out)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def _take(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kdf_hook"))
    __import__("fast_kdf").install()  # the tests' cheap KDF, in this process only
    from mpp_counter.gui.app import make_app

    app = make_app()
    cam = Camera(out.resolve())
    with tempfile.TemporaryDirectory(prefix="mpp-shots-") as tmp:
        wizard(cam, Path(tmp) / "new")
        seed(Path(tmp) / "store")
        counter(cam, Path(tmp) / "store")
    app.processEvents()
    print(f"{len(cam.taken)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
