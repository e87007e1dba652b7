from __future__ import annotations

import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpp_counter.domain import receipt
from mpp_counter.domain.errors import InvalidReceipt

codes = st.text(alphabet=receipt.ALPHABET, min_size=8, max_size=8).map(
    lambda d: receipt.format_code(d + receipt.check_symbol(d))
)


@given(codes)
def test_round_trip_in_any_typing(code: str) -> None:
    assert receipt.parse(code) == code
    assert receipt.parse(code.lower().replace("-", " ")) == code
    assert receipt.parse(code.replace("0", "O").replace("1", "I")) == code


@given(codes, st.integers(0, 8), st.sampled_from(receipt.ALPHABET))
def test_one_mistyped_character_is_caught(code: str, pos: int, ch: str) -> None:
    compact = code.replace("-", "")
    if compact[pos] == ch:
        return
    typo = compact[:pos] + ch + compact[pos + 1 :]
    with pytest.raises(InvalidReceipt):
        receipt.parse(typo)


@given(codes, st.integers(0, 6))  # within the data: the check symbol is mod 37
def test_swapped_neighbours_are_caught(code: str, pos: int) -> None:
    compact = code.replace("-", "")
    if compact[pos] == compact[pos + 1]:
        return
    swapped = compact[:pos] + compact[pos + 1] + compact[pos] + compact[pos + 2 :]
    with pytest.raises(InvalidReceipt):
        receipt.parse(swapped)


@given(st.text(max_size=50))
def test_garbage_is_refused_with_a_message(text: str) -> None:
    try:
        out = receipt.parse(text)
    except InvalidReceipt as exc:
        assert exc.message
    else:
        assert receipt.parse(out) == out


def _drawn(n: int) -> list[str]:
    codes = (receipt.from_bits(secrets.randbits(receipt.BITS)) for _ in range(n * 2))
    return [c for c in codes if c is not None][:n]


def test_codes_of_bits_are_valid_and_differ() -> None:
    seen = set(_drawn(2000))
    assert len(seen) == 2000
    assert all(receipt.from_bits(receipt.bits_of(c)) == c for c in seen)
    assert all(receipt.parse(c) == c for c in seen)
    assert len(receipt.new_secret()) == 26


def test_codes_end_in_a_letter_or_digit() -> None:
    """Codes are read aloud and typed from a thermal slip: no '*', '~', '$', '=' or 'U'."""
    drawn = _drawn(2000)
    assert all(c[-1] in receipt.ALPHABET for c in drawn)
    assert all(receipt.parse(c) == c for c in drawn)
    assert len({c[-1] for c in drawn}) == len(receipt.ALPHABET)  # no check value lost
