"""Every operator through the registry, on every kind of value."""

from __future__ import annotations

import pytest

from fairshore.errors import PrivacyError
from fairshore.privacy.operators import OPERATORS, OperatorParams, operator
from fairshore.privacy.pseudonyms import PseudonymKey, keyed_digest
from fairshore.privacy.redaction import Redactor

KEY = PseudonymKey(b"k" * 32)
TEXT = "Write to Ana@Example.com or call 0917-123-4567; card 4111 1111 1111 1111."


def redact(name: str, text: str = TEXT) -> str:
    return Redactor(operator(name, OperatorParams(key=KEY))).redact(text).text


def test_registry_lists_the_four_operators() -> None:
    assert set(OPERATORS) == {"redact", "mask", "keyed_hash", "pseudonym"}
    with pytest.raises(PrivacyError, match="unknown redaction operator"):
        operator("shred", OperatorParams())


def test_redact_leaves_types_only() -> None:
    assert redact("redact") == (
        "Write to <EMAIL_ADDRESS> or call <PHONE_NUMBER>; card <CREDIT_CARD>."
    )


def test_mask_keeps_shape_and_last_digits() -> None:
    out = redact("mask")
    assert "****-***-4567" in out
    assert "**** **** **** 1111" in out
    assert "***@*******.***" in out


def test_keyed_hash_is_hmac_of_the_normalised_value() -> None:
    out = redact("keyed_hash")
    assert keyed_digest("ana@example.com", KEY, length=16) in out
    assert keyed_digest("09171234567", KEY, length=16) in out
    assert "Ana@Example.com" not in out


def test_pseudonym_is_consistent_across_spellings() -> None:
    a = redact("pseudonym", "call 0917-123-4567 or mail ana@example.com")
    b = redact("pseudonym", "call 0917 123 4567 or mail ANA@example.com")
    assert a == b
    assert "@example.invalid" in a
    other_key = Redactor(operator("pseudonym", OperatorParams(key=PseudonymKey(b"z" * 32))))
    assert other_key.redact("call 0917-123-4567").text != redact("pseudonym", "call 0917-123-4567")


@pytest.mark.parametrize("name", ["keyed_hash", "pseudonym"])
def test_keyed_operators_need_a_key(name: str) -> None:
    with pytest.raises(PrivacyError, match="needs a pseudonym key"):
        operator(name, OperatorParams())


def test_known_value_redaction_through_redactor() -> None:
    r = Redactor(operator("redact", OperatorParams()))
    out = r.redact("Hi, this is about account 7781-0042.", known={"account_number": "77810042"})
    assert out.text == "Hi, this is about account <KNOWN_VALUE>."


def test_short_keys_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        PseudonymKey(b"short")
