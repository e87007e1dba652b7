"""Fixtures for the slip tests: real slip content, real rasteriser, real QR decoder.

Phone numbers here come only from the fake 0812-0000-xxxx range.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from mpp_counter.domain import phone
from mpp_counter.domain.catalog import Campaign, parse_campaign
from mpp_counter.domain.slip_content import SlipContent, build_slip

CENTRAL = "https://spi.example.invalid"
SECRET = "abcdefghjkmnpqrstvwxyz0123"


@pytest.fixture(scope="session")
def campaign() -> Campaign:
    text = (
        resources.files("mpp_counter")
        .joinpath("resources", "campaign.json")
        .read_text(encoding="utf-8")
    )
    return parse_campaign(text)


@pytest.fixture
def make_content(campaign: Campaign) -> Callable[..., SlipContent]:
    """Slip content as the store would build it; ``base_url=None`` gives the offline form."""

    def make(
        number: str = "0812-0000-4321",
        receipt: str = "7K3M-Q9XA-5",
        base_url: str | None = CENTRAL,
        withdrawn: bool = False,
    ) -> SlipContent:
        return build_slip(
            mpp_name="MPP Kota Bengkulu",
            counter="Loket 3",
            at=datetime(2026, 11, 25, 7, 5, tzinfo=UTC),
            zone="Asia/Jakarta",
            service="Perekaman KTP-el",
            agency="Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu",
            phone_masked=phone.mask(phone.normalize(number)),
            campaign=campaign,
            receipt=receipt,
            secret=SECRET,
            base_url=base_url,
            withdrawn_at=datetime(2026, 11, 26, 2, 0, tzinfo=UTC) if withdrawn else None,
        )

    return make


@pytest.fixture(scope="session")
def rasterise(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, int], Path]:
    """PDF page 1 to PNG with poppler's pdftoppm, as a viewer or driver would see it.
    The PNG goes to a temporary folder, never beside the PDF (cups-pdf's folder)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm is missing: apt-get install poppler-utils")
    folder = tmp_path_factory.mktemp("raster")
    counter = iter(range(1_000_000))

    def run(pdf: Path, dpi: int = 300) -> Path:
        out = folder / f"{pdf.stem}-{next(counter)}"
        subprocess.run(
            [
                exe,
                "-q",
                "-r",
                str(dpi),
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(out),
            ],
            check=True,
            timeout=60,
        )
        return out.with_suffix(".png")

    return run


@pytest.fixture(scope="session")
def decode_qr() -> Callable[[Path], list[str]]:
    """Every QR code zxing-cpp finds in a PNG, as text."""
    import zxingcpp
    from PySide6.QtGui import QImage

    def run(png: Path) -> list[str]:
        image = QImage(str(png))
        assert not image.isNull(), f"cannot read {png}"
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        return [b.text for b in found]

    return run
