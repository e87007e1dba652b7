"""A slip a citizen can read: it says what it is, its type is never below the printer's
own Font A (24 dots) for the body nor 20 dots for small print, no paragraph ends in one
word alone, and a reprint says CETAK ULANG in print and in the picture."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QImage

from mpp_counter.slip.layout import DPI, PRINTABLE_DOTS, bind_last_words
from mpp_counter.slip.render import layout_slip, render_pdf

FONT_A = 24  # dots: the ESC/POS Font A every 58 mm printer has (12 x 24)
SMALLEST = 20
TITLE = "TANDA TERIMA PERSETUJUAN SURVEI"


def _text(pdf: Path) -> str:
    text = unicodedata.normalize("NFKC", pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    return " ".join(text.split())


def _layouts(plan):  # type: ignore[no-untyped-def]
    return [t for block in plan.blocks for t in block.texts]


def _flat(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").split())


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("central", ["https://spi.example.invalid", None])
def test_type_sizes_from_the_layout(qapp, make_content, width, central):
    content = make_content(base_url=central)
    layouts = _layouts(layout_slip(content, width))
    assert len(layouts) > 15
    sizes = {_flat(t.text()): t.font().pixelSize() for t in layouts}
    assert min(sizes.values()) >= SMALLEST, sizes
    body = (
        content.purpose,
        content.how_to_withdraw,
        content.warning,
        content.data_use,
        content.sender_intro,
        content.official_sender_number,
        content.service,
        content.counter,
        content.when,
    )
    for part in body:
        [px] = [px for text, px in sizes.items() if _flat(part) in text]
        assert px >= FONT_A, (part, px)
    assert sizes[TITLE] > FONT_A


@pytest.mark.parametrize("width", [58, 80])
def test_type_sizes_in_the_pdf(qapp, tmp_path, make_content, width):
    """The PDF itself, read back: no glyph is set smaller than 20 printer dots."""
    pdf = tmp_path / "slip.pdf"
    render_pdf(make_content(), pdf, width)
    sizes: list[float] = []

    def visit(text, cm, tm, font, font_size):  # type: ignore[no-untyped-def]
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes.append(font_size * scale * DPI / 72)  # points to 203-dpi dots

    pypdf.PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    assert len(sizes) > 20
    assert min(sizes) >= SMALLEST - 0.5, sorted(sizes)[:5]


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize("withdrawn", [False, True])
def test_no_paragraph_ends_in_one_word(qapp, make_content, width, withdrawn):
    checked = 0
    for layout in _layouts(layout_slip(make_content(withdrawn=withdrawn), width)):
        text = layout.text()
        lines = [
            text[
                layout.lineAt(i).textStart() : layout.lineAt(i).textStart()
                + layout.lineAt(i).textLength()
            ]
            for i in range(layout.lineCount())
        ]
        first_of_paragraph = True
        for line in lines:
            ends_paragraph = line.endswith("\u2028") or line is lines[-1]
            if ends_paragraph and not first_of_paragraph:
                assert len(line.split()) >= 2, f"orphan {line!r} in {text!r}"
                checked += 1
            first_of_paragraph = ends_paragraph
    assert checked >= 5  # long paragraphs were there to check


def _lines(text: str, bind: bool) -> list[str]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    from mpp_counter.slip import fonts
    from mpp_counter.slip.layout import _layout_text

    fonts.load_fonts()
    font, width = fonts.font(FONT_A), PRINTABLE_DOTS[58]
    if bind:
        layout, _h = _layout_text(text, font, width, Qt.AlignmentFlag.AlignLeft)
    else:  # the same wrapping, without binding the last words
        layout = QTextLayout(text, font)
        option = QTextOption(Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
    out = layout.text()
    return [
        out[
            layout.lineAt(i).textStart() : layout.lineAt(i).textStart()
            + layout.lineAt(i).textLength()
        ]
        for i in range(layout.lineCount())
    ]


def test_binding_keeps_the_words_and_prevents_a_real_orphan(qapp):
    assert bind_last_words("a b c\nd e") == "a b\u00a0c\nd\u00a0e"
    assert bind_last_words("one") == "one"
    text = "Persetujuan ini sukarela dan tidak memengaruhi layanan Anda."
    assert _lines(text, bind=False)[-1] == "Anda."  # the orphan the check must catch
    bound = _lines(text, bind=True)
    assert len(bound[-1].split()) == 2
    assert " ".join("".join(bound).split()) == text


def _dark_rows(png: Path) -> list[int]:
    """Rows whose middle 80 % is almost all black: a white-on-black banner."""
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    bits = bytes(image.constBits())
    stride, w = image.bytesPerLine(), image.width()
    lo, hi = int(w * 0.1), int(w * 0.9)
    dark = bytes(1 if v < 128 else 0 for v in range(256))
    return [
        y
        for y in range(image.height())
        if bits[y * stride + lo : y * stride + hi].translate(dark).count(1) > 0.85 * (hi - lo)
    ]


@pytest.mark.parametrize("width", [58, 80])
def test_title_and_reprint_mark(qapp, tmp_path, make_content, rasterise, width):
    original = make_content()
    assert not original.reprint
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    render_pdf(original, first, width)
    render_pdf(replace(original, reprint=True), again, width)
    assert _text(first).startswith(TITLE)
    assert _text(again).startswith(f"{TITLE} CETAK ULANG")
    assert "CETAK ULANG" not in _text(first)
    assert pypdf.PdfReader(str(again)).metadata.title.endswith("(cetak ulang)")
    # In the picture: a black banner right under the title, none on the original.
    top = 0.12  # of the page's height: where the title is
    plain, marked = _dark_rows(rasterise(first, DPI)), _dark_rows(rasterise(again, DPI))
    height = QImage(str(rasterise(again, DPI))).height()
    assert not [y for y in plain if y < top * height]
    banner = [y for y in marked if y < top * height]
    assert len(banner) >= 15  # the band above, between and below its white letters


def test_reprint_through_the_store_and_cli(cli, tmp_path, rasterise):
    """`record --slip-pdf` prints the original; `slip CODE` reprints it, marked."""
    d = cli.home / "d"
    r = cli(
        "--data-dir",
        str(d),
        "init",
        "--mpp",
        "BKL01",
        "--counter",
        "Loket 1",
        "--mpp-name",
        "MPP Kota Bengkulu",
        "--tz",
        "WIB",
    )
    assert r.returncode == 0, r.stderr
    first = tmp_path / "first.pdf"
    r = cli(
        "--data-dir",
        str(d),
        "record",
        "--service",
        "DUK-KTP",
        "--phone",
        "0812-0000-2468",
        "--consent",
        "--slip-pdf",
        str(first),
    )
    assert r.returncode == 0, r.stderr
    code = r.stdout.splitlines()[-1]
    again = tmp_path / "again.pdf"
    r = cli("--data-dir", str(d), "slip", code, "--pdf", str(again))
    assert r.returncode == 0, r.stderr
    assert _text(first).startswith(TITLE) and "CETAK ULANG" not in _text(first)
    assert _text(again).startswith(f"{TITLE} CETAK ULANG") and code in _text(again)


@pytest.mark.parametrize("central", ["https://spi.example.invalid", None])
def test_the_slip_carries_the_whole_notice(qapp, tmp_path, make_content, campaign, central):
    """UU PDP Ps. 21, in print: purpose, data, retention, controller, rights, how to
    withdraw, how to recognise the real message."""
    pdf = tmp_path / "slip.pdf"
    render_pdf(make_content(base_url=central), pdf, 58)
    text = _text(pdf)
    for needle in (
        campaign.purpose_id,
        "Nomor WhatsApp: 08xx-xxxx-4321",
        f"dihapus paling lambat {campaign.retention_days} hari setelah survei",
        campaign.controller,
        campaign.controller_contact,
        "melihat, memperbaiki, atau menghapus data Anda",
        "loket MPP mana pun: sebutkan kode struk dan 4 angka terakhir",
        campaign.official_sender_name,
        campaign.official_sender_number,
        "TIDAK PERNAH meminta uang",
    ):
        assert " ".join(needle.split()) in text, needle
