"""Benchmark: a consent slip to PDF, against the floor of Qt writing any PDF at all.

    PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/slip.py [--runs 30]
    ... python bench/slip.py --samples docs/img   # also writes slip-58/80[-noqr].png

Prints the median (and p90) of ``render_pdf`` after a first, warm-up call (fonts
loaded, Qt's PDF engine initialised), for 58 and 80 mm, and of a baseline: QPdfWriter
writing one line of text on a page of the same size. Goal: median <= 100 ms.
Run by hand or by a check, never as a timed test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from mpp_counter.domain.catalog import parse_campaign
from mpp_counter.domain.slip_content import SlipContent, build_slip
from mpp_counter.slip.fonts import font
from mpp_counter.slip.render import ensure_app, render_image, render_pdf

GOAL_MS = 100.0


def sample_content(base_url: str | None = "https://spi.example.invalid") -> SlipContent:
    campaign = parse_campaign(
        resources.files("mpp_counter")
        .joinpath("resources", "campaign.json")
        .read_text(encoding="utf-8")
    )
    return build_slip(
        mpp_name="MPP Kota Bengkulu",
        counter="Loket 3",
        at=datetime(2026, 11, 25, 7, 5, tzinfo=UTC),
        zone="Asia/Jakarta",
        service="Perekaman KTP-el",
        agency="Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu",
        phone_masked="08xx-xxxx-4321",
        campaign=campaign,
        receipt="7K3M-Q9XA-5",
        secret="abcdefghjkmnpqrstvwxyz0123",
        base_url=base_url,
    )


def baseline_pdf(path: Path, width_mm: int) -> None:
    """The least a PDF slip could cost: one writer, one page, one line of text."""
    writer = QPdfWriter(str(path))
    writer.setResolution(203)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(
                QSizeF(width_mm, 150),
                QPageSize.Unit.Millimeter,
                "b",
                QPageSize.SizeMatchPolicy.ExactMatch,
            ),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    painter.setFont(font(20))
    painter.drawText(QPointF(40, 40), "7K3M-Q9XA-5")
    painter.end()


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # the first call pays for font loading and Qt's lazy set-up
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(name: str, ms: list[float]) -> float:
    med = statistics.median(ms)
    p90 = statistics.quantiles(ms, n=10)[-1]
    print(f"{name:<28} median {med:7.2f} ms   p90 {p90:7.2f} ms   min {min(ms):7.2f} ms")
    return med


def write_samples(folder: Path) -> None:
    """The pictures in docs/slip.md: the PDF as poppler rasterises it at printer dpi,
    with a QR (an https central known) and without (``-noqr``: none known yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    exe = shutil.which("pdftoppm")
    for suffix, content in (("", sample_content()), ("-noqr", sample_content(None))):
        for width in (58, 80):
            name = f"slip-{width}{suffix}"
            pdf = folder / f"{name}.pdf"
            render_pdf(content, pdf, width)
            if exe:
                subprocess.run(
                    [exe, "-q", "-r", "203", "-png", "-singlefile", str(pdf), str(folder / name)],
                    check=True,
                )
                pdf.unlink()
                png = str(folder / f"{name}.png")  # poppler writes RGB; paper is grey
                QImage(png).convertToFormat(QImage.Format.Format_Grayscale8).save(png)
            print(f"wrote {folder / name}.{'png' if exe else 'pdf'}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--samples",
        type=Path,
        metavar="DIR",
        help="also write the sample slips as PNG (pdftoppm, 203 dpi) to DIR",
    )
    args = parser.parse_args(argv)
    ensure_app()
    content = sample_content()
    if args.samples:
        write_samples(args.samples)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"{args.runs} runs each, after one warm-up call; Python {sys.version.split()[0]}")
        for width in (58, 80):
            report(
                f"baseline QPdfWriter {width} mm",
                timed(lambda w=width: baseline_pdf(out / "base.pdf", w), args.runs),
            )
            worst = max(
                worst,
                report(
                    f"render_pdf {width} mm",
                    timed(lambda w=width: render_pdf(content, out / "slip.pdf", w), args.runs),
                ),
            )
            report(
                f"render_image {width} mm 203dpi",
                timed(lambda w=width: render_image(content, w), args.runs),
            )
    verdict = "OK" if worst <= GOAL_MS else "OVER"
    print(f"goal: render_pdf median <= {GOAL_MS:.0f} ms -> {verdict} (worst {worst:.2f} ms)")
    return 0 if worst <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
