"""The slip's QR opens a real page or is not there: `mpp-counter init --central URL`,
slips before enrolment, and a real scan of a slip against a central served over TLS."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
import requests

CENTRAL = "https://spi.example.invalid"
SECRET_RE = r"[0-9a-z]{26}"


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


def _consent_with_slip(cli, d: Path, pdf: Path, number: str = "0812-0000-2468") -> str:  # type: ignore[no-untyped-def]
    r = cli(
        "--data-dir",
        str(d),
        "record",
        "--service",
        "DUK-KTP",
        "--phone",
        number,
        "--consent",
        "--slip-pdf",
        str(pdf),
    )
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()[-1]


def _text(pdf: Path) -> str:
    text = unicodedata.normalize("NFKC", pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    return " ".join(text.split())


@pytest.mark.parametrize(
    "url",
    [
        "http://spi.example.go.id",
        "http://127.0.0.1:8000",
        "spi.example.go.id",
        "garbage",
        "https://",
        "ftp://x.invalid",
        "https://admin:pw@spi.example.go.id",
        "https://spi.example.go.id/?q=1",
        "",
    ],
)
def test_init_refuses_a_central_a_phone_cannot_open(cli, url: str) -> None:  # type: ignore[no-untyped-def]
    d = cli.home / "d"
    r = _init(cli, d, "--central", url)
    assert r.returncode == 2, r.stderr
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "https://" in err[0] and "Traceback" not in r.stderr
    assert ":pw@" not in r.stderr  # a password given is not echoed
    assert not d.exists()  # nothing created, not even the folder
    assert r.stdout == ""


def test_slip_before_enrolment_with_central_carries_the_receipt_page(
    cli, tmp_path, rasterise, decode_qr
) -> None:  # type: ignore[no-untyped-def]
    d = cli.home / "d"
    r = _init(cli, d, "--central", CENTRAL + "/")
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "slip.pdf"
    code = _consent_with_slip(cli, d, pdf)
    [qr] = decode_qr(rasterise(pdf, 300))
    assert re.fullmatch(rf"{re.escape(CENTRAL)}/r/{code}/{SECRET_RE}", qr), qr
    text = _text(pdf)
    assert "Pindai" in text and code in text and "loket MPP mana pun" in text


def test_slip_before_enrolment_without_central_has_no_qr(
    cli, tmp_path, rasterise, decode_qr
) -> None:  # type: ignore[no-untyped-def]
    d = cli.home / "d"
    assert _init(cli, d).returncode == 0
    pdf = tmp_path / "slip.pdf"
    code = _consent_with_slip(cli, d, pdf)
    assert decode_qr(rasterise(pdf, 300)) == []
    text = _text(pdf)
    assert code in text and "loket MPP mana pun" in text and "4 angka terakhir" in text
    for word in ("pindai", "scan", "qr"):
        assert word not in text.lower()
    # the reprint says the same: no QR appears later from nowhere
    again = tmp_path / "again.pdf"
    r = cli("--data-dir", str(d), "slip", code, "--pdf", str(again))
    assert r.returncode == 0, r.stderr
    assert decode_qr(rasterise(again, 300)) == []


def test_scanning_the_slip_opens_its_receipt_page(cli, tmp_path, rasterise, decode_qr) -> None:  # type: ignore[no-untyped-def]
    """What a citizen's phone does: decode the printed QR and open it over verified TLS.
    The slip is printed before enrolment (init --central); the page appears once the
    counter has enrolled and synced."""
    from sync._client_support import enrol_code, running_tls_central

    (tmp_path / "central").mkdir()
    with running_tls_central(tmp_path / "central") as (url, ca_pem, central):
        d = cli.home / "d"
        r = _init(cli, d, "--central", url)
        assert r.returncode == 0, r.stderr
        pdf = tmp_path / "slip.pdf"
        code = _consent_with_slip(cli, d, pdf, "0812-0000-1357")
        [qr] = decode_qr(rasterise(pdf, 300))
        assert re.fullmatch(rf"{re.escape(url)}/r/{code}/{SECRET_RE}", qr), qr

        before = requests.get(qr, verify=str(ca_pem), timeout=10)
        assert before.status_code == 404  # not synced yet: the central does not know it
        assert "Struk tidak ditemukan" in before.text

        trusted = {"SSL_CERT_FILE": str(ca_pem), "SSL_CERT_DIR": str(tmp_path / "none")}
        r = cli("--data-dir", str(d), "enrol", url, enrol_code(central), env=trusted)
        assert r.returncode == 0, r.stderr
        r = cli("--data-dir", str(d), "sync", env=trusted)
        assert r.returncode == 0, r.stderr

        page = requests.get(qr, verify=str(ca_pem), timeout=10)
        assert page.status_code == 200
        assert f'<dd id="receipt">{code}</dd>' in page.text
        assert "Persetujuan aktif" in page.text and "08xx-xxxx-1357" in page.text
        assert "081200001357" not in page.text
