"""The A4 counter poster: the full UU PDP Ps. 21 notice in print, a QR to the notice page
at an https central (none otherwise), and that page served for real over TLS."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
import requests

from mpp_counter.domain.notice import build_notice, notice_url
from mpp_counter.slip.layout import mm_to_dots
from mpp_counter.slip.poster import render_poster_pdf

PT_PER_MM = 72 / 25.4
CENTRAL = "https://spi.example.invalid"


def _text(pdf: Path) -> str:
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    return " ".join(text.split())


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _elements(campaign) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every element Pasal 21 asks for, as the poster must say it."""
    return {
        "purpose": campaign.purpose_id,
        "voluntary": "menolak tidak memengaruhi layanan Anda",
        "data": "Nomor WhatsApp Anda, hanya bila Anda setuju",
        "retention": f"dihapus paling lambat {campaign.retention_days} hari setelah survei "
        "berakhir",
        "controller": campaign.controller,
        "contact": campaign.controller_contact,
        "rights": "meminta akses, perbaikan, atau penghapusan data Anda",
        "withdraw": "loket MPP mana pun: sebutkan kode struk dan 4 angka terakhir",
        "lost slip": "Struk hilang? Sebutkan nomor WhatsApp Anda di loket",
        "sender name": campaign.official_sender_name,
        "sender number": campaign.official_sender_number,
        "real message": "Survei TIDAK PERNAH meminta uang, kata sandi, kode OTP, atau dokumen",
        "version": f"Versi pemberitahuan: {campaign.notice_version}",
        "law": "Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, Pasal 21",
    }


def test_poster_is_a4_with_every_notice_element_and_a_qr(
    qapp, tmp_path, campaign, rasterise, decode_qr
):
    notice = build_notice(campaign, CENTRAL + "/")
    assert notice.url == f"{CENTRAL}/notice/{campaign.id}"
    pdf = tmp_path / "poster.pdf"
    plan = render_poster_pdf(notice, pdf)
    page = pypdf.PdfReader(str(pdf)).pages[0]
    assert abs(float(page.mediabox.width) / PT_PER_MM - 210) < 0.5
    assert abs(float(page.mediabox.height) / PT_PER_MM - 297) < 0.5
    assert plan.height_dots <= mm_to_dots(297)
    text = _text(pdf)
    for name, needle in _elements(campaign).items():
        assert _flat(needle) in text, name
    assert "Pindai" in text and "juga dapat memindainya" in text
    assert decode_qr(rasterise(pdf, 150)) == [notice.url]
    # readable across a counter: no text under 28 dots (about 10 pt), the body larger
    sizes = [t.font().pixelSize() for b in plan.blocks for t in b.texts]
    assert min(sizes) >= 28 and sorted(sizes)[len(sizes) // 2] >= 36


@pytest.mark.parametrize("central", [None, "http://127.0.0.1:8000", "https://"])
def test_no_https_central_no_qr(qapp, tmp_path, campaign, rasterise, decode_qr, central):
    notice = build_notice(campaign, central)
    assert notice.url is None and notice.qr_caption is None
    pdf = tmp_path / "poster.pdf"
    render_poster_pdf(notice, pdf)
    assert decode_qr(rasterise(pdf, 150)) == []
    text = _text(pdf)
    for word in ("pindai", "scan", "qr", "http"):
        assert word not in text.lower()
    for name, needle in _elements(campaign).items():
        assert _flat(needle) in text, name


def test_notice_url_quotes_the_campaign_and_refuses_plain_http():
    assert (
        notice_url("https://c.example.invalid/", "SPI 2026/x")
        == "https://c.example.invalid/notice/SPI%202026%2Fx"
    )
    assert notice_url("http://c.example.invalid", "SPI-2026") is None


def test_a_notice_too_long_for_a4_is_refused_clearly(qapp, tmp_path, campaign):
    from dataclasses import replace

    from mpp_counter.domain.errors import ConfigInvalid

    huge = replace(campaign, purpose_id="Kalimat panjang sekali. " * 600)
    with pytest.raises(ConfigInvalid, match="A4"):
        render_poster_pdf(build_notice(huge, None), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() or (tmp_path / "x.pdf").stat().st_size == 0


def _init(cli, d: Path, *extra: str):  # type: ignore[no-untyped-def]
    return cli(
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
        *extra,
    )


def test_cli_poster_without_central_and_into_a_missing_folder(cli, tmp_path, decode_qr, rasterise):
    d = cli.home / "d"
    assert _init(cli, d).returncode == 0
    pdf = tmp_path / "poster.pdf"
    r = cli("--data-dir", str(d), "poster", "--pdf", str(pdf))
    assert r.returncode == 0, r.stderr
    assert "no QR" in r.stderr
    assert decode_qr(rasterise(pdf, 150)) == []
    assert "SPI-2026-v3" in _text(pdf)
    r = cli("--data-dir", str(d), "poster", "--pdf", str(tmp_path / "nope" / "p.pdf"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("mpp-counter: ")
    assert not (tmp_path / "nope").exists()


def test_scanning_the_poster_opens_the_notice_page(cli, tmp_path, rasterise, decode_qr):
    """What a citizen's phone does: decode the poster's QR and open it over verified TLS."""
    from sync._client_support import running_tls_central

    (tmp_path / "central").mkdir()
    with running_tls_central(tmp_path / "central") as (url, ca_pem, _central):
        d = cli.home / "d"
        r = _init(cli, d, "--central", url)
        assert r.returncode == 0, r.stderr
        pdf = tmp_path / "poster.pdf"
        r = cli("--data-dir", str(d), "poster", "--pdf", str(pdf))
        assert r.returncode == 0, r.stderr
        [qr] = decode_qr(rasterise(pdf, 150))
        assert re.fullmatch(rf"{re.escape(url)}/notice/SPI-2026", qr), qr

        page = requests.get(qr, verify=str(ca_pem), timeout=10)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        body = html.unescape(re.sub(r"<[^>]+>", " ", page.text))
        body = " ".join(body.split())
        assert "Survei SPI 2026" in body  # the central's own campaign, not the file's
        from importlib import resources

        from mpp_counter.domain.catalog import parse_campaign

        shipped = parse_campaign(
            resources.files("mpp_counter").joinpath("resources/campaign.json").read_text("utf-8")
        )
        for name, needle in _elements(shipped).items():
            assert _flat(needle) in body, name
        assert "Pindai" not in body  # the page is where the scan leads

        missing = requests.get(f"{url}/notice/NO-SUCH", verify=str(ca_pem), timeout=10)
        assert missing.status_code == 404
        assert "Pemberitahuan tidak ditemukan" in missing.text
