"""The slip as PDF and image: paper width, a QR a real decoder reads, the right text,
and never a full phone number."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from mpp_counter.slip import qr
from mpp_counter.slip.layout import DPI, PRINTABLE_DOTS
from mpp_counter.slip.render import layout_slip, render_image, render_pdf

NUMBER = "0812-0000-4321"
FULL_FORMS = (
    "081200004321",
    "6281200004321",
    "81200004321",
    "0812-0000-4321",
    "0812 0000 4321",
    "+62 812-0000-4321",
    "812-0000-4321",
)
PT_PER_MM = 72 / 25.4
ANY_COUNTER = "loket MPP mana pun"
SECRET = "abcdefghjkmnpqrstvwxyz0123"  # the receipt secret conftest.make_content uses


def _text(pdf: Path) -> str:
    """The page's text with every run of whitespace (pypdf puts tabs between words and
    breaks lines where the slip wraps) as one space."""
    text = unicodedata.normalize("NFKC", pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    return " ".join(text.split())


@pytest.mark.parametrize("width", [58, 80])
def test_pdf_width_qr_and_text(qapp, tmp_path, make_content, rasterise, decode_qr, width):
    content = make_content(number=NUMBER, base_url="https://spi.example.invalid/")
    assert content.qr_text == f"https://spi.example.invalid/r/{content.receipt}/{SECRET}"
    pdf = tmp_path / f"slip-{width}.pdf"
    render_pdf(content, pdf, width)

    page = pypdf.PdfReader(str(pdf)).pages[0]
    # Qt writes the media box in whole points: within 0.5 mm of the roll's width.
    assert abs(float(page.mediabox.width) / PT_PER_MM - width) < 0.5
    assert float(page.mediabox.height) > float(page.mediabox.width)

    assert decode_qr(rasterise(pdf, 300)) == [content.qr_text]

    text = _text(pdf)
    assert content.receipt in text
    assert "08xx-xxxx-4321" in text
    for needle in (
        "KODE STRUK",
        "CARA MENGENALI PESAN RESMI",
        "MENARIK PERSETUJUAN",
        content.official_sender_name,
        content.official_sender_number,
        "akun WhatsApp resmi terverifikasi",
        "gratifikasi",
        "Loket 3",
        "Pindai kode QR",
        ANY_COUNTER,
    ):
        assert needle in text
    _no_full_number(pdf, text)
    assert "81200004321" not in content.qr_text


def _no_full_number(pdf: Path, text: str) -> None:
    digits = re.sub(r"\D", "", text)
    assert "81200004321" not in digits
    raw = pdf.read_bytes()
    for form in FULL_FORMS:
        assert form not in text
        assert form.encode() not in raw


@pytest.mark.parametrize("width", [58, 80])
@pytest.mark.parametrize(
    "central",
    [
        None,
        "http://127.0.0.1:8000",
        "mppc:r",
        "https://",
        "https://user:pw@spi.example.invalid",
        "https://spi.example.invalid:port",
        "https://a b.invalid",
    ],
    ids=["none", "http", "scheme", "nohost", "user", "port", "space"],
)
def test_no_https_central_no_qr_and_no_word_of_scanning(
    qapp, tmp_path, make_content, rasterise, decode_qr, width, central
):
    """Before the counter knows an https central a phone could open nothing: the slip
    carries no QR, says nothing of scanning, and says where the code works instead."""
    content = make_content(number=NUMBER, base_url=central)
    assert content.qr_text is None
    pdf = tmp_path / f"slip-{width}.pdf"
    render_pdf(content, pdf, width)
    assert decode_qr(rasterise(pdf, 300)) == []
    text = _text(pdf)
    assert content.receipt in text and "KODE STRUK" in text
    assert ANY_COUNTER in text and "4 angka terakhir" in text
    assert "Simpan struk ini" in text
    for word in ("pindai", "scan", "qr", "mppc"):
        assert word not in text.lower()
    _no_full_number(pdf, text)


def test_campaign_address_stands_in_for_a_missing_or_plain_central(make_content, campaign):
    """The campaign's own https receipt address is used when the counter's is unusable."""
    from dataclasses import replace

    from mpp_counter.domain.slip_content import build_slip

    fixed = replace(campaign, verify_base_url="https://cek.spi.example.invalid")
    base = make_content(base_url=None)
    for central in (None, "http://127.0.0.1:9"):
        c = build_slip(
            mpp_name="M",
            counter="L",
            at=datetime(2026, 11, 25, tzinfo=UTC),
            zone="Asia/Jakarta",
            service="s",
            agency="a",
            phone_masked=base.phone_masked,
            campaign=fixed,
            receipt=base.receipt,
            secret=SECRET,
            base_url=central,
        )
        assert c.qr_text == f"https://cek.spi.example.invalid/r/{base.receipt}/{SECRET}"
        assert c.how_to_withdraw.startswith("Pindai kode QR")


def test_qr_decodes_from_a_low_resolution_scan(qapp, tmp_path, make_content, rasterise, decode_qr):
    """About what a phone camera gets from 58 mm paper: 150 dpi is still enough."""
    content = make_content()
    pdf = tmp_path / "slip.pdf"
    render_pdf(content, pdf, 58)
    assert decode_qr(rasterise(pdf, 150)) == [content.qr_text]


@pytest.mark.parametrize("width", [58, 80])
def test_qr_modules_are_whole_printer_dots(width, make_content):
    for text in (
        make_content().qr_text,
        make_content(base_url="https://spi.example.invalid/mpp/central").qr_text,
    ):
        symbol = qr.make_symbol(text, PRINTABLE_DOTS[width])
        assert isinstance(symbol.module, int)
        assert symbol.module >= qr.MIN_MODULE_DOTS  # >= 0.5 mm
        assert symbol.level == "Q"
        assert symbol.side <= PRINTABLE_DOTS[width]


def test_long_qr_uses_the_whole_column_then_smaller_modules():
    wide = qr.make_symbol("https://spi.example.invalid/r/" + "x" * 300, 384)
    assert wide.module >= qr.MIN_MODULE_DOTS
    assert 384 * qr.MAX_WIDTH_SHARE < wide.side <= 384
    huge = qr.make_symbol("https://spi.example.invalid/r/" + "x" * 1000, 384)
    assert huge.level == "M"
    assert 1 <= huge.module < qr.MIN_MODULE_DOTS
    assert huge.side <= 384


@pytest.mark.parametrize("width", [58, 80])
def test_image_matches_the_layout(qapp, make_content, decode_qr, tmp_path, width):
    content = make_content()
    plan = layout_slip(content, width)
    image = render_image(content, width, dpi=DPI)
    assert image.width() == round(width * DPI / 25.4)
    assert abs(image.height() - plan.height_dots) <= 1
    png = tmp_path / "slip.png"
    assert image.save(str(png))
    assert decode_qr(png) == [content.qr_text]
    big = render_image(content, width, dpi=300)
    assert abs(big.width() - width * 300 / 25.4) <= 1


def test_height_follows_the_content(qapp, make_content):
    short = layout_slip(make_content(), 58)
    withdrawn = layout_slip(make_content(withdrawn=True), 58)
    assert withdrawn.height_dots > short.height_dots
    # 80 mm paper holds more per line, so the same slip is shorter relative to its width.
    assert layout_slip(make_content(), 80).height_mm < short.height_mm * 1.5


def test_withdrawn_slip_says_so(qapp, tmp_path, make_content):
    content = make_content(withdrawn=True)
    pdf = tmp_path / "withdrawn.pdf"
    render_pdf(content, pdf, 58)
    text = _text(pdf)
    assert content.withdrawn_at
    assert f"PERSETUJUAN SUDAH DITARIK {content.withdrawn_at}" in text


def test_shipped_font_is_embedded(qapp, tmp_path, make_content):
    pdf = tmp_path / "slip.pdf"
    render_pdf(make_content(), pdf, 58)
    fonts = set()
    for font in pypdf.PdfReader(str(pdf)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        fonts.add(str(font.get("/BaseFont")))
    assert any("DejaVuSans" in name for name in fonts), fonts


def test_unknown_width_is_refused(qapp, make_content, tmp_path):
    with pytest.raises(ValueError):
        render_pdf(make_content(), tmp_path / "x.pdf", 70)


def test_unwritable_path_raises_oserror(qapp, make_content, tmp_path):
    with pytest.raises(OSError):
        render_pdf(make_content(), tmp_path / "missing-dir" / "x.pdf", 58)


def test_cli_process_gets_its_own_app_and_survives_many_slips(tmp_path):
    """No QApplication, no display: ensure_app() goes offscreen. Hundreds of layouts
    must not abort the interpreter (PySide6 6.12.0's reference leak on None, pinned away)."""
    script = (
        "import os, sys\n"
        "os.environ.pop('QT_QPA_PLATFORM', None); os.environ.pop('DISPLAY', None)\n"
        "os.environ.pop('WAYLAND_DISPLAY', None)\n"
        "from mpp_counter.slip.render import ensure_app, render_pdf, layout_slip\n"
        "from mpp_counter.domain.slip_content import SlipContent\n"
        "app = ensure_app(); assert ensure_app() is app\n"
        "assert os.environ['QT_QPA_PLATFORM'] == 'offscreen'\n"
        "c = SlipContent('M', 'L', 'w', 's', 'a', '08xx-xxxx-0000', 'c', 'p', 'n', '+62', 'w',\n"
        "                'h', 'k', 'kk', 'ABCD-EFGH-K',\n"
        "                'https://spi.example.invalid/r/ABCD-EFGH-K/x')\n"
        "for _ in range(300): layout_slip(c, 58)\n"
        "render_pdf(c, sys.argv[1], 80)\n"
    )
    out = tmp_path / "cli.pdf"
    done = subprocess.run(
        [sys.executable, "-c", script, str(out)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.stat().st_size > 1000


COLOURS = ("hijau", "biru", "centang", "green", "blue", "tick")


def test_the_sender_is_named_never_by_a_colour(qapp, tmp_path, make_content, campaign):
    """WhatsApp's badge changed colour in 2024: the slip and the notice read aloud name the
    sender as the campaign defines it, and promise only what every counter can do."""
    for content in (make_content(), make_content(base_url=None)):
        pdf = tmp_path / "slip.pdf"
        render_pdf(content, pdf, 58)
        text = _text(pdf).lower()
        assert not [c for c in COLOURS if c in text], text
        assert "akun whatsapp resmi terverifikasi" in text
    for notice in (campaign.notice_id, campaign.notice_en):
        assert not [c for c in COLOURS if re.search(rf"\b{c}\b", notice.lower())], notice
    assert campaign.official_sender_name in campaign.notice_id
    assert "resmi terverifikasi" in campaign.notice_id
    assert "loket MPP mana pun" in campaign.notice_id
    assert "4 angka terakhir" in campaign.notice_id
    assert campaign.notice_version == "SPI-2026-v3"  # a new text is a new version
