"""A source checkout compiles its .ts once: the compiled catalogue is cached by content, so an
edited .ts is never answered with an old catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from mpp_counter.gui import i18n, qm

TS = Path(i18n.__file__).parents[1] / "resources" / "i18n" / "mpp_counter_id.ts"


def test_cached_catalogue_follows_the_ts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    ts = TS.read_bytes()
    first = i18n._compiled("id", ts)
    assert first == qm.compile_ts(ts)
    cached = list((tmp_path / "mpp-counter" / "i18n").iterdir())
    assert len(cached) == 1 and cached[0].read_bytes() == first
    assert i18n._compiled("id", ts) == first  # from the cache now

    edited = ts.replace(
        b"<translation>Buka kunci loket</translation>", b"<translation>Buka loket ini</translation>"
    )
    assert edited != ts
    second = i18n._compiled("id", edited)
    t = QTranslator()
    assert t.load(second)
    assert t.translate("UnlockScreen", "Unlock the counter") == "Buka loket ini"
    assert len(list((tmp_path / "mpp-counter" / "i18n").iterdir())) == 2


def test_unwritable_cache_still_gives_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    ts = TS.read_bytes()
    assert i18n._compiled("id", ts) == qm.compile_ts(ts)
