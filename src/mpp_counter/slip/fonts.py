"""The slip's typeface, shipped with the program.

A counter PC may be a bare Windows install with no DejaVu and a different default font
whose metrics would change every line break; the slip must look the same everywhere,
so the fonts come from ``resources/fonts/`` and are registered with Qt at first use.
Sizes are set in pixels of the 203-dpi printer grid, never in points, so a layout does
not depend on the logical DPI of whatever device measures it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase

from ..resource_files import resource

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FALLBACK_FAMILY = "DejaVu Sans"

_lock = threading.Lock()
_family: str | None = None


def load_fonts() -> str:
    """Register the shipped fonts once (thread-safe) and return their family name.

    Needs a QGuiApplication. Raises RuntimeError when a font file is missing or Qt
    refuses it: a slip in some random fallback font would silently change its layout.
    """
    global _family
    with _lock:
        if _family is not None:
            return _family
        family = FALLBACK_FAMILY
        base = resource("fonts")
        for name in FONT_FILES:
            data = base.joinpath(name).read_bytes()
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
            if font_id < 0:
                raise RuntimeError(f"Qt could not load the slip font {name}")
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                family = families[0]
        _family = family
        return family


def font(pixel_size: int, bold: bool = False) -> QFont:
    """A slip font at ``pixel_size`` printer dots, unhinted so metrics scale exactly."""
    f = QFont(load_fonts())
    f.setPixelSize(max(1, int(pixel_size)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setKerning(True)
    # No "fi"/"fl" ligatures: text copied or extracted from the PDF must read as typed.
    f.setFeature(QFont.Tag("liga"), 0)
    return f
