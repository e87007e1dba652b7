"""Printing through a real CUPS spooler (cups-pdf), and refusals that say why.

Needs the queues made by ``.ci/cups-setup.sh`` (run as root). Without ``lpstat`` these
tests skip; with ``CI`` or ``MPP_REQUIRE_CUPS`` set, a missing queue is a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mpp_counter.domain import receipt
from mpp_counter.domain.errors import PrinterUnavailable
from mpp_counter.slip import printing

QUEUE, DISABLED, REJECTING = "mppslip", "mppslip-off", "mppslip-reject"
WAIT_S = 30.0
REQUIRED = bool(os.environ.get("CI") or os.environ.get("MPP_REQUIRE_CUPS"))


def _queues() -> str:
    done = subprocess.run(
        ["lpstat", "-p"],
        capture_output=True,
        text=True,
        timeout=10,
        env=dict(os.environ, LC_ALL="C"),
        check=False,
    )
    return done.stdout


@pytest.fixture(scope="module")
def cups() -> Path:
    """The folder cups-pdf writes this user's jobs to (``Out ${HOME}/PDF``, HOME from
    the password database)."""
    if shutil.which("lpstat") is None:
        pytest.skip(
            "CUPS is not installed (no lpstat): apt-get install cups cups-client "
            "printer-driver-cups-pdf, then run .ci/cups-setup.sh as root"
        )
    listed = _queues()
    missing = [q for q in (QUEUE, DISABLED, REJECTING) if f"printer {q} " not in listed]
    if missing:
        msg = f"CUPS queues {missing} are missing or cupsd is not running: run .ci/cups-setup.sh"
        if REQUIRED:
            pytest.fail(msg)
        pytest.skip(msg)
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"


def _wait_for_slip(folder: Path, since: float, expected: str, decode) -> Path:
    """The PDF cups-pdf wrote for our job: new since ``since`` and carrying our QR.

    Job titles hold no receipt code (the spooler keeps them), so the job is recognised
    by its content; other tests may print at the same time (pytest-xdist).
    """
    deadline = time.monotonic() + WAIT_S
    seen: dict[Path, float] = {}
    while time.monotonic() < deadline:
        for pdf in folder.glob(f"{printing.JOB_NAME.replace(' ', '_')}*.pdf"):
            try:
                st = pdf.stat()
                complete = pdf.read_bytes().rstrip().endswith(b"%%EOF")
            except OSError:
                continue
            if st.st_mtime < since - 1 or not complete or seen.get(pdf) == st.st_mtime:
                continue
            seen[pdf] = st.st_mtime
            if expected in decode(pdf):
                return pdf
        time.sleep(0.2)
    raise AssertionError(f"cups-pdf wrote no slip with our QR in {folder} within {WAIT_S:.0f} s")


def _print_and_decode(request, cups, make_content, rasterise, decode_qr, width, in_thread):
    code = receipt.new_code()
    content = make_content(receipt=code)
    since = time.time()
    if in_thread:
        errors: list[BaseException] = []

        def work() -> None:
            try:
                printing.print_slip(content, QUEUE, width)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        worker = threading.Thread(target=work)
        worker.start()
        worker.join(WAIT_S)
        assert not worker.is_alive() and not errors, errors
    else:
        printing.print_slip(content, QUEUE, width)
    pdf = _wait_for_slip(cups, since, content.qr_text, lambda pdf: decode_qr(rasterise(pdf, 300)))
    request.addfinalizer(lambda: pdf.unlink(missing_ok=True))
    return pdf


def test_print_from_worker_thread_lands_in_cups_pdf(
    request, qapp, cups, make_content, rasterise, decode_qr
):
    """The GUI prints from a worker: the spooler gets a slip whose QR still reads."""
    _print_and_decode(request, cups, make_content, rasterise, decode_qr, 58, in_thread=True)


def test_print_80mm_keeps_the_paper_width(request, qapp, cups, make_content, rasterise, decode_qr):
    import pypdf

    pdf = _print_and_decode(request, cups, make_content, rasterise, decode_qr, 80, in_thread=False)
    width_mm = float(pypdf.PdfReader(str(pdf)).pages[0].mediabox.width) * 25.4 / 72
    assert abs(width_mm - 80) < 1


def test_queues_are_listed(qapp, cups):
    names = printing.list_printers()
    assert QUEUE in names and DISABLED in names


@pytest.mark.parametrize(
    ("queue", "why"),
    [
        ("no-such-queue", "does not exist"),
        (DISABLED, "paused (disabled)"),
        (REJECTING, "not accepting jobs"),
    ],
)
def test_unusable_queue_is_refused_with_a_reason(qapp, cups, make_content, queue, why):
    with pytest.raises(PrinterUnavailable) as info:
        printing.print_slip(make_content(), queue, 58)
    assert why in str(info.value)
    assert queue in str(info.value)
    assert "record is saved" in str(info.value)


def test_no_cups_server_means_no_printer(tmp_path):
    """cupsd down (or never installed): a clear refusal, not a hang or a crash."""
    script = (
        "from mpp_counter.slip.render import ensure_app\n"
        "from mpp_counter.slip import printing\n"
        "from mpp_counter.domain.errors import PrinterUnavailable\n"
        "from mpp_counter.domain.slip_content import SlipContent\n"
        "ensure_app()\n"
        "assert printing.list_printers() == [], printing.list_printers()\n"
        "c = SlipContent('M', 'L', 'w', 's', 'a', '08xx-xxxx-0000', 'c', 'p', 'n', '+62', 'w',\n"
        "                'h', 'k', 'kk', 'ABCD-EFGH-K',\n"
        "                'https://spi.example.invalid/r/ABCD-EFGH-K/x')\n"
        "for name in ('mppslip', None):\n"
        "    try:\n"
        "        printing.print_slip(c, name, 58)\n"
        "    except PrinterUnavailable as e:\n"
        "        print(e)\n"
        "    else:\n"
        "        raise SystemExit('printed without a printer')\n"
    )
    env = dict(os.environ, CUPS_SERVER=str(tmp_path / "no-cupsd.sock"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "does not exist" in lines[0]
    assert "No printer is set up" in lines[1]


# --- the command line: `mpp-counter slip RECEIPT --pdf FILE | --print [QUEUE]` ------------


@pytest.fixture
def recorded(cli):
    """A store made by the CLI with one consent; returns (run, receipt code)."""
    d = str(cli.home / "d")
    run = lambda *a: cli("--data-dir", d, *a)  # noqa: E731
    r = run(
        "init",
        "--mpp",
        "BKL01",
        "--counter",
        "Loket 1",
        "--mpp-name",
        "MPP Kota Bengkulu",
        "--tz",
        "WIB",
        "--central",
        "https://spi.example.invalid",
    )
    assert r.returncode == 0, r.stderr
    r = run("record", "--service", "DUK-KTP", "--phone", "0812-0000-2468", "--consent")
    assert r.returncode == 0, r.stderr
    return run, r.stdout.splitlines()[-1]


def test_cli_slip_pdf_carries_the_receipt_not_the_number(recorded, tmp_path, rasterise, decode_qr):
    import pypdf

    run, code = recorded
    target = tmp_path / "reprint.pdf"
    r = run("slip", code.lower(), "--pdf", str(target), "--paper", "80")
    assert r.returncode == 0, r.stderr
    assert not target.with_name("reprint.pdf.part").exists()
    width_mm = float(pypdf.PdfReader(str(target)).pages[0].mediabox.width) * 25.4 / 72
    assert abs(width_mm - 80) < 1
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(target)).pages)
    assert code in text and "2468" in text
    assert "081200002468" not in text.replace("-", "").replace(" ", "")
    [qr] = decode_qr(rasterise(target, 300))
    assert code in qr and "2468" not in qr
    assert "reprint" in run("audit", "show").stdout


def test_cli_slip_print_through_cups(request, recorded, cups, rasterise, decode_qr):
    run, code = recorded
    since = time.time()
    r = run("slip", code, "--print", QUEUE)
    assert r.returncode == 0, r.stderr
    pdf = _wait_for_slip(cups, since, code, lambda p: " ".join(decode_qr(rasterise(p, 300))))
    request.addfinalizer(lambda: pdf.unlink(missing_ok=True))


@pytest.mark.parametrize(
    ("queue", "why"), [("no-such-queue", "does not exist"), (DISABLED, "paused (disabled)")]
)
def test_cli_slip_to_an_unusable_queue_fails_and_keeps_the_record(recorded, cups, queue, why):
    run, code = recorded
    r = run("slip", code, "--print", queue)
    assert r.returncode == 1
    assert why in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert code in run("export").stdout


@pytest.mark.parametrize("given", ["ABCD-EFGH", "not a code at all", "wrong check", "unknown"])
def test_cli_slip_refuses_a_bad_or_unknown_code(recorded, tmp_path, given):
    run, code = recorded
    if given == "wrong check":  # one character off: the check character catches it
        given = code[:-1] + ("A" if code[-1] != "A" else "B")
    elif given == "unknown":
        given = receipt.new_code()
    r = run("slip", given, "--pdf", str(tmp_path / "x.pdf"))
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("mpp-counter: ") and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
