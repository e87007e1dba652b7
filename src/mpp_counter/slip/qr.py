"""The slip's QR code: the matrix from ``qrcode``, painted by us as plain rectangles.

Thermal printers print dots, not vectors: a module that is not a whole number of dots
gets rows and columns of uneven width, which phone cameras read badly. So the module
size is chosen in printer dots, the symbol is placed on the dot grid, and the quiet zone
(four modules, as ISO/IEC 18004 asks) is reserved around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

QUIET_ZONE = 4
MIN_MODULE_DOTS = 4  # 0.5 mm at 203 dpi: what a phone camera reads off thermal paper
MAX_MODULE_DOTS = 8  # 1 mm: bigger only wastes paper
MAX_WIDTH_SHARE = 0.7  # leave white paper beside the code on narrow slips


@dataclass(frozen=True)
class QrSymbol:
    """A QR matrix (without quiet zone) and the module size chosen for one slip width."""

    rows: tuple[tuple[bool, ...], ...]
    module: int  # printer dots per module
    level: str  # error correction level, "Q" or "M"

    @property
    def modules(self) -> int:
        return len(self.rows)

    @property
    def side(self) -> int:
        """Width in dots including the quiet zone on both sides."""
        return (self.modules + 2 * QUIET_ZONE) * self.module


def _matrix(text: str, level: int) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(error_correction=level, border=0, box_size=1)
    qr.add_data(text)
    qr.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in qr.get_matrix())


def make_symbol(text: str, width_dots: int) -> QrSymbol:
    """Choose error correction and module size for a column ``width_dots`` wide.

    Prefer level Q (thermal prints smudge and fade) within 70 % of the column, then M,
    then the whole column; only a text too long for any of these gets modules under
    half a millimetre. Never give up: a slip without its QR is worse than a small QR.
    """
    matrices = {"Q": _matrix(text, qrcode.ERROR_CORRECT_Q)}
    for share in (MAX_WIDTH_SHARE, 1.0):
        for name, level in (("Q", qrcode.ERROR_CORRECT_Q), ("M", qrcode.ERROR_CORRECT_M)):
            if name not in matrices:
                matrices[name] = _matrix(text, level)
            rows = matrices[name]
            total = len(rows) + 2 * QUIET_ZONE
            module = min(MAX_MODULE_DOTS, int(width_dots * share) // total)
            if module >= MIN_MODULE_DOTS:
                return QrSymbol(rows, module, name)
    rows = matrices["M"]
    return QrSymbol(rows, max(1, width_dots // (len(rows) + 2 * QUIET_ZONE)), "M")


def paint_symbol(painter: QPainter, symbol: QrSymbol, x: int, y: int) -> None:
    """Paint the dark modules at (x, y) = top-left of the quiet zone, in printer dots.

    Runs of dark modules become one rectangle and all of them one path filled at once:
    no hairline seams between neighbours when a PDF viewer or driver rasterises it.
    """
    m = symbol.module
    ox = x + QUIET_ZONE * m
    oy = y + QUIET_ZONE * m
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for r, row in enumerate(symbol.rows):
        c = 0
        n = len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            path.addRect(QRectF(ox + start * m, oy + r * m, (c - start) * m, m))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillPath(path, QColor(Qt.GlobalColor.black))
    painter.restore()
