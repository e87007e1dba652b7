"""The screen facing the citizen, where the counter has a second one.

The clerk reads only a short script; the full notice (UU PDP Ps. 21) is on the slip, the
poster, and here: while no number is being typed this screen shows the campaign's whole
notice, and while the clerk types a valid number it shows that number *masked*
(``08xx-xxxx-1234``) so the citizen can check the last digits the slip will carry. The
full number never reaches this screen: only :func:`phone.mask` of a complete, valid number
does, and the field's emptying after a save (or Esc) brings the notice back.

Which screen: the first one that is not the primary (where the counter window is), and
only when there are two or more and the setting allows it (``Prefs.citizen_screen``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from ..domain import phone as phone_rules
from ..domain.catalog import Campaign
from ..domain.errors import InvalidPhone
from ..domain.notice import build_notice

if TYPE_CHECKING:
    from ..store.counter import CounterStore
    from ..store.prefs import Prefs
    from .counter_screen import CounterScreen
    from .worker import StoreWorker

S = TypeVar("S")


def pick_screen(screens: Sequence[S], primary: S | None, enabled: bool = True) -> S | None:
    """The screen for the citizen: the first that is not the primary, if there are 2+."""
    if not enabled or len(screens) < 2:
        return None
    return next((s for s in screens if s is not primary), None)


class CitizenScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # keys stay the clerk's
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("citizen_screen")
        self.setWindowTitle(self.tr("For the citizen"))
        self.setStyleSheet("background: white; color: #111;")
        self.title = QLabel()
        self.title.setObjectName("citizen_title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = QLabel()
        self.notice.setObjectName("citizen_notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.notice)
        self.scroll = scroll
        self.ask = QLabel(self.tr("Is this your number? Check the last four digits."))
        self.ask.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel()
        self.number.setObjectName("citizen_number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w, size in ((self.title, 24), (self.ask, 28), (self.number, 64)):
            f = w.font()
            f.setPixelSize(size)
            f.setBold(w is not self.ask)
            w.setFont(f)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 32, 48, 32)
        lay.addWidget(self.title)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.ask)
        lay.addWidget(self.number)
        self.show_notice()

    def set_campaign(self, campaign: Campaign, base_url: str | None = None) -> None:
        n = build_notice(campaign, base_url)
        self.title.setText(f"{n.title}\n{n.campaign_name}")
        parts = [f"<p><i>{_esc(n.law)}</i></p>"]
        parts += [f"<h3>{_esc(s.heading)}</h3><p>{_esc(s.text)}</p>" for s in n.sections]
        parts.append(
            f"<p><b>{_esc(n.official_sender_name)}</b> {_esc(n.official_sender_number)}</p>"
        )
        parts.append(f"<p><b>{_esc(n.warning)}</b></p><p><small>{_esc(n.version)}</small></p>")
        f = self.notice.font()
        f.setPixelSize(20)
        self.notice.setFont(f)
        self.notice.setText("".join(parts))

    def show_notice(self) -> None:
        self.scroll.show()
        self.ask.hide()
        self.number.setText("")
        self.number.hide()

    def show_masked(self, masked: str) -> None:
        self.scroll.hide()
        self.number.setText(masked)
        self.ask.show()
        self.number.show()

    def follow(self, field: QLineEdit) -> None:
        """The number field the clerk types in: only its masked form ever comes here."""
        field.textChanged.connect(self._typed)

    def _typed(self, text: str) -> None:
        try:
            masked = phone_rules.mask(phone_rules.normalize(text)) if text.strip() else None
        except InvalidPhone:
            masked = None
        if masked:
            self.show_masked(masked)
        else:
            self.show_notice()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def open_for(screen: CounterScreen, worker: StoreWorker, prefs: Prefs) -> CitizenScreen | None:
    """On the second screen, if there is one and the setting allows it; it closes with the
    counter screen (its child), so a lock takes it away with the session."""
    target = pick_screen(
        QGuiApplication.screens(), QGuiApplication.primaryScreen(), prefs.citizen_screen
    )
    if target is None:
        return None
    citizen = CitizenScreen(screen)
    citizen.follow(screen.flow.phone)

    def read(s: CounterStore) -> tuple[Campaign, str]:
        return s.campaign(), s.setting("central_url")

    worker.op(citizen, read).success(lambda r: citizen.set_campaign(r[0], r[1] or None)).run()
    citizen.setScreen(target)
    citizen.setGeometry(target.geometry())
    citizen.showFullScreen()
    return citizen
