"""The four pages of a visit, as widgets only: what they show, not what the keys do.

``visit_flow.VisitFlow`` stacks them, wires their keys and runs the save; keeping the
layout here keeps that file about the flow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import phone as phone_rules
from ..domain.records import NOT_ASKED_REASONS, Outcome
from .fields import NumberField
from .messages import NOT_ASKED, label


def big(w: QWidget, delta: int = 4, bold: bool = True) -> None:
    """Larger type: read across a counter, on 1366×768."""
    f = QFont(w.font())
    f.setPointSize(f.pointSize() + delta)
    f.setBold(bold)
    w.setFont(f)


def title(text: str) -> QLabel:
    t = QLabel(text)
    t.setWordWrap(True)
    big(t)
    return t


class ServiceStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setObjectName("service_filter")
        self.filter.setPlaceholderText(self.tr("Type a code or words, e.g. ktp, skck"))
        big(self.filter, 2, False)
        self.list = QListWidget()
        self.list.setObjectName("service_list")
        self.list.setWordWrap(True)  # long Indonesian service names wrap, never scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title(self.tr("1. Service")))
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)


class ConsentStep(QWidget):
    """The notice to read aloud and the three answers (keys 1, 2, 3 or a click)."""

    answered = Signal(object)  # Outcome

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title("")
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        big(self.notice, 1, False)
        self.notice.setStyleSheet("background: #fffbe6; border: 1px solid #e0c96b; padding: 8px;")
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        self.extra.setStyleSheet("color: #444;")
        row = QHBoxLayout()
        self.buttons = []
        for key, outcome, text in ((1, Outcome.AGREED, self.tr("[1] Agreed")),
                                   (2, Outcome.DECLINED, self.tr("[2] Declined")),
                                   (3, Outcome.NOT_ASKED, self.tr("[3] Not asked"))):
            b = QPushButton(text)
            b.setObjectName(f"answer{key}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(44)
            b.clicked.connect(lambda _c=False, o=outcome: self.answered.emit(o))
            row.addWidget(b)
            self.buttons.append(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(QLabel(self.tr("Read this to the citizen:")))
        lay.addWidget(self.notice)
        lay.addWidget(self.extra)
        lay.addLayout(row)
        lay.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class PhoneStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = NumberField()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText("08…")
        self.phone.setMaxLength(phone_rules.MAX_INPUT)
        big(self.phone, 4, False)
        self.state = QLabel()
        self.state.setObjectName("phone_state")
        self.state.setWordWrap(True)
        big(self.state, 1, False)
        lay = QVBoxLayout(self)
        lay.addWidget(title(self.tr("3. Citizen's mobile number (WhatsApp)")))
        lay.addWidget(self.phone)
        lay.addWidget(self.state)
        lay.addWidget(QLabel(self.tr("Enter saves and prints the slip.")))
        lay.addStretch(1)


class ReasonStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reasons = QListWidget()
        self.reasons.setObjectName("reasons")
        for i, code in enumerate(NOT_ASKED_REASONS, 1):
            item = QListWidgetItem(f"[{i}] {label(NOT_ASKED, code)}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.reasons.addItem(item)
        lay = QVBoxLayout(self)
        lay.addWidget(title(self.tr("3. Why was the citizen not asked?")))
        lay.addWidget(self.reasons, 1)
        lay.addWidget(QLabel(self.tr("Pick a reason (1–5 or arrows), then Enter.")))
