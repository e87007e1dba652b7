"""Loading the UI language: Bahasa Indonesia by default, English second.

The translations are found whichever way the program was installed: a ``.qm`` built next
to the ``.ts`` (wheel, installer), else the ``.ts`` compiled in memory with our own
compiler (a source checkout, an editable install). Qt ships no Indonesian catalogue
(PySide6 has no qtbase_id.qm), so Qt's own strings (standard buttons, the non-native file
dialog, a text field's menu) are translated in our .ts under Qt's contexts
(``qt_strings.py``): the one translator installed here speaks for Qt's widgets too.
"""

from __future__ import annotations

import os
import zlib
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
TRANSLATOR_NAME = "mpp-counter-translator"


def qm_bytes(lang: str) -> bytes | None:
    """The compiled catalogue for ``lang``, or None when neither .qm nor .ts is shipped."""
    folder = resources.files("mpp_counter.resources").joinpath("i18n")
    built = folder.joinpath(f"mpp_counter_{lang}.qm")
    if built.is_file():
        return built.read_bytes()
    source = folder.joinpath(f"mpp_counter_{lang}.ts")
    if source.is_file():
        return _compiled(lang, source.read_bytes())
    return None


def _compiled(lang: str, ts: bytes) -> bytes:
    """Only a source checkout or an editable install gets here. Compiling takes ~10 ms (a
    tenth of a bare window's start), so the result is kept in the user's cache folder,
    named by the .ts content and the compiler's version: an edited .ts is compiled anew."""
    cached: Path | None = None
    try:
        compiler = Path(__file__).with_name("qm.py").stat()  # none in a frozen build
        cached = _cache_dir() / (
            f"{lang}-{zlib.crc32(ts):08x}-{len(ts)}-{compiler.st_size}-{compiler.st_mtime_ns}.qm"
        )
        return cached.read_bytes()
    except (OSError, RuntimeError):  # not there yet, or nowhere to keep it
        pass
    from . import qm

    data = qm.compile_ts(ts)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, cached)  # whole or not at all, if two windows start at once
        except OSError:
            pass  # no cache: compiled again next time
    return data


def _cache_dir() -> Path:
    """Where compiled catalogues of a source checkout go (platformdirs costs 20 ms)."""
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "mpp-counter" / "i18n"


class Language:
    """Owns the installed translator; ``switch`` re-translates via LanguageChange events."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.code = ""
        self._translator: QTranslator | None = None
        self._data: bytes | None = None  # QTranslator reads this buffer; keep it alive

    def switch(self, lang: str) -> bool:
        if lang not in LANGUAGES:
            lang = "id"
        # Every catalogue of ours goes, not only this object's: a second window in the same
        # process (tests, screenshots) must not leave the first one's language installed.
        for old in self.app.findChildren(QTranslator, TRANSLATOR_NAME):
            self.app.removeTranslator(old)
            old.deleteLater()
        self._translator = None
        data = qm_bytes(lang)
        ok = True
        if data:
            tr = QTranslator(self.app)
            tr.setObjectName(TRANSLATOR_NAME)
            ok = tr.load(data)
            if ok:
                self._data, self._translator = data, tr
                self.app.installTranslator(tr)
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Indonesian if lang == "id" else QLocale.Language.English,
                QLocale.Country.Indonesia,
            )
        )
        self.code = lang
        return ok
