"""The .ts sources are complete, and the .qm our own compiler writes says what they say.

``scripts/update_ts.py`` reads the code with ``ast``; these tests run its checks, show
that the checks do catch a missing translation, and load the compiled catalogue in a
real QTranslator next to the one ``pyside6-lrelease`` makes.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from mpp_counter.gui import qm

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "src" / "mpp_counter" / "resources" / "i18n"


def _checker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_ts", ROOT / "scripts" / "update_ts.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["update_ts"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_every_gui_string_has_an_indonesian_translation() -> None:
    problems = _checker().problems("id")
    assert problems == [], "\n".join(problems)


def test_every_gui_string_is_in_the_english_source() -> None:
    problems = _checker().problems("en")
    assert problems == [], "\n".join(problems)


def test_every_core_message_is_listed_for_translation() -> None:
    upd = _checker()
    listed = {m.source for m in upd.gui_messages() if m.context == "errors"}
    core = {m.source for m in upd.core_messages()}
    assert "Unknown user or wrong PIN." in core  # the scan does find the core's messages
    assert core - listed == set()


def test_checker_catches_a_new_string_and_an_unfinished_translation(tmp_path: Path) -> None:
    upd = _checker()
    gui = tmp_path / "src" / "mpp_counter" / "gui"
    shutil.copytree(ROOT / "src" / "mpp_counter" / "gui", gui)
    (gui / "extra.py").write_text(
        "class Extra:\n    def f(self):\n        return self.tr('A brand new button')\n"
    )
    ts_dir = tmp_path / "i18n"
    shutil.copytree(I18N, ts_dir)
    found = upd.problems("id", gui, ts_dir)
    assert any("A brand new button" in p for p in found)

    ts = ts_dir / "mpp_counter_id.ts"
    tree = ET.parse(ts)
    msg = next(
        m for m in tree.getroot().iter("message") if m.findtext("source") == "Unlock the counter"
    )
    msg.find("translation").set("type", "unfinished")  # type: ignore[union-attr]
    tree.write(ts, encoding="utf-8")
    found = upd.problems("id", ROOT / "src" / "mpp_counter" / "gui", ts_dir)
    assert any("untranslated: 'Unlock the counter'" in p for p in found)


def _load(data: bytes) -> QTranslator:
    t = QTranslator()
    assert t.load(data)
    t._keep = data  # type: ignore[attr-defined] - QTranslator reads the buffer in place
    return t


def test_compiled_qm_translates_every_message(qapp) -> None:  # type: ignore[no-untyped-def]
    source = (I18N / "mpp_counter_id.ts").read_bytes()
    _lang, messages = qm.read_ts(source)
    assert len(messages) > 200
    ours = _load(qm.compile_ts(source))
    for m in messages:
        assert ours.translate(m.context, m.source, m.comment or None) == m.translation


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
    reason="pyside6-lrelease not installed",
)
def test_compiled_qm_agrees_with_lrelease(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = I18N / "mpp_counter_id.ts"
    out = tmp_path / "ref.qm"
    subprocess.run(
        [str(Path(sys.executable).parent / "pyside6-lrelease"), str(src), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    ref, ours = _load(out.read_bytes()), _load(qm.compile_ts(src.read_bytes()))
    _lang, messages = qm.read_ts(src.read_bytes())
    for m in messages:
        assert ours.translate(m.context, m.source) == ref.translate(m.context, m.source)
    assert ours.translate("VisitFlow", "no such text") == ""
