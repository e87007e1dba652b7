"""Withdraw by code at any counter of any MPP, end to end: real counters (SQLCipher
stores), a real central on loopback, the CLI as a subprocess (issue 10 items 5 and 6).

Codes are unique per counter only, so two counters here are made to share one: the
last four digits of the number pick the citizen's consent, and when they cannot (same
code, same digits) nothing is withdrawn. The counter that took a consent learns of its
withdrawal at its next sync, whichever way it was made, and deletes its sealed number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from central._support import Central, withdraw_on_page
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.client import sync_once
from mpp_counter.sync.enrolment import enrol

from ._client_support import SERVICE, fake, running_central, stats
from support import PASSPHRASE


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from running_central(tmp_path)


def counter(central: Central, data: Path, mpp: str, name: str) -> CounterStore:
    store = CounterStore.create(
        data, mpp_code=mpp, mpp_name=f"MPP {mpp}", counter=name, zone="WIB", passphrase=PASSPHRASE
    )
    code = central.cli("enrol-code", "--mpp", mpp, "--counter", name).stdout.splitlines()[-1]
    enrol(store, central.url, code)
    return store


def consent(store: CounterStore, n: int, receipt: str | None = None) -> str:
    """A consent with 0812-0000-<n>; ``receipt`` forces its code (a collision)."""
    code = store.record(SERVICE, Outcome.AGREED, phone=fake(n)).receipt
    assert code
    if receipt is not None:
        with store.con:  # as if drawn so: the save's log entry made again for this code
            store.con.execute("UPDATE consents SET receipt = ? WHERE receipt = ?", (receipt, code))
            store.con.execute(
                "UPDATE saves SET audit_hash = audit_digest(audit_prev, audit_seq, at, clerk,"
                " 'save', 'visit ' || id || ' agreed receipt ' || receipt) WHERE receipt = ?",
                (receipt,),
            )
        code = receipt
    return code


def state(store: CounterStore, receipt: str) -> tuple[bool, bool]:
    """(withdrawn in the store's own list, sealed number still held) of one consent."""
    withdrawn, sealed = store.con.execute(
        "SELECT withdrawn_at IS NOT NULL, phone_sealed IS NOT NULL FROM consents WHERE receipt = ?",
        (receipt,),
    ).fetchone()
    listed = [r for r in store.today() if r.receipt == receipt]
    assert len(listed) == 1 and (listed[0].withdrawn_at is not None) == bool(withdrawn)
    return bool(withdrawn), bool(sealed)


def learnt(store: CounterStore) -> int:
    return int(
        store.con.execute("SELECT count(*) FROM audit WHERE action = 'withdrawn'").fetchone()[0]
    )


@pytest.fixture
def counters(central: Central, tmp_path: Path) -> Iterator[tuple[CounterStore, ...]]:
    stores = (
        counter(central, tmp_path / "a", "BKL01", "Loket 1"),
        counter(central, tmp_path / "b", "SBY02", "Loket 3"),
        counter(central, tmp_path / "c", "MDN03", "Loket 7"),
    )
    yield stores
    for s in stores:
        s.close()


def test_code_at_a_third_counter_withdraws_exactly_the_right_one(
    central: Central, counters: tuple[CounterStore, ...]
) -> None:
    a, b, c = counters
    code = consent(a, 1001)
    consent(b, 1002, receipt=code)  # B drew the same code for another citizen
    for s in (a, b):
        assert sync_once(s).ok
    done = c.withdraw_code(code.lower().replace("-", ""), "1002")
    assert (done.state, done.receipt) == ("queued", code)
    assert c.withdraw_code(code, "1002").state == "already_queued"  # said, not queued twice
    assert c.status().pending == 1
    assert sync_once(c).ok
    assert stats(central)["withdrawn"] == 1
    ra, rb = sync_once(a), sync_once(b)
    assert (ra.withdrawn_elsewhere, rb.withdrawn_elsewhere) == (0, 1)
    assert state(a, code) == (False, True)
    assert state(b, code) == (True, False)  # withdrawn in B's list, its sealed number gone
    assert b.status().withdrawn == 1 and a.status().withdrawn == 0
    assert learnt(b) == 1
    assert sync_once(b).withdrawn_elsewhere == 0 and learnt(b) == 1  # idempotent
    assert b.audit_verify()[1] == []


def test_same_code_and_same_last_digits_withdraw_none(
    central: Central, counters: tuple[CounterStore, ...]
) -> None:
    a, b, c = counters
    code = consent(a, 1003)
    consent(b, 1003, receipt=code)  # the same number, too: the digits cannot tell
    for s in (a, b):
        assert sync_once(s).ok
    assert c.withdraw_code(code, "1003").state == "queued"
    assert sync_once(c).ok
    s = stats(central)
    assert (s["withdrawn"], s["withdrawals_ambiguous"]) == (0, 1)
    for store in (a, b):
        sync_once(store)
        assert state(store, code) == (False, True)


def test_withdrawal_at_b_of_a_code_shows_at_a_after_its_sync(
    central: Central, counters: tuple[CounterStore, ...]
) -> None:
    a, b, _c = counters
    code = consent(a, 1004)  # A is offline: the consent has not reached the central yet
    assert b.withdraw_code(code, "1004").state == "queued"
    assert sync_once(b).ok
    assert stats(central)["withdrawals_by_code_pending"] == 1
    report = sync_once(a)  # the consent arrives, is withdrawn at once, A learns it
    assert report.ok and report.withdrawn_elsewhere == 1
    assert state(a, code) == (True, False)
    assert stats(central)["withdrawals_by_code_pending"] == 0


def test_qr_page_withdrawal_shows_at_the_counter_after_sync(
    central: Central, counters: tuple[CounterStore, ...]
) -> None:
    a = counters[0]
    code = consent(a, 1005)
    other = consent(a, 1006)
    assert sync_once(a).ok
    secret = a.con.execute(
        "SELECT receipt_secret FROM consents WHERE receipt = ?", (code,)
    ).fetchone()[0]
    assert withdraw_on_page(central, code, secret).status_code == 303
    assert state(a, code) == (False, True)  # not known before the sync
    assert sync_once(a).withdrawn_elsewhere == 1
    assert state(a, code) == (True, False) and state(a, other) == (False, True)


def test_code_at_its_own_counter_withdraws_at_once(counters: tuple[CounterStore, ...]) -> None:
    from mpp_counter.domain.errors import BadInput, UnknownRecord

    a = counters[0]
    code = consent(a, 1007)
    with pytest.raises(BadInput, match="last four digits do not match"):
        a.withdraw_code(code, "9999")
    assert state(a, code) == (False, True)
    assert a.withdraw_code(code, "1007").state == "withdrawn"
    assert state(a, code)[0] is True
    assert a.withdraw_code(code).state == "already"
    with pytest.raises(UnknownRecord, match="last four digits"):
        a.withdraw_code("ABCD-EFGH-Q")  # well-formed, not here, no digits: asks for them


def test_cli_withdraw_by_code_at_another_counter(central: Central, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = counter(central, tmp_path / "a", "BKL01", "Loket 1")
    try:
        code = consent(a, 1008)
        assert sync_once(a).ok
    finally:
        a.close()
    data = str(tmp_path / "cli")
    assert (
        cli(
            "--data-dir",
            data,
            "init",
            "--mpp",
            "MDN03",
            "--counter",
            "Loket 7",
            "--mpp-name",
            "MPP Medan",
        ).returncode
        == 0
    )
    enrol_c = central.cli("enrol-code", "--mpp", "MDN03", "--counter", "Loket 7")
    assert (
        cli("--data-dir", data, "enrol", central.url, enrol_c.stdout.splitlines()[-1]).returncode
        == 0
    )
    p = cli("--data-dir", data, "withdraw", code)  # no digits, no terminal: says what is missing
    assert p.returncode == 2 and "last four digits" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    for bad in ("ABCD-EFGH-1", "not a code", "", "ABCD-EFGH-KK", "💥"):
        p = cli("--data-dir", data, "withdraw", bad, "--last4", "1008")
        assert p.returncode == 2 and "receipt" in p.stderr.lower(), (bad, p.stderr)
        assert "Traceback" not in p.stderr
    for bad in ("12", "12345", "abcd", "10 8"):
        p = cli("--data-dir", data, "withdraw", code, "--last4", bad)
        assert p.returncode == 2 and "four digits" in p.stderr, (bad, p.stderr)
    p = cli("--data-dir", data, "withdraw", code, "--last4", "1008")
    assert p.returncode == 0, p.stderr
    assert "queued" in p.stdout and "next sync" in p.stdout
    p = cli("--data-dir", data, "withdraw", code, "--last4", "1008")
    assert p.returncode == 0 and "already queued" in p.stdout
    p = cli("--data-dir", data, "sync")
    assert p.returncode == 0 and p.stdout.startswith("sent 1, acknowledged 1,"), p.stdout
    assert stats(central)["withdrawn"] == 1
    p = cli("--data-dir", str(tmp_path / "a"), "sync")  # A, with the CLI too
    assert p.returncode == 0 and p.stdout.strip().endswith("withdrawn elsewhere 1"), p.stdout
    a = CounterStore.open_admin(tmp_path / "a", PASSPHRASE)
    try:
        assert state(a, code) == (True, False)
    finally:
        a.close()
    st = json.loads(cli("--data-dir", data, "status", "--json").stdout)
    assert st["pending"] == 0 and st["withdrawn"] == 0
