"""Helpers of the integrity tests: console accounts signed in over real HTTP, and a day
of visits sent by real enrolled devices (their batches through protocol v1)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import requests

from mpp_counter.central import db
from mpp_counter.central.console import accounts

from ._support import Central, Device, phone

PASSWORD = "correct horse battery staple 42"
DAY = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 WIB


def add_user(central: Central, username: str, role: str, mpp: str | None = None) -> str:
    """A console account; returns its TOTP secret."""
    engine = db.make_engine(central.db_url)
    try:
        enrolled = accounts.add_user(engine, username, role, mpp, PASSWORD)
    finally:
        engine.dispose()
    return pyotp.parse_uri(enrolled.provisioning_uri).secret


def session(central: Central, username: str, role: str, mpp: str | None = None) -> requests.Session:
    """A signed-in console session (a new account: a TOTP code serves one sign-in)."""
    secret = add_user(central, username, role, mpp)
    s = requests.Session()
    r = s.post(
        central.url + "/console/login",
        data={"username": username, "password": PASSWORD, "code": pyotp.TOTP(secret).now()},
        headers={"Origin": central.url},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 303, r.text[:500]
    return s


def send_day(
    dev: Device,
    weights: tuple[float, float, float],
    n: int,
    seed: int,
    service: str = "DUK-KTP",
    clerk: str = "Sari",
) -> list[str]:
    """``n`` visits over a working day with outcome weights (agreed, declined, not
    asked), sent in batches of 50; returns the visit ids."""
    rnd = random.Random(seed)
    records: list[dict[str, Any]] = []
    ids = []
    for i in range(n):
        at = DAY + timedelta(minutes=rnd.randrange(0, 8 * 60))
        outcome = rnd.choices(("agreed", "declined", "not_asked"), weights)[0]
        if outcome == "agreed":
            v, c, _ = dev.agreed(
                phone((seed * 97 + i) % 10000), service=service, at=at, clerk=clerk
            )
            records += [v, c]
        else:
            v = dev.visit(outcome, service=service, at=at, clerk=clerk)
            records.append(v)
        ids.append(v["id"])
    for i in range(0, len(records), 50):
        r = dev.post(dev.batch(records[i : i + 50]))
        assert r.status_code == 200, r.text
    return ids
