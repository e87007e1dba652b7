"""Painting a consent slip: to PDF, to an image (preview, screenshots), or any QPainter.

What the slip says is decided in ``domain.slip_content``; this module only arranges it
for a 58 or 80 mm receipt roll. The layout is measured before any page exists (the
page is as long as the content), then painted once onto the real device.
"""

from __future__ import annotations

import math
import os
import sys

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..domain.slip_content import REPRINT, SlipContent
from . import fonts
from .layout import (
    DPI,
    PRINTABLE_DOTS,
    Plan,
    Style,
    banner_block,
    fitted_text_block,
    label_block,
    mm_to_dots,
    qr_block,
    rule_block,
    sender_block,
    spacer,
    text_block,
)
from .qr import make_symbol

WIDTHS_MM = tuple(PRINTABLE_DOTS)
CENTER = Qt.AlignmentFlag.AlignHCenter


def ensure_app() -> QGuiApplication:
    """Return the running Qt application, creating a QGuiApplication only if none exists.

    Fonts and painting need one. A GUI process already has its QApplication; the CLI
    and tests get a bare QGuiApplication, on the offscreen platform when no display is
    there (a server, a CI container, an SSH session).
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1] or ["mpp-counter"])


def check_width(width_mm: int) -> int:
    if width_mm not in PRINTABLE_DOTS:
        raise ValueError(f"slip width must be one of {WIDTHS_MM} mm, not {width_mm}")
    return width_mm


def layout_slip(content: SlipContent, width_mm: int = 58) -> Plan:
    """Lay the slip out in 203-dpi dots; nothing is painted yet."""
    check_width(width_mm)
    fonts.load_fonts()
    st = Style.for_width(width_mm)
    col = float(PRINTABLE_DOTS[width_mm])
    body, small = fonts.font(st.body), fonts.font(st.small)
    bold, heading = fonts.font(st.body, True), fonts.font(st.heading, True)
    plan = Plan(
        width_mm=width_mm,
        column=col,
        margin=(mm_to_dots(width_mm) - col) / 2,
        top=float(st.gap * 2),
        bottom=mm_to_dots(4),
    )

    def section(title: str) -> None:
        plan.add(rule_block(st.gap, col))
        plan.add(text_block(title, heading, col))
        plan.add(spacer(st.gap / 3))

    plan.add(text_block(content.title, fonts.font(st.title, True), col, align=CENTER))
    if content.reprint:  # a copy printed later must not pass for the one given at the visit
        plan.add(spacer(st.gap / 2))
        plan.add(banner_block(REPRINT, fonts.font(st.title, True), col, st.gap / 2))
    plan.add(spacer(st.gap / 2))
    plan.add(text_block(content.mpp_name, bold, col, align=CENTER))
    plan.add(text_block(content.counter, body, col, align=CENTER))
    plan.add(text_block(content.when, body, col, align=CENTER))
    if content.withdrawn_at:
        plan.add(spacer(st.gap))
        plan.add(
            banner_block(
                f"PERSETUJUAN SUDAH DITARIK\n{content.withdrawn_at}", bold, col, st.gap / 2
            )
        )
    plan.add(rule_block(st.gap, col))
    plan.add(label_block("Layanan", content.service, body, col))
    plan.add(label_block("Instansi", content.agency, body, col))
    plan.add(label_block("Nomor WhatsApp", content.phone_masked, body, col))

    section("TUJUAN")
    plan.add(text_block(content.campaign_name, bold, col))
    plan.add(text_block(content.purpose, body, col))
    if content.data_use:
        plan.add(spacer(st.gap / 2))
        plan.add(text_block(content.data_use, body, col))

    section("CARA MENGENALI PESAN RESMI")
    plan.add(text_block(content.sender_intro, body, col))
    plan.add(spacer(st.gap / 2))
    plan.add(
        sender_block(
            content.official_sender_name,
            content.official_sender_number,
            body,
            bold,
            col,
            indent=float(st.gap),
        )
    )
    plan.add(spacer(st.gap / 2))
    plan.add(text_block(content.warning, body, col))

    section("MENARIK PERSETUJUAN")
    plan.add(text_block(content.how_to_withdraw, body, col))
    plan.add(spacer(st.gap / 2))
    plan.add(text_block(content.rights, small, col))
    plan.add(label_block("Pengendali data", content.controller, small, col))
    plan.add(label_block("Kontak", content.controller_contact, small, col))

    plan.add(rule_block(st.gap, col))
    plan.add(text_block("KODE STRUK", heading, col, align=CENTER))
    plan.add(fitted_text_block(content.receipt, col, st.receipt_max))
    if content.qr_text:  # no QR at all rather than one a phone cannot open
        plan.add(spacer(st.gap))
        plan.add(qr_block(make_symbol(content.qr_text, int(col)), col))
    plan.add(text_block(content.qr_caption, small, col, align=CENTER))
    return plan


def paint(painter: QPainter, plan: Plan, device_dpi: float) -> None:
    """Paint a laid-out slip on any active painter whose device has ``device_dpi``;
    shared by PDF, image and printer so all three show exactly the same slip."""
    painter.save()
    painter.scale(device_dpi / DPI, device_dpi / DPI)
    plan.paint(painter)
    painter.restore()


def page_size(plan: Plan) -> QPageSize:
    """Paper width by the roll, height by the content (rounded up to 0.1 mm)."""
    height = math.ceil(plan.height_mm * 10) / 10
    return QPageSize(
        QSizeF(plan.width_mm, height),
        QPageSize.Unit.Millimeter,
        f"Slip {plan.width_mm} mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


def render_pdf(content: SlipContent, path: str | os.PathLike[str], width_mm: int = 58) -> None:
    """Write the slip as a one-page PDF exactly as wide as the paper roll.

    Raises OSError when the file cannot be written (QPdfWriter itself only says no).
    """
    plan = layout_slip(content, width_mm)
    writer = QPdfWriter(os.fspath(path))
    writer.setResolution(DPI)
    writer.setCreator("mpp-counter")
    writer.setTitle(
        f"Struk persetujuan {content.receipt}"
        + (f" ({REPRINT.lower()})" if content.reprint else "")
    )
    writer.setPageLayout(
        QPageLayout(
            page_size(plan),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the slip PDF to {os.fspath(path)!r}")
    try:
        paint(painter, plan, writer.resolution())
    finally:
        painter.end()


def render_image(content: SlipContent, width_mm: int = 58, dpi: int = DPI) -> QImage:
    """The slip as a white grayscale image at ``dpi``: the GUI preview and screenshots."""
    plan = layout_slip(content, width_mm)
    scale = dpi / DPI
    image = QImage(
        max(1, round(plan.paper_dots * scale)),
        max(1, math.ceil(plan.height_dots * scale)),
        QImage.Format.Format_Grayscale8,
    )
    image.fill(Qt.GlobalColor.white)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint(painter, plan, dpi)
    finally:
        painter.end()
    return image
