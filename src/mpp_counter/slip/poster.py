"""The A4 counter poster: the full privacy notice, for the citizen to read while the clerk
reads only the short script aloud.

What it says is ``domain.notice``; this module arranges it on one A4 page with the same
measured blocks as the slip (``layout``), in the same 203-dpi units, at poster sizes.
Type shrinks step by step until everything fits one page. The QR goes to the notice page
at the central, only when the central is https (the same rule as the slip's QR).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from ..domain.errors import ConfigInvalid
from ..domain.notice import NoticeContent
from . import fonts
from .layout import (
    DPI,
    Block,
    Plan,
    mm_to_dots,
    qr_block,
    rule_block,
    sender_block,
    spacer,
    text_block,
)
from .qr import QrSymbol, make_symbol
from .render import paint

A4_MM = (210, 297)
MARGIN_MM = 15
QR_MM = 45
CENTER = Qt.AlignmentFlag.AlignHCenter
# Dots at 203 dpi: body 16 pt (45 dots) reads at arm's length across a counter.
BASE = {"title": 78, "name": 60, "heading": 50, "body": 45, "small": 36, "gap": 22}
SMALLEST_BODY = 32  # 11 pt: below this the poster is too full and says so


def _plan(n: NoticeContent, scale: float) -> Plan:
    s = {k: max(1, round(v * scale)) for k, v in BASE.items()}
    width = mm_to_dots(A4_MM[0])
    col = width - 2 * mm_to_dots(MARGIN_MM)
    body, small = fonts.font(s["body"]), fonts.font(s["small"])
    bold, heading = fonts.font(s["body"], True), fonts.font(s["heading"], True)
    gap = s["gap"]
    plan = Plan(
        width_mm=A4_MM[0],
        column=col,
        margin=mm_to_dots(MARGIN_MM),
        top=mm_to_dots(MARGIN_MM),
        bottom=mm_to_dots(MARGIN_MM),
    )
    plan.add(text_block(n.title, fonts.font(s["title"], True), col, align=CENTER))
    plan.add(spacer(gap / 2))
    plan.add(text_block(n.campaign_name, fonts.font(s["name"], True), col, align=CENTER))
    plan.add(text_block(n.law, small, col, align=CENTER))
    for section in n.sections:
        plan.add(rule_block(gap // 2, col, dashed=False))
        plan.add(text_block(section.heading.upper(), heading, col))
        plan.add(spacer(gap / 4))
        plan.add(text_block(section.text, body, col))
    plan.add(spacer(gap / 2))
    plan.add(
        sender_block(
            n.official_sender_name, n.official_sender_number, body, bold, col, indent=float(gap)
        )
    )
    plan.add(spacer(gap / 2))
    plan.add(text_block(n.warning, bold, col))
    plan.add(rule_block(gap // 2, col, dashed=False))
    if n.url:
        plan.add(
            _qr_beside(
                make_symbol(n.url, round(mm_to_dots(QR_MM))),
                col,
                gap,
                [
                    text_block(n.qr_caption or "", bold, col / 2),
                    text_block(n.url, small, col / 2),
                    spacer(gap),
                    text_block(n.version, small, col / 2),
                ],
            )
        )
    else:
        plan.add(text_block(n.version, small, col, align=CENTER))
    return plan


def _qr_beside(symbol: QrSymbol, col: float, gap: float, texts: list[Block]) -> Block:
    """The QR at the left, its caption, address and the version to its right."""
    qr = qr_block(symbol, float(symbol.side))
    left = symbol.side + gap
    text_height = sum(b.height for b in texts)

    def draw(p: QPainter, x: float, y: float) -> None:
        qr.draw(p, x, y)
        ty = y + max(0.0, (symbol.side - text_height) / 2)
        for block in texts:
            block.draw(p, x + left, ty)
            ty += block.height

    return Block(
        max(float(symbol.side), text_height), draw, tuple(t for b in texts for t in b.texts)
    )


def layout_poster(notice: NoticeContent) -> Plan:
    """The largest type at which the whole notice fits one A4 page."""
    fonts.load_fonts()
    page = mm_to_dots(A4_MM[1])
    scale = 1.0
    while BASE["body"] * scale >= SMALLEST_BODY:
        plan = _plan(notice, scale)
        if plan.height_dots <= page:
            return plan
        scale *= 0.97
    raise ConfigInvalid("The campaign's notice does not fit one A4 page; shorten its texts.")


def render_poster_pdf(notice: NoticeContent, path: str | os.PathLike[str]) -> Plan:
    """Write the poster as a one-page A4 PDF; raises OSError when the file cannot be
    written. Returns the plan (its type sizes are what tests measure)."""
    plan = layout_poster(notice)
    writer = QPdfWriter(os.fspath(path))
    writer.setResolution(DPI)
    writer.setCreator("mpp-counter")
    writer.setTitle(f"{notice.title} - {notice.campaign_name}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the poster PDF to {os.fspath(path)!r}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint(painter, plan, writer.resolution())
    finally:
        painter.end()
    return plan
