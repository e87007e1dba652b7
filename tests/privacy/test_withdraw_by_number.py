"""Withdrawal by number (slip lost): sealed like a consent, queued, never written in clear."""

from __future__ import annotations

from datetime import datetime

from mpp_counter.protocol.records import WithdrawalRecord, parse_record, record_to_json
from mpp_counter.protocol.sealed import unseal
from mpp_counter.store.counter import CounterStore

from support import FAKE_NUMBERS, PASSPHRASE, scan_for_numbers

INIT = ("init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu")


def test_withdraw_by_number_from_the_cli(cli, tmp_path):
    data = tmp_path / "data"
    base = ("--data-dir", str(data))
    assert cli(*base, *INIT).returncode == 0
    number = FAKE_NUMBERS[1]
    r = cli(*base, "withdraw", "--phone", f"{number[:4]}-{number[4:8]}-{number[8:]}")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("withdrawn at ")

    for bad in (
        ("withdraw",),
        ("withdraw", "ABC", "--phone", number),
        ("withdraw", "--phone", "0211234567"),
        ("withdraw", "--phone", "0812"),
    ):
        r = cli(*base, *bad)
        assert r.returncode == 2, (bad, r.stderr)

    s = CounterStore.open_admin(data, PASSPHRASE)
    try:
        rows = s.con.execute(
            "SELECT id, at, consent_id, receipt, phone_sealed, sealed_to,"
            " mpp_code, counter, clerk FROM withdrawals"
        ).fetchall()
        assert len(rows) == 1  # the refused ones wrote nothing
        wid, at, consent_id, receipt, sealed, sealed_to, mpp, counter, clerk = rows[0]
        assert consent_id is None and receipt is None and sealed_to == "escrow"
        assert unseal(bytes(s._unlocked.escrow_private), sealed) == "+62" + number[1:]
        assert s.con.execute(
            "SELECT kind, state FROM outbox WHERE record_id = ?", (wid,)
        ).fetchone() == ("withdrawal", "pending")
        audit = [(a, d) for a, d in s.con.execute("SELECT action, detail FROM audit")]
        assert ("withdraw", f"by number, withdrawal {wid}") in audit
        # the wire form the sync sends is what the central's parser accepts
        seq = s.con.execute("SELECT seq FROM outbox WHERE record_id = ?", (wid,)).fetchone()[0]
        rec = WithdrawalRecord(
            id=wid,
            seq=seq,
            at=datetime.fromisoformat(at),
            consent_id=None,
            receipt=None,
            phone_sealed=bytes(sealed),
            sealed_to=sealed_to,
            mpp=mpp,
            counter=counter,
            clerk=clerk,
        )
        back = parse_record(record_to_json(rec))
        assert isinstance(back, WithdrawalRecord) and back.phone_sealed == bytes(sealed)
    finally:
        s.close()
    assert scan_for_numbers(tmp_path) == []


def test_a_clerk_can_withdraw_by_number(store, data_dir):
    store.add_clerk("Siti", "135790")
    store.close()
    s = CounterStore.open_clerk(data_dir, "Siti", "135790")
    try:
        s.withdraw_number(FAKE_NUMBERS[2])
        assert s.con.execute("SELECT clerk FROM withdrawals").fetchone() == ("Siti",)
    finally:
        s.close()
