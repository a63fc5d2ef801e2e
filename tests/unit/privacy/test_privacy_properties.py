"""Invariants of redaction, whatever the values (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.privacy.checksums import iban_check_digits, luhn_digit
from fairshore.privacy.operators import OperatorParams, operator
from fairshore.privacy.redaction import Redactor

REDACTOR = Redactor(operator("redact", OperatorParams()))

cards = st.sampled_from(["4", "51", "55", "2221"]).flatmap(
    lambda p: st.text(alphabet="0123456789", min_size=15 - len(p), max_size=15 - len(p)).map(
        lambda body: p + body + luhn_digit(p + body)
    )
)
ibans = st.text(alphabet="0123456789", min_size=24, max_size=24).map(
    lambda bban: "PL" + iban_check_digits("PL", bban) + bban
)
emails = st.from_regex(
    r"[a-z][a-z0-9._]{0,15}[a-z0-9]@[a-z]{2,10}\.(com|pl|co|ph|in)", fullmatch=True
)
filler = st.sampled_from(["please use", "por favor", "proszę", "kripya", "pakiusap po", "ok"])


@settings(max_examples=60, deadline=None)
@given(cards, ibans, emails, filler)
def test_redacted_text_never_contains_the_values(
    card: str, iban: str, email: str, word: str
) -> None:
    text = f"{word} {card} and {iban}, write to {email} {word}"
    out = REDACTOR.redact(text)
    for value in (card, iban, email):
        assert value not in out.text
    assert {d.entity for d in out.detections} == {"CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS"}


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_redaction_never_fails_and_keeps_text_without_detections(text: str) -> None:
    out = REDACTOR.redact(text)
    if not out.detections:
        assert out.text == text
