"""The audit log: every action the issue names writes a row (who, when, never a number),
and a deleted, edited or cut-off row makes ``mpp-counter audit verify`` exit 1 naming it."""

from __future__ import annotations

import pytest

from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import FAKE_NUMBERS, PASSPHRASE, number_forms

PIN = "135790"
ACTIONS = {
    "init",
    "unlock",
    "unlock-failed",
    "save",
    "reprint",
    "withdraw",
    "export",
    "settings",
    "clerk-add",
    "clerk-remove",
    "rekey",
}


def test_every_action_writes_a_row_without_the_number(cli, tmp_path):
    data = tmp_path / "data"
    base = ("--data-dir", str(data))
    clerk = {"MPP_COUNTER_PIN": PIN, "MPP_COUNTER_PASSPHRASE": None}

    def ok(*args: str, env: dict | None = None) -> str:  # type: ignore[type-arg]
        r = cli(*base, *args, env=env)
        assert r.returncode == 0, (args, r.stderr)
        return r.stdout

    ok("init", "--mpp", "BKL01", "--counter", "Loket 1", "--mpp-name", "MPP Kota Bengkulu")
    ok("clerk", "add", "Siti", env={"MPP_COUNTER_PIN": PIN})
    wrong = cli(
        *base,
        "record",
        "--service",
        "DUK-KTP",
        "--clerk",
        "Siti",
        env={**clerk, "MPP_COUNTER_PIN": "975310"},
    )
    assert wrong.returncode == 12  # wrong secret
    receipts = [
        ok(
            "record",
            "--service",
            "DUK-KTP",
            "--consent",
            "--phone",
            n,
            "--clerk",
            "Siti",
            env=clerk,
        ).split()[-1]
        for n in FAKE_NUMBERS
    ]
    ok("slip", receipts[0], "--pdf", str(tmp_path / "slip.pdf"), "--clerk", "Siti", env=clerk)
    ok("withdraw", receipts[1], "--clerk", "Siti", env=clerk)
    ok("withdraw", "--phone", FAKE_NUMBERS[2], "--clerk", "Siti", env=clerk)
    ok("export", "-o", str(tmp_path / "visits.csv"))
    ok("retention", "--days", "5")
    ok("clerk", "reset-pin", "Siti", env={"MPP_COUNTER_PIN": "246813"})
    ok("clerk", "remove", "Siti")
    ok("rekey")

    shown = ok("audit", "show")
    rows = [line.split("\t") for line in shown.splitlines()]
    assert ACTIONS <= {r[2] for r in rows}, ACTIONS - {r[2] for r in rows}
    assert all(r[0] and r[1] for r in rows)  # when and who
    assert {r[1] for r in rows if r[2] in ("save", "reprint", "withdraw")} == {"Siti"}
    assert any(r[2] == "unlock-failed" and "user Siti: 1 failed" in r[3] for r in rows)
    for n in FAKE_NUMBERS:
        assert not any(f.decode("utf-8", "ignore") in shown for f in number_forms(n)[::3])
    r = cli(*base, "audit", "verify")
    assert r.returncode == 0 and "0 problems" in r.stdout, r.stderr


def _fill(store) -> None:  # type: ignore[no-untyped-def]
    store.add_clerk("Siti", PIN)
    for n in FAKE_NUMBERS:
        store.record("DUK-KTP", Outcome.AGREED, phone=n)
    store.set_settings({"retention_days": "9"})
    store.close()


def _tamper(data_dir, sql: str) -> None:  # type: ignore[no-untyped-def]
    """Change the log through SQL with the database key."""
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        s.con.execute(sql)
    finally:
        s.close()


# After _fill the log has 6 rows (init, clerk-add, 3 saves, settings); opening it to
# tamper adds row 7 (unlock) and `audit verify` adds row 8 (its own unlock) before it checks.
# A save's log entry is in its own row of ``saves`` (schema 9): row 4 is the second save.
@pytest.mark.parametrize(
    ("sql", "row", "why"),
    [
        (
            "UPDATE saves SET audit_prev = NULL, audit_hash = NULL WHERE audit_seq = 4",
            5,
            "rows 4..4 are missing",
        ),
        (
            "UPDATE saves SET clerk = 'Budi' WHERE audit_seq = 4",
            4,
            "was changed after it was written",
        ),
        (
            "UPDATE saves SET outcome = 'declined', audit_hash = audit_digest(audit_prev,"
            " audit_seq, at, clerk, 'save', 'visit ' || id || ' declined'"
            " || coalesce(' receipt ' || receipt, '')) WHERE audit_seq = 4",
            5,
            "does not follow the row before it",
        ),
        ("DELETE FROM audit WHERE seq = 2", 3, "rows 2..2 are missing"),
        ("UPDATE audit SET actor = 'Budi' WHERE seq = 2", 2, "was changed after it was written"),
        ("DELETE FROM audit WHERE seq > 5", 8, "rows 6..7 are missing"),
    ],
)
def test_a_changed_log_fails_verify_and_names_the_row(store, data_dir, cli, sql, row, why):
    _fill(store)
    _tamper(data_dir, sql)
    r = cli("--data-dir", str(data_dir), "audit", "verify")
    assert r.returncode == 1, r.stdout
    assert f"audit row {row}: {why}" in r.stderr, r.stderr


def test_a_cut_off_tail_is_seen_before_anything_is_appended(store, data_dir):
    _fill(store)
    s = CounterStore.open_admin(data_dir, PASSPHRASE)
    try:
        s.con.execute("DELETE FROM audit WHERE seq > 5")
        n, problems = s.audit_verify()
    finally:
        s.close()
    assert n == 5
    assert [(p.seq, p.reason) for p in problems] == [(6, "rows 6..7 at the end are missing")]


def test_an_untouched_log_verifies(store, data_dir, cli):
    _fill(store)
    r = cli("--data-dir", str(data_dir), "audit", "verify")
    assert r.returncode == 0 and "0 problems" in r.stdout, r.stderr
