"""Logging that cannot leak: every handler masks what looks like a number, PIN or token.

The code never logs a number on purpose; this filter is the second line, for the day
someone logs an exception whose text carries one.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_PHONE = re.compile(r"(?<![\w])(?:\+?62|0)[\s.\-()]*8(?:[\s.\-()]*\d){6,11}")
_DIGITS = re.compile(r"\d{6,}")  # PINs, and any number the pattern above missed
_TOKEN = re.compile(r"(?i)(bearer\s+|token[=:\s\"']+)?\b[A-Za-z0-9_\-+/=]{24,}")


def redact(text: str) -> str:
    text = _PHONE.sub("[number]", text)
    text = _TOKEN.sub(lambda m: (m.group(1) or "") + "[secret]", text)
    return _DIGITS.sub("[digits]", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            record.exc_text = redact(f"{type(exc).__name__}: {exc}")
            record.exc_info = None
        return True


def configure(level: str, data_dir: Path | None = None) -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_mpp", False):
            root.removeHandler(h)
    numeric = getattr(logging, level.upper(), logging.WARNING)
    root.setLevel(numeric)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if data_dir is not None and data_dir.is_dir():
        try:
            (data_dir / "logs").mkdir(exist_ok=True)
            handlers.append(logging.handlers.RotatingFileHandler(
                data_dir / "logs" / "mpp-counter.log", maxBytes=1_000_000, backupCount=3,
                encoding="utf-8"))
        except OSError:
            pass  # a read-only data dir must not stop the program
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(RedactingFilter())
        h._mpp = True  # type: ignore[attr-defined]
        root.addHandler(h)
