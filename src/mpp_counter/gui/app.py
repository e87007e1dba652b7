"""The program's window entry point: ``run(data_dir) -> exit code``.

Only what the first screen needs is imported here; the visit flow, the admin screens and
the slip printer load when first shown, which keeps the cold start near a bare window's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..resource_files import resource
from ..store import prefs as prefs_file
from .i18n import Language


def make_app(argv: list[str] | None = None) -> QApplication:
    # Qt's own dialogs, not the system's: ours speak the window's language (our .ts
    # translates them), a native one the PC's, often English on a counter PC.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("mpp-counter")
    app.setOrganizationName("mpp-counter")
    # The title bar's and task bar's icon wherever the program runs from (a wheel, a checkout):
    # the frozen build's executable carries it too, but X11 and Wayland ask the window.
    app.setWindowIcon(QIcon(str(resource("icons", "mpp-counter.png"))))
    f = app.font()
    if f.pointSize() < 11:  # read across a counter, on 1366×768
        f.setPointSize(11)
        app.setFont(f)
    return app


def build(data_dir: Path) -> tuple[QApplication, object]:
    """The app and its main window, not yet shown (the tests and the benchmarks use this)."""
    from .window import MainWindow

    app = make_app()
    prefs, problem = prefs_file.load(data_dir)
    language = Language(app)
    language.switch(prefs.language)
    return app, MainWindow(data_dir, prefs, language, problem)


def run(data_dir: Path) -> int:
    """Show the counter window on ``data_dir`` until it is closed; returns the exit code."""
    app, window = build(Path(data_dir))
    window.show()  # type: ignore[attr-defined]
    return int(app.exec())
