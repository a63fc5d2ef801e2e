"""Check digits against published examples (Wikipedia, ISO 13616, the PESEL statute)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fairshore.privacy.checksums import (
    iban_valid,
    luhn_digit,
    luhn_valid,
    pesel_valid,
    verhoeff_digit,
    verhoeff_valid,
)
from fairshore.privacy.recognizers import card_number_valid


def test_luhn_published_examples() -> None:
    # Wikipedia "Luhn algorithm": 7992739871 + check digit 3.
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    # Card networks' public test numbers.
    assert card_number_valid("4111111111111111")
    assert card_number_valid("5555555555554444")
    assert card_number_valid("378282246310005")
    assert not card_number_valid("4111111111111112")


def test_verhoeff_published_example() -> None:
    # Wikipedia "Verhoeff algorithm": the check digit of 236 is 3.
    assert verhoeff_digit("236") == "3"
    assert verhoeff_valid("2363")
    assert not verhoeff_valid("2364")


def test_iban_iso13616_examples() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert iban_valid("DE89370400440532013000")
    assert iban_valid("PL61 1090 1014 0000 0712 1981 2874")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not iban_valid("DE8937040044053201300")  # one character short


def test_pesel_published_example() -> None:
    # The PESEL example in the Polish Wikipedia article: 44051401359.
    assert pesel_valid("44051401359")
    assert not pesel_valid("44051401358")


@given(st.text(alphabet="0123456789", min_size=1, max_size=18))
def test_generated_check_digits_validate(body: str) -> None:
    assert luhn_valid(body + luhn_digit(body))
    assert verhoeff_valid(body + verhoeff_digit(body))


@given(st.text(alphabet="0123456789", min_size=2, max_size=15), st.data())
def test_verhoeff_catches_every_single_digit_error(body: str, data: st.DataObject) -> None:
    number = body + verhoeff_digit(body)
    pos = data.draw(st.integers(0, len(number) - 1))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != number[pos]]))
    assert not verhoeff_valid(number[:pos] + new + number[pos + 1 :])
