"""Real parts for the sync fault tests: an enrolled counter store, records made through
the store's own API, and the two sides' views of what was delivered."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from sqlalchemy import select

from central._support import Central
from kdf_hook import fast_kdf
from mpp_counter.central import db as central_db
from mpp_counter.domain.records import Outcome
from mpp_counter.store.counter import CounterStore
from mpp_counter.sync.enrolment import enrol

from support import PASSPHRASE, new_store

SERVICES = ("DUK-KTP", "DUK-KK", "DUK-AKL")
SRC = Path(__file__).resolve().parents[2] / "src"


def new_counter(data_dir: Path, central: Central) -> CounterStore:
    """A counter store at BKL01 / Loket 1, enrolled at ``central``."""
    store = new_store(data_dir)
    code = central.cli("enrol-code", "--mpp", "BKL01", "--counter", "Loket 1").stdout.splitlines()[
        -1
    ]
    enrol(store, central.url, code)
    return store


def open_counter(data_dir: Path) -> CounterStore:
    return CounterStore.open_admin(data_dir, PASSPHRASE)


def record_visits(store: CounterStore, n: int, rnd: random.Random) -> None:
    """``n`` visits, about 40 % with a consent (fake numbers 0812-0000-xxxx only)."""
    for _ in range(n):
        service = rnd.choice(SERVICES)
        x = rnd.random()
        if x < 0.4:
            store.record(service, Outcome.AGREED, phone=f"0812-0000-{rnd.randrange(10000):04d}")
        elif x < 0.8:
            store.record(service, Outcome.DECLINED)
        else:
            store.record(service, Outcome.NOT_ASKED, not_asked_reason="no_phone")


def local_states(store: CounterStore) -> dict[str, tuple[str, str]]:
    """record id -> (kind, outbox state), for every record this counter made."""
    return {
        r[0]: (r[1], r[2]) for r in store.con.execute("SELECT record_id, kind, state FROM outbox")
    }


def made_ids(store: CounterStore) -> dict[str, set[str]]:
    """Every record the counter made, from its own tables (not from the outbox)."""
    return {
        "visit": {r[0] for r in store.con.execute("SELECT id FROM visits")},
        "consent": {r[0] for r in store.con.execute("SELECT id FROM consents")},
    }


def central_ids(db_url: str) -> dict[str, list[str]]:
    """Every stored id, as a list: a duplicate would show as a repeat."""
    engine = central_db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            return {
                "visit": [r[0] for r in conn.execute(select(central_db.visits.c.id))],
                "consent": [r[0] for r in conn.execute(select(central_db.consents.c.id))],
            }
    finally:
        engine.dispose()


def assert_exactly_once(store: CounterStore, db_url: str) -> None:
    """After a clean sync: nothing pending, every record acked, held centrally once."""
    states = local_states(store)
    assert {s for _, s in states.values()} == {"acked"}, "something left undelivered"
    made = made_ids(store)
    held = central_ids(db_url)
    for kind in ("visit", "consent"):
        assert len(held[kind]) == len(set(held[kind])), f"a {kind} stored twice"
        assert set(held[kind]) == made[kind], f"{kind}s differ between counter and central"
        assert {i for i, (k, _) in states.items() if k == kind} == made[kind]


def assert_never_acked_unheld(store: CounterStore, db_url: str) -> None:
    """Invariant at any moment: acked locally => held by the central."""
    held = central_ids(db_url)
    everything = set(held["visit"]) | set(held["consent"])
    acked = {i for i, (_, s) in local_states(store).items() if s == "acked"}
    assert acked <= everything, f"{len(acked - everything)} records marked sent, not held"


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of an ``mpp-counter`` child: throw-away HOME, test KDF, passphrase."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("MPP_COUNTER_")}
    e.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        MPP_COUNTER_PASSPHRASE=PASSPHRASE,
        PYTHONPATH=str(SRC) + os.pathsep + e.get("PYTHONPATH", ""),
    )
    e.update(extra)
    return fast_kdf.child_env(e)


def counter_cmd(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mpp_counter", "--data-dir", str(data_dir), *args]
