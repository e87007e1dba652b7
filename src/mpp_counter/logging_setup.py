"""Logging that cannot leak: every record is masked for what looks like a number, PIN or token.

The code never logs a number on purpose; this is the second line, for the day someone
logs an exception whose text carries one. Masking happens twice: when a record is made
(a wrapped record factory, so a handler added later by a library, Qt or a test gets only
masked text), and again in a filter on each of our handlers (for a record made before
``configure`` ran, and for the formatted traceback).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PHONE = re.compile(r"(?<![\w])(?:\+?62|0)[\s.\-()]*8(?:[\s.\-()]*\d){6,11}")
_DIGITS = re.compile(r"\d{6,}")  # PINs, and any number the pattern above missed
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
_TOKEN = re.compile(
    r"(?i)(bearer\s+|token[=:\s\"']+)?(?<![A-Za-z0-9_\-+/=])(?!"
    + _UUID
    + r")[A-Za-z0-9_\-+/=]{24,}"
)


def redact(text: str) -> str:
    text = _PHONE.sub("[number]", text)
    text = _TOKEN.sub(lambda m: (m.group(1) or "") + "[secret]", text)
    return _DIGITS.sub("[digits]", text)


def _mask(record: logging.LogRecord) -> None:
    """Replace the message, its arguments and any traceback with masked text, once."""
    if getattr(record, "_mpp_masked", False):
        return
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string must not lose the record
        message = f"{record.msg!r} {record.args!r}"
    record.msg = redact(message)
    record.args = None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._mpp_masked = True  # type: ignore[attr-defined]


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        _mask(record)
        return True


class _LazyRotatingFile(logging.Handler):
    """The log file, opened at the first record: ``logging.handlers`` (socket, pickle, queue)
    costs about a tenth of the window's cold start, and at the default level most runs
    never write a line. Filters and the formatter are this handler's, as for any other."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None
        self._broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None and not self._broken:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
                )
            except OSError:
                self._broken = True  # a read-only data dir must not stop the program
                return
            self._file.setFormatter(self.formatter)
            self._file.handleError = self._disk_refused  # type: ignore[method-assign]
        if self._file is not None:
            self._file.emit(record)

    def _disk_refused(self, record: logging.LogRecord) -> None:
        """A full or failing disk refused the log: stop writing it, quietly (the record
        still reaches stderr); logging's default would print a traceback per record."""
        self._broken = True
        file, self._file = self._file, None
        if file is not None:
            try:
                file.close()
            except OSError:
                pass

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


_base_factory: Callable[..., logging.LogRecord] | None = None


def _masking_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    assert _base_factory is not None
    record = _base_factory(*args, **kwargs)
    _mask(record)
    return record


def install_record_masking() -> None:
    """Mask every record as it is made, whoever handles it later. Idempotent."""
    global _base_factory
    if logging.getLogRecordFactory() is not _masking_factory:
        _base_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_masking_factory)


def configure(level: str, data_dir: Path | None = None) -> None:
    install_record_masking()
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
            handlers.append(_LazyRotatingFile(data_dir / "logs" / "mpp-counter.log"))
        except OSError:
            pass  # a read-only data dir must not stop the program
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(RedactingFilter())
        h._mpp = True  # type: ignore[attr-defined]
        root.addHandler(h)
