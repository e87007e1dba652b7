"""Sealing with the key agreement made ahead (protocol/seal_pad.py) gives the sealed-box
format the central opens, and a pad can seal one number only: a second number under the
same key and nonce would give both away."""

from __future__ import annotations

import pytest

from mpp_counter.domain.records import Outcome
from mpp_counter.protocol.seal_pad import SealPad
from mpp_counter.protocol.sealed import OVERHEAD, new_keypair, seal, unseal
from mpp_counter.store.counter import CounterStore

NUMBER = "+6281200001234"


def test_a_pad_seals_the_format_unseal_opens_once_only() -> None:
    sk, pk = new_keypair()
    pad = SealPad(pk)
    blob = pad.seal(NUMBER)
    assert unseal(sk, blob) == NUMBER
    assert len(blob) == len(seal(pk, NUMBER)) == OVERHEAD + len(NUMBER)
    assert pad.used
    with pytest.raises(RuntimeError, match="one number"):
        pad.seal("+6281200001235")
    other = SealPad(pk).seal(NUMBER)
    assert other[:32] != blob[:32] and other != blob  # a fresh ephemeral key each time
    with pytest.raises(Exception):  # noqa: B017 - any refusal: the other key cannot open it
        unseal(new_keypair()[0], blob)


def test_the_store_uses_a_prepared_pad_once_and_never_for_another_key(
    store: CounterStore,
) -> None:
    store.prepare_seal()
    pad = store._pad  # noqa: SLF001 - the test looks at what the save will use
    assert pad is not None and not pad.used
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-0001")
    assert pad.used and store._pad is None  # noqa: SLF001
    store.prepare_seal()
    stale = store._pad  # noqa: SLF001
    assert stale is not None
    object.__setattr__(stale, "recipient", new_keypair()[1])  # made for a key now gone
    r = store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-0002")
    assert r.receipt and not stale.used  # sealed inline to the key in force instead
    store.record("DUK-KTP", Outcome.AGREED, phone="0812-0000-0003")  # no pad: inline
    assert len(store.today()) == 3
