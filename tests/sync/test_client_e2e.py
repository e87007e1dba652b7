"""The sync client against a real central: enrol, sync, exactly once, re-sealed numbers,
revocation and a dead network, through the CLI (subprocesses) and through the API."""

from __future__ import annotations

import csv
import io
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol

from ._client_support import (
    CAMPAIGN,
    SERVICE,
    enrol_code,
    fake,
    fake_enrolment,
    new_store,
    outbox_states,
    record_day,
    running_central,
    stats,
)
from support import PASSPHRASE, number_forms, scan_for_numbers


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def _cli_record_day(cli, data: str, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    receipts = []
    for i in range(n):
        p = cli(
            "--data-dir",
            data,
            "record",
            "--service",
            SERVICE,
            "--phone",
            fake(2000 + i),
            "--consent",
        )
        assert p.returncode == 0, p.stderr
        receipts.append(p.stdout.splitlines()[-1])
    for args in (("--declined",), ()):
        assert cli("--data-dir", data, "record", "--service", SERVICE, *args).returncode == 0
    assert cli("--data-dir", data, "withdraw", receipts[0]).returncode == 0
    return receipts


def test_cli_enrol_sync_exactly_once_and_resealed(central: Central, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "counter")
    assert (
        cli(
            "--data-dir",
            data,
            "init",
            "--mpp",
            "BKL01",
            "--counter",
            "Loket 1",
            "--mpp-name",
            "MPP Kota Bengkulu",
        ).returncode
        == 0
    )
    receipts = _cli_record_day(cli, data, 3)  # before enrolment: sealed to the escrow key

    p = cli("--data-dir", data, "sync")
    assert p.returncode == 1 and "not enrolled" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1

    p = cli("--data-dir", data, "--log-level", "DEBUG", "enrol", central.url, enrol_code(central))
    assert p.returncode == 0, p.stderr
    said = p.stdout + p.stderr
    device_id = p.stdout.splitlines()[-1]
    assert len(device_id) == 36
    keys_doc = (Path(data) / "keys.json").read_text()
    assert "sealed_escrow" not in keys_doc
    assert "sealed_escrow" not in (Path(data) / "keys.json.prev").read_text()
    assert "escrow" not in keys_doc

    receipts += _cli_record_day(cli, data, 2)  # after enrolment: sealed to the campaign key
    p = cli("--data-dir", data, "--log-level", "DEBUG", "sync")
    assert p.returncode == 0, p.stderr
    said += p.stdout + p.stderr
    assert p.stdout.startswith("sent 16, acknowledged 16, rejected 0, pending 0")
    s = stats(central)
    assert (s["visits"], s["consents"], s["withdrawals"], s["withdrawn"]) == (9, 5, 2, 2)

    p = cli("--data-dir", data, "sync")  # nothing left: nothing sent, nothing doubled
    assert p.returncode == 0 and p.stdout.startswith("sent 0,")
    assert stats(central) == s
    st = json.loads(cli("--data-dir", data, "status", "--json").stdout)
    assert st["pending"] == 0 and st["enrolled"] and st["last_sync"]
    store = CounterStore.open_admin(Path(data), PASSPHRASE)
    token = store.setting("device_token").encode()
    store.close()
    assert len(token) > 30
    for f in Path(data).rglob("*"):  # the token is only inside the encrypted database
        assert not f.is_file() or token not in f.read_bytes(), f
    assert "sync pass: sent 16" in said and "/api/v1/batches" in said  # DEBUG logs were on
    assert token.decode() not in said  # DEBUG logs on stderr: no token, no number
    numbers = tuple(fake(n) for n in range(2000, 2003))
    assert scan_for_numbers(Path(data), numbers) == []
    assert not any(form in said.encode() for n in numbers for form in number_forms(n))

    out = central.cli(
        "export",
        "--campaign",
        CAMPAIGN,
        "--private-key",
        str(central.workdir / "campaign-key.json"),
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    phones = sorted(r["phone"] for r in rows)
    # 2000 agreed twice and withdrew both times; 2001 agreed twice: one row per number
    expected = sorted("+62" + fake(n)[1:] for n in (2001, 2002))
    assert phones == expected
    assert {r["receipt"] for r in rows} <= set(receipts)


def test_api_sync_then_revoked(central: Central, tmp_path: Path) -> None:
    store = new_store(tmp_path / "counter")
    try:
        record_day(store, 2, 2)
        result = enrol(store, central.url, enrol_code(central))
        assert result.resealed == 2 and result.campaign_id == CAMPAIGN
        assert store._unlocked.escrow_private is None  # noqa: SLF001
        assert not store.setting("escrow_public_key")
        report = sync_once(store)
        assert report.ok and report.acked == 7 and report.sent == 7
        assert set(outbox_states(store).values()) == {"acked"}

        central.cli("revoke", result.device_id)
        store.record(SERVICE, Outcome.AGREED, phone=fake(3000))
        before = outbox_states(store)
        report = sync_once(store)
        assert report.revoked and not report.ok
        assert "revoked" in (report.error or "") and "401" in (report.error or "")
        after = outbox_states(store)
        assert sorted(after) == sorted(before)  # nothing dropped
        assert sorted(s for s in after.values() if s != "acked") == ["in_flight", "in_flight"]
        assert store.status().pending == 2
        assert stats(central)["visits"] == 4
    finally:
        store.close()


def test_revoked_with_nothing_to_send_says_so(central: Central, tmp_path: Path) -> None:
    """No batch to be refused: the catalog request's 401 is what tells the counter."""
    store = new_store(tmp_path / "counter")
    try:
        device = enrol(store, central.url, enrol_code(central)).device_id
        assert sync_once(store).ok
        central.cli("revoke", device)
        report = sync_once(store)
        assert report.revoked and not report.ok and report.sent == 0
        assert "401" in (report.error or "")
    finally:
        store.close()


def test_cli_revoked_says_so(
    central: Central,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    data = str(tmp_path / "counter")
    cli("--data-dir", data, "init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "M")
    device = cli("--data-dir", data, "enrol", central.url, enrol_code(central)).stdout.split()[-1]
    central.cli("revoke", device)
    assert cli("--data-dir", data, "record", "--service", SERVICE).returncode == 0
    p = cli("--data-dir", data, "sync")
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "revoked" in lines[0]
    assert json.loads(cli("--data-dir", data, "status", "--json").stdout)["pending"] == 1


def test_offline_gives_up_within_30s(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "counter"
    store = new_store(data)
    try:
        record_day(store, 1, 1)
    finally:
        store.close()
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        fake_enrolment(store, f"http://127.0.0.1:{port}")
    finally:
        store.close()
    t0 = time.monotonic()
    p = cli("--data-dir", str(data), "sync", timeout=90)
    took = time.monotonic() - t0
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be reached" in lines[0], p.stderr
    assert took < 40, took
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        assert store.status().pending == 4
        assert "acked" not in outbox_states(store).values()
    finally:
        store.close()


def test_enrol_refusals_change_nothing(
    central: Central,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    code = enrol_code(central)
    first = new_store(tmp_path / "first")
    try:
        enrol(first, central.url, code)
    finally:
        first.close()
    data = tmp_path / "second"
    new_store(data).close()
    keys_before = (data / "keys.json").read_bytes()
    p = cli("--data-dir", str(data), "enrol", central.url, code)  # already used
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [
        "mpp-counter: The central did not accept this enrolment code: it is unknown, already "
        "used or expired. Ask the central office for a new code."
    ]
    p = cli("--data-dir", str(data), "enrol", central.url, "not a code!")
    assert p.returncode == 2 and "not valid" in p.stderr
    p = cli("--data-dir", str(data), "enrol", "http://192.0.2.1", code)
    assert p.returncode == 1 and "Refusing plain http://" in p.stderr
    assert (data / "keys.json").read_bytes() == keys_before  # the escrow key is still there
    st = json.loads(cli("--data-dir", str(data), "status", "--json").stdout)
    assert not st["enrolled"]


def test_cli_enrol_with_a_code_for_another_counter(
    central: Central,
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    data = tmp_path / "counter"
    new_store(data).close()  # BKL01 / Loket 1
    keys_before = (data / "keys.json").read_bytes()
    wrong = enrol_code(central, "BKL01", "Loket 2")
    p = cli("--data-dir", str(data), "enrol", central.url, wrong)
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [
        "mpp-counter: This enrolment code is for MPP BKL01 / Loket 2, but this counter is set "
        "up as BKL01 / Loket 1. Ask the central office for a code for this counter."
    ]
    assert (data / "keys.json").read_bytes() == keys_before  # the escrow key is still there
    store = CounterStore.open_admin(data, PASSPHRASE)
    try:
        assert [store.setting(k) for k in ("device_id", "device_token", "central_url")] == [
            "",
            "",
            "",
        ]
        assert store.setting("escrow_public_key")
    finally:
        store.close()
    assert stats(central)["devices"] == 0
    p = cli("--data-dir", str(data), "enrol", central.url, enrol_code(central))
    assert p.returncode == 0, p.stderr
    assert json.loads(cli("--data-dir", str(data), "status", "--json").stdout)["enrolled"]
    # the refused code was not spent: the counter it names can still use it
    other = new_store(tmp_path / "other")
    try:
        other.set_settings({"counter": "Loket 2"})
        assert enrol(other, central.url, wrong).device_id
    finally:
        other.close()
    assert stats(central)["devices"] == 2
