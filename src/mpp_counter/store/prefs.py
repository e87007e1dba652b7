"""Preferences the window needs *before* anyone unlocks the store.

Language, paper width, printer and idle time must be known on the unlock screen, when the
encrypted store is still closed, so they live in a small plain ``prefs.json`` beside it.
Nothing secret ever goes here (no PIN, key, token or number): the file is readable by
anyone with the folder. A damaged file never stops the counter: the defaults are used
and the caller gets the error to show once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ..domain.errors import ConfigInvalid
from .files import atomic_write

PREFS_FILE = "prefs.json"
LANGUAGES = ("id", "en")
PAPER_WIDTHS = (58, 80)


@dataclass(frozen=True)
class Prefs:
    language: str = "id"  # Bahasa Indonesia is the clerks' language; English is second
    paper_mm: int = 80
    printer: str = ""  # "" means "PDF only": slips are written as PDF files
    idle_seconds: int = 300  # auto-lock after this long without a key or a click
    place: str = ""  # "MPP Kota Uji · Loket 1" for the lock screen (printed on slips anyway)

    def with_(self, **changes: Any) -> Prefs:
        return _checked(replace(self, **changes))


def _checked(p: Prefs) -> Prefs:
    if p.language not in LANGUAGES:
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="prefs", key="language"
        )
    if p.paper_mm not in PAPER_WIDTHS:
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="prefs", key="paper_mm"
        )
    if not isinstance(p.printer, str) or len(p.printer) > 200:
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="prefs", key="printer"
        )
    if not isinstance(p.place, str) or len(p.place) > 200:
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="prefs", key="place"
        )
    if (
        isinstance(p.idle_seconds, bool)
        or not isinstance(p.idle_seconds, int)
        or not 1 <= p.idle_seconds <= 24 * 3600
    ):
        raise ConfigInvalid(
            "The {where} file is missing a valid '{key}'.", where="prefs", key="idle_seconds"
        )
    return p


def parse(raw: bytes) -> Prefs:
    """Prefs from the file's bytes; unknown keys are ignored so an older program can read it."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigInvalid("The {where} file is not valid JSON.", where="prefs") from exc
    if not isinstance(doc, dict):
        raise ConfigInvalid("The {where} file is not an object.", where="prefs")
    known = {k: doc[k] for k in asdict(Prefs()) if k in doc}
    try:
        return _checked(Prefs(**known))
    except TypeError as exc:
        raise ConfigInvalid("The {where} file is not valid JSON.", where="prefs") from exc


def load(data_dir: Path) -> tuple[Prefs, ConfigInvalid | None]:
    """The saved prefs, or the defaults and the reason the file could not be used."""
    try:
        raw = (data_dir / PREFS_FILE).read_bytes()
    except FileNotFoundError:
        return Prefs(), None
    except OSError as exc:
        return Prefs(), ConfigInvalid(
            "The {where} file is not valid JSON.", where="prefs", reason=exc.strerror
        )
    try:
        return parse(raw), None
    except ConfigInvalid as exc:
        return Prefs(), exc


def save(data_dir: Path, prefs: Prefs) -> None:
    """Write atomically; raises StoreWriteFailed when the disk refuses."""
    _checked(prefs)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = json.dumps(asdict(prefs), indent=1, sort_keys=True) + "\n"
    atomic_write(data_dir / PREFS_FILE, body.encode("utf-8"))
