"""The four pages of a visit, as widgets only: what they show, not what the keys do.

``visit_flow.VisitFlow`` stacks them, wires their keys and runs the save; keeping the
layout (and the service list's filling) here keeps that file about the flow.
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
from ..domain.catalog import Campaign, Service
from ..domain.errors import InvalidPhone
from ..domain.records import NOT_ASKED_REASONS, Outcome
from .fields import NumberField, wipe
from .messages import NOT_ASKED, error_text, label
from .service_list import CounterServices, ordered


def big(w: QWidget, delta: int = 4, bold: bool = True) -> None:
    """Larger type: read across a counter, on 1366×768."""
    f = QFont(w.font())
    f.setPointSize(f.pointSize() + delta)
    f.setBold(bold)
    w.setFont(f)


def wrapped(label: QLabel) -> QLabel:
    """A hint that wraps: no line of help may widen the window past 1366 pixels."""
    label.setWordWrap(True)
    return label


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
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows from the filter drive it
        self.no_match = QLabel(self.tr("No service matches. Type fewer letters or a code."))
        self.no_match.setObjectName("no_match")
        self.no_match.setStyleSheet("color: #8a4b00;")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(title(self.tr("1. Service")))
        lay.addWidget(self.filter)
        lay.addWidget(self.no_match)
        lay.addWidget(self.list, 1)
        lay.addWidget(
            wrapped(
                QLabel(self.tr("★ this counter's favourites · ↻ used today · arrows, then Enter"))
            )
        )

    def list_services(self, services: tuple[Service, ...], prefs: CounterServices) -> None:
        """The services that match the filter's text, in the order ``ordered`` gives; the
        first is chosen once something is typed."""
        q = self.filter.text()
        self.list.clear()
        for s, mark in ordered(services, q, prefs):
            item = QListWidgetItem(
                f"{mark + ' ' if mark else ''}{s.code} — {s.name}  ({s.agency_name})"
            )
            item.setData(Qt.ItemDataRole.UserRole, s.code)
            self.list.addItem(item)
        self.no_match.setVisible(bool(q.strip()) and self.list.count() == 0)
        if self.list.count() and q.strip():
            self.list.setCurrentRow(0)


class ConsentStep(QWidget):
    """The notice to read aloud and the three answers (keys 1, 2, 3 or a click)."""

    answered = Signal(object)  # Outcome
    confirmed = Signal()  # "declined" saved by a click (Enter does it from the keys)

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
        self.confirm = QLabel()  # "Declined: Enter saves" — 2 never saves on its own
        self.confirm.setObjectName("confirm_declined")
        self.confirm.setWordWrap(True)
        big(self.confirm, 2)
        self.confirm.setStyleSheet("background: #eef3ff; border: 1px solid #7a95d6; padding: 6px;")
        self.confirm.hide()
        self.save_declined = QPushButton(self.tr('Save "declined" (Enter)'))
        self.save_declined.setObjectName("save_declined")
        self.save_declined.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_declined.clicked.connect(self.confirmed.emit)  # for the mouse
        self.save_declined.hide()
        row = QHBoxLayout()
        self.buttons = []
        for key, outcome, text in (
            (1, Outcome.AGREED, self.tr("[1] Agreed")),
            (2, Outcome.DECLINED, self.tr("[2] Declined")),
            (3, Outcome.NOT_ASKED, self.tr("[3] Not asked")),
        ):
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
        lay.addWidget(self.confirm)
        lay.addWidget(self.save_declined)
        lay.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_for(self, service: Service, campaign: Campaign) -> None:
        """The page for this visit: its service, the words to read, no answer chosen."""
        self.title.setText(
            self.tr("2. Consent — {service}").format(service=f"{service.code} {service.name}")
        )
        # Only the short script is read aloud; the full notice is on the slip, the poster
        # and the receipt page (a campaign from before scripts falls back to its notice).
        self.notice.setText(campaign.script)
        self.extra.setText(
            self.tr(
                "Survey: {name} · channel: {channel} · official sender: {sender} {number}"
            ).format(
                name=campaign.name,
                channel=campaign.channel,
                sender=campaign.official_sender_name,
                number=campaign.official_sender_number,
            )
        )
        self.show_declined(False)

    def show_declined(self, pending: bool) -> None:
        """2 chose "declined": say so, and that Enter saves it (Backspace takes it back)."""
        self.confirm.setText(
            self.tr("Declined. Enter saves · Backspace goes back") if pending else ""
        )
        self.confirm.setVisible(pending)
        self.save_declined.setVisible(pending)
        self.buttons[1].setDown(pending)


class PhoneStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = NumberField()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText("08…")
        self.phone.setMaxLength(phone_rules.MAX_INPUT)
        big(self.phone, 4, False)
        self.readback = QLabel()  # the typed digits, grouped, for the clerk to read back
        self.readback.setObjectName("phone_readback")
        self.readback.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        big(self.readback, 16)
        self.state = QLabel()
        self.state.setObjectName("phone_state")
        self.state.setWordWrap(True)
        big(self.state, 1, False)
        self.seen = QLabel()
        self.seen.setObjectName("phone_seen")
        self.seen.setWordWrap(True)
        self.seen.setStyleSheet("color: #8a4b00;")
        lay = QVBoxLayout(self)
        lay.addWidget(title(self.tr("3. Citizen's mobile number (WhatsApp)")))
        lay.addWidget(self.phone)
        lay.addWidget(self.readback)
        lay.addWidget(self.state)
        lay.addWidget(self.seen)
        lay.addWidget(
            wrapped(
                QLabel(
                    self.tr(
                        "Read the number back to the citizen. Enter "
                        "saves and prints the slip · Backspace on an "
                        "empty field goes back."
                    )
                )
            )
        )
        lay.addStretch(1)

    def check(self, active: bool) -> phone_rules.MobileNumber | None:
        """Read back what is typed and say whether it is a mobile number; the checked
        number (handed to the store as it is: not parsed again) or None."""
        text = self.phone.text()
        self.readback.setText(grouped(text))
        self.seen.setText("")
        if not text.strip():
            self.state.setStyleSheet("color: #444;")
            self.state.setText(self.tr("Type the number, e.g. 0812…") if active else "")
            return None
        try:
            number = phone_rules.parse(text)
        except InvalidPhone as exc:
            self.state.setStyleSheet("color: #b00020;")
            self.state.setText(error_text(exc))
            return None
        self.state.setStyleSheet("color: #1b5e20;")
        self.state.setText(self.tr("✓ {masked}").format(masked=phone_rules.mask(number.e164)))
        return number

    def show_seen(self) -> None:
        self.seen.setText(
            self.tr(
                "This number was already recorded today at this counter. "
                "Ask whether the citizen gave it before."
            )
        )

    def forget(self) -> None:
        """Nothing of this citizen's number stays in the page (field, read-back, hints)."""
        wipe(self.phone)
        for w in (self.readback, self.state, self.seen):
            w.setText("")


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
        lay.addWidget(
            wrapped(
                QLabel(self.tr("Pick a reason (1–5 or arrows), then Enter · Backspace goes back."))
            )
        )


def grouped(text: str) -> str:
    """Digits as a person reads them back: ``0812 0000 1234``, ``+62 812 0000 1234``."""
    digits = "".join(c for c in text if c.isdigit())
    head, rest = "", digits
    if text.lstrip().startswith("+") or digits.startswith("62"):
        head, rest = ("+62 ", digits[2:]) if digits.startswith("62") else ("+", digits)
    first = 3 if head == "+62 " else 4
    parts = [rest[:first]] + [rest[i : i + 4] for i in range(first, len(rest), 4)]
    return head + " ".join(p for p in parts if p)
