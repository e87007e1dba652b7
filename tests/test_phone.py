from __future__ import annotations

import time

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpp_counter.domain.errors import InvalidPhone
from mpp_counter.domain.phone import mask, normalize

GOOD = "+6281200001234"


@pytest.mark.parametrize(
    "typed",
    [
        "081200001234",
        "0812-0000-1234",
        "0812 0000 1234",
        "0812.0000.1234",
        "(0812) 0000-1234",
        "+62 812 0000 1234",
        "+62 (0) 812-0000-1234",
        "+62-812-0000-1234",
        "6281200001234",
        "62 812 0000 1234",
        "812 0000 1234",
        "81200001234",
        "０８１２－００００－１２３４",
        "＋６２ ８１２ ００００ １２３４",
        "  0812 0000 1234  ",
        "0812/0000/1234",
    ],
)
def test_accepts_what_clerks_type(typed: str) -> None:
    assert normalize(typed) == GOOD


@pytest.mark.parametrize(
    "typed, why",
    [
        ("", "Enter the phone number"),
        ("   ", "Enter the phone number"),
        ("021 2345678", "landline"),
        ("(021) 2345-6789", "landline"),
        ("+62 21 2345678", "landline"),
        ("+1 415 555 0123", "foreign"),
        ("+60 12 345 6789", "foreign"),
        ("0060123456789", "foreign"),
        ("0812", "too short"),
        ("0812 0000", "too short"),
        ("0812 0000 1234 56", "too long"),
        ("0812abcd1234", "letters"),
        ("nomor saya 0812", "letters"),
        ("0812-0000-1234 ext 12", "Extensions"),
        ("0812-0000-1234 x12", "Extensions"),
        ("0812-0000-1234, 0812-0000-5678", "only one"),
        ("0812-0000-1234 / 0812-0000-5678", "only one"),
        ("0812 0000 1234 atau 0812 0000 5678", "only one"),
        ("0812*0000*1234", "characters"),
        ("1234567", "not an Indonesian mobile"),
        ("+62", "too short"),
        ("9" * 10_000, "too long"),
    ],
)
def test_refuses_with_a_reason(typed: str, why: str) -> None:
    with pytest.raises(InvalidPhone) as info:
        normalize(typed)
    assert why.lower() in info.value.message.lower()
    assert isinstance(info.value, ValueError)
    digits = "".join(c for c in typed if c.isdigit())
    if len(digits) >= 8:  # the message never echoes the number back
        assert digits not in info.value.message


def test_absurd_input_is_fast() -> None:
    for junk in ("9" * 10_000, "0812-" * 2_000, "+" + "6" * 10_000, "\u0660" * 10_000):
        t = time.perf_counter()
        with pytest.raises(InvalidPhone):
            normalize(junk)
        assert time.perf_counter() - t < 0.01  # generous: typically microseconds


def test_mask_keeps_only_last_four() -> None:
    assert mask(GOOD) == "08xx-xxxx-1234"
    with pytest.raises(InvalidPhone):
        mask("+12025550123")


# --- properties ----------------------------------------------------------------------
subscriber = st.integers(min_value=0, max_value=9999).map(lambda n: f"{n:04d}")
valid = subscriber.map(lambda s: f"0812{'0000'}{s}")
noise = st.sampled_from([" ", "-", ".", "  ", " - "])
prefix = st.sampled_from(["0", "+62", "62", "+62 (0)", "+62 0", ""])


@st.composite
def noisy(draw: st.DrawFn) -> tuple[str, str]:
    national = draw(valid)
    rest = national[1:]
    cuts = sorted(draw(st.lists(st.integers(1, len(rest) - 1), max_size=4, unique=True)))
    parts, last = [], 0
    for c in cuts:
        parts.append(rest[last:c])
        last = c
    parts.append(rest[last:])
    body = "".join(p + (draw(noise) if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    text = draw(prefix) + draw(st.sampled_from(["", " "])) + body
    if draw(st.booleans()):
        text = text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    return text, "+62" + rest


@given(noisy())
def test_noise_never_changes_the_result(case: tuple[str, str]) -> None:
    text, expected = case
    assert normalize(text) == expected


@given(st.text(max_size=60))
def test_anything_accepted_is_one_valid_indonesian_mobile(text: str) -> None:
    try:
        out = normalize(text)
    except InvalidPhone as exc:
        assert exc.message
        return
    assert out.startswith("+628") and out[1:].isdigit()
    n = phonenumbers.parse(out)
    assert phonenumbers.is_valid_number(n)
    assert phonenumbers.number_type(n) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    assert normalize(out) == out  # idempotent
    # nothing but the number's own digits (and formatting) was in the input
    digits = "".join(str(int(c)) for c in text if c.isdigit())
    assert digits.endswith(out[4:])


@given(st.text(alphabet="0123456789+-. ()", max_size=40))
def test_accepted_output_renormalises_to_itself(text: str) -> None:
    try:
        out = normalize(text)
    except InvalidPhone:
        return
    assert normalize(out) == out
    assert normalize(out[3:].join(["0", ""])) == out
