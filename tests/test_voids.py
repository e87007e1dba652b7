"""Voiding a visit saved today by mistake (issue 13): a real SQLCipher store, and the
CLI as a subprocess. Only today's visits, a reason from the list (a note for 'other',
never a number in it), audited, queued for the central, a consent's number erased."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mpp_counter.domain.errors import BadInput, UnknownRecord
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore

from support import FAKE_NUMBERS, new_store


@pytest.fixture
def store(tmp_path: Path) -> CounterStore:
    s = new_store(tmp_path / "d")
    yield s
    s.close()


def outbox_kinds(store: CounterStore) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT kind FROM outbox ORDER BY seq, kind")]


def test_void_a_consent_by_receipt(store: CounterStore) -> None:
    code = store.record("DUK-KTP", Outcome.AGREED, phone=FAKE_NUMBERS[0]).receipt
    assert code
    done = store.void(code.lower(), "wrong_number", "salah ketik")
    assert not done.already and done.receipt == code
    row = next(r for r in store.today() if r.receipt == code)
    assert row.voided_at == done.at and row.withdrawn_at == done.at
    assert outbox_kinds(store) == ["consent", "visit", "void"]
    voids = store.con.execute("SELECT visit_id, reason, clerk FROM voids").fetchall()
    assert voids == [(done.visit_id, "wrong_number: salah ketik", "admin")]
    audit = store.con.execute("SELECT detail FROM audit WHERE action = 'void'").fetchall()
    assert audit == [(f"visit {done.visit_id} wrong_number receipt {code}",)]
    # not sent yet: the consent keeps its number until the central holds it (a batch is
    # resent verbatim); once acked, the number goes
    assert store.con.execute("SELECT phone_sealed IS NOT NULL FROM consents").fetchone()[0]
    with store.con:
        store.con.execute("UPDATE outbox SET state = 'acked' WHERE kind = 'consent'")
    again = store.void(done.visit_id, "other", "lagi")  # idempotent, whatever the reason
    assert again.already and again.at == done.at
    assert store.con.execute("SELECT count(*) FROM voids").fetchone()[0] == 1


def test_acked_consent_loses_its_number_at_once(store: CounterStore) -> None:
    code = store.record("DUK-KTP", Outcome.AGREED, phone=FAKE_NUMBERS[1]).receipt
    with store.con:
        store.con.execute("UPDATE outbox SET state = 'acked'")
    store.void(code or "", "duplicate")
    assert store.con.execute("SELECT phone_sealed FROM consents").fetchone()[0] is None


def test_void_a_declined_visit_by_id(store: CounterStore) -> None:
    vid = store.record("DUK-KTP", Outcome.DECLINED).visit_id
    store.void(vid.upper(), "wrong_outcome")
    assert [r.voided_at is not None for r in store.today()] == [True]


def test_refusals_change_nothing(store: CounterStore) -> None:
    vid = store.record("DUK-KTP", Outcome.DECLINED).visit_id
    with pytest.raises(BadInput, match="Unknown reason"):
        store.void(vid, "because")
    with pytest.raises(BadInput, match="why"):
        store.void(vid, "other")  # 'other' needs a note
    with pytest.raises(BadInput, match="must not hold a number"):
        store.void(vid, "wrong_number", "nomor 0812 0000 1234")
    with pytest.raises(BadInput, match="too long"):
        store.void(vid, "other", "x" * 121)
    with pytest.raises(UnknownRecord):
        store.void("00000000-0000-4000-8000-000000000000", "duplicate")
    with pytest.raises(BadInput, match="receipt code"):
        store.void("'; DROP TABLE visits; --", "duplicate")
    yesterday = (datetime.now(UTC) - timedelta(days=1, hours=1)).isoformat()
    with store.con:
        store.con.execute("UPDATE visits SET at = ? WHERE id = ?", (yesterday, vid))
    with pytest.raises(BadInput, match="saved today"):
        store.void(vid, "duplicate")
    assert store.con.execute("SELECT count(*) FROM voids").fetchone()[0] == 0
    assert outbox_kinds(store) == ["visit"]


def test_cli_void(cli) -> None:  # type: ignore[no-untyped-def]
    from test_cli import init

    run = init(cli)
    r = run(
        "record", "--service", "DUK-KTP", "--phone", "-", "--consent", input=FAKE_NUMBERS[2] + "\n"
    )
    code = r.stdout.strip().splitlines()[-1]
    bad = run("void", code, "--reason", "other")
    assert bad.returncode == 2 and "few words" in bad.stderr
    digits = run("void", code, "--reason", "wrong_number", "--note", "081200001234")
    assert digits.returncode == 2 and "081200001234" not in digits.stderr
    r = run("void", code, "--reason", "wrong_number")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("voided at ")
    again = run("void", code, "--reason", "wrong_number")
    assert again.returncode == 0 and again.stdout.startswith("already voided at ")
    assert run("void", "ZZZZ", "--reason", "duplicate").returncode == 2
