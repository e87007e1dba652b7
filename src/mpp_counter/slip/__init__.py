"""Laying out and printing the consent slip (QR, 58/80 mm, printer or PDF).

``render`` paints a ``domain.slip_content.SlipContent`` to PDF or an image;
``printing`` sends it to a system printer queue.
"""
