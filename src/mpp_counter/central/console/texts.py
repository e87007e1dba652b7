"""The console's catalogue of visible texts: Bahasa Indonesia first, English second.

Each feature module keeps ``TEXTS = {"key": ("teks Indonesia", "English text")}`` and
registers it once at import; templates call ``t("key")`` already bound to the viewer's
language. A key registered twice with other wording is a programming error (two modules
fighting over one text), caught at import rather than shown half-translated.
"""

from __future__ import annotations

import logging
from typing import Any

LANGS = ("id", "en")
DEFAULT_LANG = "id"

_CATALOGUE: dict[str, tuple[str, str]] = {}
log = logging.getLogger("mpp_central")


def register(texts: dict[str, tuple[str, str]]) -> None:
    for key, pair in texts.items():
        if len(pair) != 2:
            raise ValueError(f"console text {key!r} needs (Indonesian, English)")
        old = _CATALOGUE.get(key)
        if old is not None and old != pair:
            raise ValueError(f"console text {key!r} registered twice with other wording")
        _CATALOGUE[key] = pair


def lang_of(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(lang: str, key: str, **fmt: Any) -> str:
    """The text in ``lang`` (Indonesian for anything else); a missing key shows itself."""
    pair = _CATALOGUE.get(key)
    if pair is None:
        log.warning("console text %r is not registered", key)
        return key
    text = pair[1] if lang == "en" else pair[0]
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):
        return text


def catalogue() -> dict[str, tuple[str, str]]:
    """A copy, for the test that every text has both languages."""
    return dict(_CATALOGUE)
