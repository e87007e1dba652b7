"""No English in the Indonesian interface, Qt's own dialogs included, and one word for
each thing in the Indonesian catalogue.

Qt ships no Indonesian catalogue, so its standard buttons, the non-native file dialog
and a text field's right-click menu are translated in our .ts under Qt's contexts
(gui/qt_strings.py). Real widgets here, the real catalogue, switched as the window does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTreeView,
    QWidget,
)

from mpp_counter.gui import qt_strings
from mpp_counter.gui.i18n import Language

TS = Path(__file__).resolve().parents[2] / "src" / "mpp_counter" / "resources" / "i18n"
SB = QMessageBox.StandardButton
BB = QDialogButtonBox.StandardButton
# Qt's English for what we show; "OK" is the same in both languages.
QT_ENGLISH = {s.replace("&", "").replace("...", "").strip() for s in qt_strings.QT_STRINGS} - {
    "OK",
    "",
}
ENGLISH_WORDS = {
    "Cancel",
    "Yes",
    "No",
    "Save",
    "Close",
    "Open",
    "Retry",
    "Discard",
    "Apply",
    "Help",
    "Back",
    "Forward",
    "Name",
    "Size",
    "Type",
    "Date Modified",
    "File name:",
    "Files of type:",
    "Look in:",
    "Detail View",
    "List View",
    "Create New Folder",
    "Parent Directory",
    "Copy",
    "Paste",
    "Undo",
    "Redo",
    "Select All",
    "Delete",
    "Cut",
}


@pytest.fixture
def indonesian(qapp):  # type: ignore[no-untyped-def]
    lang = Language(QApplication.instance())
    assert lang.switch("id")
    yield lang
    lang.switch("id")


def _clean(text: str) -> str:
    return text.replace("&", "").replace("...", "").replace("…", "").strip()


def _visible_texts(root: QWidget) -> list[str]:
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QAbstractButton, QLabel)):
            out.append(w.text())
        out.append(w.toolTip())
        if isinstance(w, QTreeView) and w.model() is not None:
            model = w.model()
            out += [
                str(model.headerData(i, w.header().orientation()) or "")
                for i in range(model.columnCount())
            ]
    return [_clean(t) for t in out if _clean(t)]


def _english(texts: list[str]) -> list[str]:
    return [t for t in texts if t in QT_ENGLISH or t in ENGLISH_WORDS]


def test_pyside6_ships_no_indonesian_qt_catalogue() -> None:
    """Why we translate Qt's strings ourselves: if this starts failing, ship Qt's own."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert list(folder.glob("qtbase_de.qm"))  # the folder is the right one
    assert not list(folder.glob("qtbase_id*.qm")) and not list(folder.glob("qt_id*.qm"))


def test_the_window_uses_qt_dialogs_which_we_translate(qapp) -> None:  # type: ignore[no-untyped-def]
    """A native file dialog speaks the PC's language (English on many counter PCs)."""
    from PySide6.QtCore import Qt

    from mpp_counter.gui.app import make_app

    attr = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    QApplication.setAttribute(attr, False)
    assert make_app() is qapp
    assert QApplication.testAttribute(attr)


def test_message_box_buttons_are_indonesian(indonesian):  # type: ignore[no-untyped-def]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Judul",
        "Teks",
        SB.Ok
        | SB.Cancel
        | SB.Yes
        | SB.No
        | SB.Save
        | SB.Close
        | SB.Retry
        | SB.Discard
        | SB.Apply
        | SB.Help
        | SB.Abort
        | SB.Ignore,
    )
    box.setDetailedText("rincian")
    texts = _visible_texts(box)
    assert _english(texts) == [], texts
    for word in ("Batal", "Ya", "Tidak", "Simpan", "Tutup", "Coba Lagi", "Tampilkan Rincian"):
        assert word in texts, (word, texts)
    # The control: in English the very same box speaks English, so the check can fail.
    indonesian.switch("en")
    english = QMessageBox(QMessageBox.Icon.Question, "T", "T", SB.Cancel | SB.Yes)
    assert {"Cancel", "Yes"} <= set(_visible_texts(english))


def test_button_box_is_indonesian(indonesian):  # type: ignore[no-untyped-def]
    box = QDialogButtonBox(
        BB.Ok | BB.Cancel | BB.Save | BB.Close | BB.Yes | BB.No | BB.RestoreDefaults | BB.Reset
    )
    texts = [_clean(b.text()) for b in box.buttons()]
    assert _english(texts) == [] and "Restore Defaults" not in texts, texts
    assert {"Batal", "Simpan", "Tutup", "Ya", "Tidak", "Kembalikan Bawaan"} <= set(texts)


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_file_dialog_is_indonesian(indonesian, qtbot, tmp_path, mode):  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Simpan struk sebagai PDF", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = _visible_texts(dialog)
    assert len(texts) > 10
    assert _english(texts) == [], texts
    assert "Batal" in texts and ("Simpan" in texts or "Buka" in texts), texts
    assert {"Nama", "Ukuran"} <= set(texts), texts  # the file list's header
    assert any(t.startswith("Nama berkas") for t in texts), texts
    dialog.close()


def test_a_text_fields_menu_is_indonesian(indonesian, qtbot):  # type: ignore[no-untyped-def]
    field = QLineEdit("teks")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [_clean(a.text()).split("\t")[0] for a in menu.actions() if a.text()]
    assert _english(texts) == [], texts
    assert {"Salin", "Tempel", "Pilih Semua"} <= set(texts), texts


# --- one term for each thing ------------------------------------------------------------

FORBIDDEN = {
    r"\bslip": "the slip is 'struk' in Indonesian",
    r"mempengaruhi": "KBBI: 'memengaruhi'",
    r"\bHP\b|handphone": "'nomor ponsel', not 'nomor HP'",
    r"\bditanya\b": "'ditanyakan' ('Tidak ditanyakan')",
    r"MPP Counter": "the program's Indonesian name, not 'MPP Counter'",
    r"Data aman": "no security claim in a status",
    r"Simpan nomor terkirim": "it says when numbers are deleted",
    r"\(mpp-counter \w+\)": "no tooltip sending a clerk to a command line",
}


def _translations() -> list[tuple[str, str, str]]:
    out = []
    for ctx in ET.parse(TS / "mpp_counter_id.ts").getroot().iter("context"):
        for m in ctx.iter("message"):
            out.append(
                (
                    ctx.findtext("name") or "",
                    m.findtext("source") or "",
                    m.findtext("translation") or "",
                )
            )
    return out


def _offences(rows: list[tuple[str, str, str]]) -> list[str]:
    return [
        f"[{ctx}] {tr!r}: {why}"
        for ctx, _src, tr in rows
        for pattern, why in FORBIDDEN.items()
        if re.search(pattern, tr, re.IGNORECASE)
    ]


def test_the_indonesian_catalogue_uses_one_term_for_each_thing() -> None:
    rows = _translations()
    assert len(rows) > 300
    assert _offences(rows) == []
    words = " ".join(tr for _c, _s, tr in rows)
    for term in ("struk", "nomor ponsel", "Tidak ditanyakan", "Hapus nomor terkirim setelah"):
        assert term in words, term


def test_the_term_check_catches_each_old_wording() -> None:
    old = [
        "Simpan slip sebagai PDF",
        "tidak mempengaruhi layanan",
        "3. Nomor HP warga",
        "Tidak ditanya",
        "Tentang MPP Counter",
        "Data aman",
        "Simpan nomor terkirim",
        "administrator perlu memeriksanya (mpp-counter status).",
    ]
    found = _offences([("X", "", t) for t in old])
    assert len(found) == len(old), found
