"""Logs and errors: the whole CLI workflow at DEBUG, then every byte it wrote is searched
for the numbers (every spelling), the PIN, the passphrase and the device token."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from mpp_counter import logging_setup
from mpp_counter.logging_setup import RedactingFilter, redact
from mpp_counter.store.counter import CounterStore
from sync._client_support import enrol_code, running_central

from support import FAKE_NUMBERS, PASSPHRASE, number_forms, scan_for_numbers

PIN = "135790"
TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0"


@pytest.fixture
def central(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "central").mkdir()
    yield from running_central(tmp_path / "central")


@pytest.mark.parametrize(
    "text",
    [
        *FAKE_NUMBERS,
        "+62 812-0000-1234",
        "0812 0000 1234",
        "62812.0000.1234",
        "(0812) 00001234",
        PIN,
        f"Bearer {TOKEN}",
        f"token={TOKEN}",
        TOKEN,
    ],
)
def test_redact_masks_numbers_pins_and_tokens(text):
    out = redact(f"saving {text} now")
    assert out.startswith("saving ") and out.endswith(" now")
    for digit_run in ("0000", PIN, TOKEN):
        assert digit_run not in out


def test_a_uuid_stays_readable():
    uid = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"
    assert uid in redact(f"visit {uid} saved")


def test_every_handler_gets_masked_records_even_one_added_later():
    root = logging.getLogger()
    saved_factory, saved_level = logging.getLogRecordFactory(), root.level
    try:
        logging_setup.install_record_masking()
        late = io.StringIO()
        handler = logging.StreamHandler(late)  # a library's handler: no filter of ours
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        log = logging.getLogger("mpp_counter.test")
        log.debug("number %s pin %s", FAKE_NUMBERS[0], PIN)
        try:
            raise ValueError(f"bad number {FAKE_NUMBERS[1]} with token {TOKEN}")
        except ValueError:
            log.exception("failed for %s", "+62 812 0000 9012")
        root.removeHandler(handler)
        text = late.getvalue()
        assert "[number]" in text and "Traceback" in text and "ValueError" in text
        for n in FAKE_NUMBERS:
            assert not any(f.decode("utf-8", "ignore") in text for f in number_forms(n)[::3])
        assert PIN not in text and TOKEN not in text
        # and the filter of our own handlers masks a record made before masking was on
        rec = logging.LogRecord("x", logging.INFO, __file__, 1, "n=%s", (FAKE_NUMBERS[2],), None)
        RedactingFilter().filter(rec)
        assert FAKE_NUMBERS[2] not in rec.getMessage()
    finally:
        logging.setLogRecordFactory(saved_factory)
        root.setLevel(saved_level)


def test_the_whole_workflow_at_debug_leaks_nothing(cli, tmp_path, central):
    data = tmp_path / "data"
    base = ("--data-dir", str(data), "--log-level", "DEBUG")
    debug = {"MPP_COUNTER_LOG": "DEBUG"}
    clerk = {**debug, "MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None}
    outputs: list[str] = []

    def run(*args: str, env: dict | None = None, code: int = 0) -> str:  # type: ignore[type-arg]
        r = cli(*base, *args, env={**debug, **(env or {})})
        outputs.extend((r.stdout, r.stderr))
        assert r.returncode == code, (args, r.stderr)
        return r.stdout

    run("init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu")
    run("clerk", "add", "Siti", env={"MPP_COUNTER_PIN": PIN})
    spellings = [FAKE_NUMBERS[0], "+62 812-0000-5678", "62 812 0000 9012"]
    receipts = [
        run(
            "record",
            "--service",
            "DUK-KTP",
            "--consent",
            "--phone",
            p,
            "--clerk",
            "Siti",
            env=clerk,
        ).split()[-1]
        for p in spellings
    ]
    run(
        "record",
        "--service",
        "DUK-KTP",
        "--consent",
        "--phone",
        "0812-0000-1",
        "--clerk",
        "Siti",
        env=clerk,
        code=2,
    )  # refused: its message names no number
    run("record", "--service", "DUK-KTP", "--declined", "--clerk", "Siti", env=clerk)
    run(
        "record",
        "--service",
        "DUK-KTP",
        "--clerk",
        "Siti",
        env={**clerk, "MPP_COUNTER_PIN": "975310"},
        code=1,
    )  # a wrong PIN
    run(
        "slip",
        receipts[0],
        "--pdf",
        str(tmp_path / "tmp" / "slip.pdf"),
        "--clerk",
        "Siti",
        env=clerk,
    )
    run("withdraw", receipts[1], "--clerk", "Siti", env=clerk)
    run("withdraw", "--phone", FAKE_NUMBERS[2])
    run("enrol", central.url, enrol_code(central))
    run("sync")
    run("export", "-o", str(tmp_path / "home" / "visits.csv"))
    run("status")
    run("audit", "show")
    run("audit", "verify")
    run("retention", "--days", "0")
    run("rekey")

    log_file = data / "logs" / "mpp-counter.log"
    assert "DEBUG" in log_file.read_text("utf-8")  # the logs were really written
    s = CounterStore.open_admin(data, PASSPHRASE)
    token = s.setting("device_token")
    s.close()
    assert len(token) > 20

    written = "\n".join(outputs)
    for n in FAKE_NUMBERS:
        for form in number_forms(n)[::3]:
            assert form.decode() not in written, form
    roots = [data, cli.home, cli.tmp]  # type: ignore[attr-defined]
    for root in roots:
        assert scan_for_numbers(root) == [], root
    secrets = [PIN.encode(), PASSPHRASE.encode(), token.encode()]
    for root in roots:
        for f in root.rglob("*"):
            if f.is_file():
                raw = f.read_bytes()
                assert not any(x in raw for x in secrets), f
    assert not any(x.decode() in written for x in secrets)
