"""The About box (F1 on every screen): which version runs, for which counter, where its data is.

An MPP's IT person on the phone with the survey team needs these three facts first. The
version is the one from pyproject.toml (``mpp_counter.__version__``), the same the CLI's
``--version``, the installer's name and the sync User-Agent show. The MPP and counter
names live in the encrypted store, so a locked counter can only say that they show after
an unlock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

if TYPE_CHECKING:
    from ..domain.records import StoreStatus


def _value(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(
        self, data_dir: Path, status: StoreStatus | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from .. import __version__  # importlib.metadata: paid when the box opens, not at start

        self.setObjectName("about")
        self.setWindowTitle(self.tr("About MPP Counter"))
        title = QLabel(self.tr("<b>MPP Counter</b> — consent for the KPK integrity survey"))
        title.setWordWrap(True)
        self.version = _value(__version__, "about_version")
        if status is not None:
            where = self.tr("{mpp_name} ({mpp_code}), counter {counter}").format(
                mpp_name=status.mpp_name, mpp_code=status.mpp_code, counter=status.counter
            )
        else:
            where = self.tr("Shown after unlocking.")
        self.counter = _value(where, "about_counter")
        self.folder = _value(str(data_dir), "about_folder")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(title)
        form.addRow(self.tr("Version"), self.version)
        form.addRow(self.tr("MPP and counter"), self.counter)
        form.addRow(self.tr("Data folder"), self.folder)
        form.addRow(buttons)
        self.setMinimumWidth(520)
