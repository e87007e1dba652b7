"""Laying out and printing the consent slip (QR, 58/80 mm, printer or PDF).

``render`` paints a ``domain.slip_content.SlipContent`` to PDF or an image;
``printing`` sends it to a system printer queue. Importing this package first applies
a workaround for a PySide6 6.12.0 reference-count bug on Python 3.11 (see
``_none_refcount``).
"""

from . import _none_refcount  # noqa: F401  (must run before any PySide6 call)
