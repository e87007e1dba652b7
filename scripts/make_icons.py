"""Draw the program's icon with QPainter and write it as PNG (Linux) and ICO (Windows).

Run once by hand when the design changes; the outputs are committed so a build needs no
drawing step. ``python scripts/make_icons.py`` (QT_QPA_PLATFORM=offscreen works) writes
``resources/icons/``.
The ICO embeds PNG images (valid since Windows Vista), so no image library is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

HERE = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """A green rounded tile with a white slip and a check mark: 'consent recorded'."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1b7f4b"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(64 * s, 36 * s, 128 * s, 184 * s), 10 * s, 10 * s)
    if size >= 48:  # text lines on the slip only where they can be seen
        p.setBrush(QColor("#9fb8aa"))
        for i in range(3):
            p.drawRect(QRectF(82 * s, (60 + 22 * i) * s, 92 * s, 9 * s))
    pen = QPen(QColor("#1b7f4b"), max(2.0, 22 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.drawPolyline(
        [
            QRectF(90 * s, 150 * s, 0, 0).topLeft(),
            QRectF(118 * s, 180 * s, 0, 0).topLeft(),
            QRectF(168 * s, 122 * s, 0, 0).topLeft(),
        ]
    )
    if size >= 128:
        p.setPen(QColor("#ffffff"))
        f = QFont("DejaVu Sans")
        f.setPixelSize(int(26 * s))
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(8 * s, 222 * s, 240 * s, 26 * s), Qt.AlignmentFlag.AlignCenter, "MPP")
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    del app
    pngs = [(size, png_bytes(draw(size))) for size in SIZES]
    (HERE / "mpp-counter.png").write_bytes(dict(pngs)[256])
    (HERE / "mpp-counter.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {HERE / 'mpp-counter.png'} and {HERE / 'mpp-counter.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
