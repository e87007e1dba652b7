"""The sealed-box format is one contract (protocol/sealed.py): what a counter seals, the
central's export opens; anything else is refused with a clear error, never a crash."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpp_counter.central.export import open_sealed
from mpp_counter.domain.errors import StoreDamaged
from mpp_counter.protocol import fields
from mpp_counter.protocol.sealed import (
    SEALED_MAX,
    SEALED_MIN,
    SealedInvalid,
    key_from_b64,
    key_to_b64,
    new_keypair,
    seal,
    unseal,
)
from mpp_counter.store import visits

KEYS = [new_keypair() for _ in range(3)]
FAKE = st.integers(0, 9999).map(lambda n: f"+6281200000{n:04d}")  # 0812-0000-xxxx only
KEY = st.sampled_from(KEYS)


@settings(max_examples=60)
@given(number=FAKE, pair=KEY)
def test_what_the_counter_seals_the_central_opens(number: str, pair: tuple[bytes, bytes]) -> None:
    private, public = pair
    blob = visits.seal(key_from_b64(key_to_b64(public)), number)  # the store's own import
    assert SEALED_MIN <= len(blob) <= SEALED_MAX
    wire = base64.b64encode(blob).decode()
    assert fields.sealed({"phone_sealed": wire}, "phone_sealed") == blob  # passes ingest
    assert open_sealed(private, blob) == number
    assert unseal(private, blob) == number
    assert seal(public, number) != blob  # a fresh ephemeral key each time: no linkage


@settings(max_examples=40)
@given(number=FAKE, a=KEY, b=KEY)
def test_another_key_cannot_open(
    number: str, a: tuple[bytes, bytes], b: tuple[bytes, bytes]
) -> None:
    if a == b:
        return
    blob = seal(a[1], number)
    assert open_sealed(b[0], blob) is None
    with pytest.raises(SealedInvalid, match="cannot be opened with this key"):
        unseal(b[0], blob)


@settings(max_examples=150)
@given(blob=st.binary(max_size=200), pair=KEY)
def test_garbage_is_refused_with_a_clear_error(blob: bytes, pair: tuple[bytes, bytes]) -> None:
    with pytest.raises(SealedInvalid) as info:
        unseal(pair[0], blob)
    assert isinstance(info.value, StoreDamaged)
    assert str(info.value) == "A sealed number cannot be opened with this key."
    assert open_sealed(pair[0], blob) is None  # the export counts it as unreadable


@settings(max_examples=60)
@given(number=FAKE, where=st.integers(0, 10_000), bit=st.integers(0, 7))
def test_one_flipped_bit_is_refused(number: str, where: int, bit: int) -> None:
    private, public = KEYS[0]
    blob = bytearray(seal(public, number))
    blob[where % len(blob)] ^= 1 << bit
    with pytest.raises(SealedInvalid):
        unseal(private, bytes(blob))


def test_a_sealed_text_that_is_not_a_number_is_refused() -> None:
    private, public = KEYS[0]
    for text in ("hello", "+62812", "+6281200001234; +6281200005678"):
        with pytest.raises(SealedInvalid):
            unseal(private, seal(public, text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not base64!",
        base64.b64encode(b"x" * 31).decode(),
        base64.b64encode(b"x" * 33).decode(),
        "AAAA" * 11 + "A",
    ],
)
def test_a_bad_key_text_is_refused(text: str) -> None:
    with pytest.raises(SealedInvalid, match="campaign key is not valid"):
        key_from_b64(text)
