"""Work around PySide6 6.12.0 dropping a reference to ``None`` on Python 3.11.

Every call of a PySide6 6.12.0 method that returns nothing (``QFont.setBold``,
``QPainter.drawLine``...) gives back ``None`` without the reference it owes. On Python
3.12+ ``None`` is immortal and nothing happens; on 3.11 its count falls by one per call
and the interpreter aborts ("Fatal Python error: none_dealloc") after a few thousand
calls, or at exit. Laying out one slip makes hundreds of such calls.

Python 3.12 solved it for good by making ``None`` immortal (PEP 683, a huge reference
count). This does the same on 3.11: one large addition to ``None``'s count, once per
process, so the leak can never reach zero in the life of a process. It is a no-op on
other Python versions and implementations.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def make_none_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every PyObject in a release build of CPython.
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _HEADROOM:
        count.value += _HEADROOM


make_none_immortal()
