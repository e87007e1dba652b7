"""Laying a slip out in printer dots: measure every block first, then paint.

A receipt printer's page has a fixed width and whatever height the content needs, so
the page size is only known after layout. Every block is laid out once (text shaped
and wrapped by QTextLayout) and the very same layouts are painted afterwards, so what
was measured is exactly what is printed, whichever device paints it.

Coordinates are dots of a 203-dpi printer (8 dots per mm), the resolution of nearly
every 58/80 mm thermal printer; other devices get a scaled painter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from . import fonts
from .qr import QrSymbol, paint_symbol

DPI = 203
MM_PER_INCH = 25.4
PRINTABLE_DOTS = {58: 384, 80: 576}  # 48 mm and 72 mm printable at 203 dpi
BLACK = QColor(Qt.GlobalColor.black)
WHITE = QColor(Qt.GlobalColor.white)


def mm_to_dots(mm: float) -> float:
    return mm * DPI / MM_PER_INCH


def dots_to_mm(dots: float) -> float:
    return dots * MM_PER_INCH / DPI


@dataclass(frozen=True)
class Style:
    """Type sizes in dots for one paper width. The body is never below the printer's own
    Font A (12 x 24 dots, 32 characters a line on 58 mm), small text never below 20."""

    body: int
    small: int
    heading: int
    title: int
    receipt_max: int
    gap: int

    @staticmethod
    def for_width(width_mm: int) -> Style:
        if width_mm >= 80:
            return Style(body=26, small=22, heading=26, title=32, receipt_max=72, gap=12)
        return Style(body=24, small=20, heading=24, title=28, receipt_max=52, gap=10)


@dataclass
class Block:
    """Something of known height that paints itself at (x, y) in a column of given width;
    ``texts`` are its laid-out lines (what tests measure: type size, line breaks)."""

    height: float
    draw: Callable[[QPainter, float, float], None]
    texts: tuple[QTextLayout, ...] = ()


def bind_last_words(text: str) -> str:
    """Join each paragraph's last two words with a no-break space, so no paragraph ends
    in a line holding one word alone (an orphan)."""
    paragraphs = []
    for para in text.split("\n"):
        head, sep, tail = para.rstrip().rpartition(" ")
        paragraphs.append(f"{head}\u00a0{tail}" if sep and head.strip() else para)
    return "\n".join(paragraphs)


def _layout_text(
    text: str, font: QFont, width: float, align: Qt.AlignmentFlag, bold_prefix: int = 0
) -> tuple[QTextLayout, float]:
    # QTextLayout breaks lines only at U+2028, not at "\n".
    text = bind_last_words(text.replace("\r\n", "\n"))
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if bold_prefix:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = 0, bold_prefix, fmt
        layout.setFormats([rng])
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def text_block(
    text: str,
    font: QFont,
    width: float,
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    indent: float = 0.0,
    bold_prefix: int = 0,
) -> Block:
    layout, height = _layout_text(text, font, width - indent, align, bold_prefix)

    def draw(p: QPainter, x: float, y: float) -> None:
        p.setPen(BLACK)
        layout.draw(p, QPointF(x + indent, y))

    return Block(height, draw, (layout,))


def label_block(label: str, value: str, font: QFont, width: float) -> Block:
    """``Label: value`` with the label in bold, wrapped as one paragraph; a value with no
    space (a masked number, a code) goes whole to the next line rather than broken."""
    sep = " "
    if not any(c.isspace() for c in value):
        bold = QFont(font)
        bold.setBold(True)
        need = QFontMetricsF(bold).horizontalAdvance(f"{label}: ") + QFontMetricsF(
            font
        ).horizontalAdvance(value)
        sep = "\n" if need > width else " "
    return text_block(f"{label}:{sep}{value}", font, width, bold_prefix=len(label) + 1)


def fitted_text_block(text: str, width: float, max_px: int, *, bold: bool = True) -> Block:
    """One line centred, as large as fits the column: the receipt code a clerk reads out."""
    size = max_px
    while size > 8:
        if QFontMetricsF(fonts.font(size, bold)).horizontalAdvance(text) <= width * 0.96:
            break
        size -= 2
    return text_block(text, fonts.font(size, bold), width, align=Qt.AlignmentFlag.AlignHCenter)


def rule_block(gap: int, width: float, dashed: bool = True) -> Block:
    """A line between sections, with ``gap`` dots of paper above and below."""

    def draw(p: QPainter, x: float, y: float) -> None:
        pen = QPen(BLACK, 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(x, y + gap + 1), QPointF(x + width, y + gap + 1))

    return Block(float(2 * gap + 2), draw)


def spacer(height: float) -> Block:
    return Block(height, lambda p, x, y: None)


def sender_block(
    name: str, number: str, font: QFont, bold: QFont, width: float, indent: float
) -> Block:
    """The official sender as the campaign names it: name in bold, number below, set off
    by a bar. No badge is drawn: its look is WhatsApp's to change (it has), the name
    and number are the campaign's."""
    name_layout, h1 = _layout_text(name, bold, width - indent, Qt.AlignmentFlag.AlignLeft)
    num_layout, h2 = _layout_text(number, font, width - indent, Qt.AlignmentFlag.AlignLeft)
    bar = max(2.0, indent / 4)

    def draw(p: QPainter, x: float, y: float) -> None:
        p.fillRect(QRectF(x, y, bar, h1 + h2), BLACK)
        p.setPen(BLACK)
        name_layout.draw(p, QPointF(x + indent, y))
        num_layout.draw(p, QPointF(x + indent, y + h1))

    return Block(h1 + h2, draw, (name_layout, num_layout))


def banner_block(text: str, font: QFont, width: float, pad: float) -> Block:
    """White on black: a reprint after withdrawal must not be mistaken for a live consent."""
    layout, h = _layout_text(text, font, width - 2 * pad, Qt.AlignmentFlag.AlignHCenter)

    def draw(p: QPainter, x: float, y: float) -> None:
        p.fillRect(QRectF(x, y, width, h + 2 * pad), BLACK)
        p.setPen(WHITE)
        layout.draw(p, QPointF(x + pad, y + pad))

    return Block(h + 2 * pad, draw, (layout,))


def qr_block(symbol: QrSymbol, width: float) -> Block:
    def draw(p: QPainter, x: float, y: float) -> None:
        # Whole dots: the symbol's corner sits on the printer's dot grid.
        paint_symbol(p, symbol, round(x + (width - symbol.side) / 2), round(y))

    return Block(float(symbol.side), draw)


@dataclass
class Plan:
    """A laid-out slip: paper width, printable column and the blocks top to bottom."""

    width_mm: int
    column: float
    margin: float
    top: float
    bottom: float
    blocks: list[Block] = field(default_factory=list)

    @property
    def paper_dots(self) -> float:
        return mm_to_dots(self.width_mm)

    @property
    def height_dots(self) -> float:
        return self.top + sum(b.height for b in self.blocks) + self.bottom

    @property
    def height_mm(self) -> float:
        return dots_to_mm(self.height_dots)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def paint(self, painter: QPainter) -> None:
        """Paint in dots; the caller has scaled ``painter`` to its device's resolution."""
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        y = self.top
        for block in self.blocks:
            block.draw(painter, self.margin, y)
            y += block.height
