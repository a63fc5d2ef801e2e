"""Each entity type found in its usual forms, and the traps left alone."""

from __future__ import annotations

import itertools

import pytest

from fairshore.privacy.detection import PiiDetector


@pytest.fixture(scope="module")
def detector() -> PiiDetector:
    return PiiDetector()


def found(detector: PiiDetector, text: str) -> list[tuple[str, str]]:
    return [(d.entity, text[d.start : d.end]) for d in detector.detect(text)]


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        (
            "write to ana.lopez+news@empresa.com.co today",
            "EMAIL_ADDRESS",
            "ana.lopez+news@empresa.com.co",
        ),
        ("call me on +63 917 123 4567", "PHONE_NUMBER", "+63 917 123 4567"),
        ("mi celular es 310 555 1234", "PHONE_NUMBER", "310 555 1234"),
        ("tel. +48 12 422 33 44", "PHONE_NUMBER", "+48 12 422 33 44"),
        ("M: +44 7700 900123", "PHONE_NUMBER", "+44 7700 900123"),  # Ofcom drama range
        ("mera number 98450 12345 hai", "PHONE_NUMBER", "98450 12345"),
        ("card 4111-1111-1111-1111 please", "CREDIT_CARD", "4111-1111-1111-1111"),
        ("amex 3782 822463 10005", "CREDIT_CARD", "3782 822463 10005"),
        ("IBAN GB82 WEST 1234 5698 7654 32 thanks", "IBAN_CODE", "GB82 WEST 1234 5698 7654 32"),
        ("konto PL61109010140000071219812874", "IBAN_CODE", "PL61109010140000071219812874"),
        ("from 192.168.10.25 at noon", "IP_ADDRESS", "192.168.10.25"),
        ("from 2001:db8::1 at noon", "IP_ADDRESS", "2001:db8::1"),
        ("SSN 123-45-6789 read out", "US_SSN", "123-45-6789"),
        ("NI number AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
        ("Aadhaar 2341 2341 2346", "IN_AADHAAR", "2341 2341 2346"),
        ("PAN ABCPE1234F", "IN_PAN", "ABCPE1234F"),
        ("PESEL 44051401359", "PL_PESEL", "44051401359"),
        ("mi cédula es 1.020.304.050", "CO_CEDULA", "1.020.304.050"),
        ("SSS number 34-1234567-8", "PH_NATIONAL_ID", "34-1234567-8"),
        ("vivo en Calle 45 # 12-30, Bogotá", "STREET_ADDRESS", "Calle 45 # 12-30"),
        ("ship to 221B Baker Street, London", "STREET_ADDRESS", "221B Baker Street"),
        ("adres ul. Floriańska 12/4, Kraków", "STREET_ADDRESS", "ul. Floriańska 12/4"),
        ("my name is Maria Santos and", "PERSON", "Maria Santos"),
        ("nazywam się Katarzyna Nowak", "PERSON", "Katarzyna Nowak"),
        ("ako po si Rodel Bautista", "PERSON", "Rodel Bautista"),
    ],
)
def test_entity_found(detector: PiiDetector, text: str, entity: str, value: str) -> None:
    assert (entity, value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Order 4532015112830366 shipped",  # Luhn-valid order number after "order"
        "tracking 1Z999AA10123456784",
        "invoice 8229909408 dated 2026-05-12",
        "total PHP 12,345.00 due 12/05/2026",
        "Zamówienie nr 44051401359 wysłane 12.05.2026",  # valid PESEL shape after "order"
        "build 10.0.19045.2965 installed",
        "ticket #20260512 updated at 10:30",
        "4111 1111 1111 1112 is not a card",  # fails Luhn
        "GB82 WEST 1234 5698 7654 33",  # fails mod 97
        "Pakitawagan po ako, order 2026-705577",
        "Radicado No. 2026-0001234 del 05/06/2026",  # a case reference, not a phone
        "firmware 4.2.1.17 installed",  # a version, not an IP address
    ],
)
def test_traps_left_alone(detector: PiiDetector, text: str) -> None:
    assert found(detector, text) == []


def test_known_values_found_without_pattern(detector: PiiDetector) -> None:
    text = "Customer Liwayway Dimaculangan asked about acct 0042 7781 93 again"
    known = {"customer_name": "Liwayway Dimaculangan", "account_number": "0042778193"}
    assert found(detector, text) == []  # no pattern catches either value

    def with_known(t: str) -> list[tuple[str, str]]:
        return [(d.entity, t[d.start : d.end]) for d in detector.detect(t, known=known)]

    assert ("PERSON", "Liwayway Dimaculangan") in with_known(text)
    assert ("KNOWN_VALUE", "0042 7781 93") in with_known(text)
    assert ("KNOWN_VALUE", "0043 7781 93") not in with_known(text.replace("0042", "0043"))


def test_known_value_name_parts(detector: PiiDetector) -> None:
    text = "spoke to Dimaculangan, she wants a refund"
    got = found(detector, text) + [
        (d.entity, text[d.start : d.end])
        for d in detector.detect(text, known={"customer_name": "Liwayway Dimaculangan"})
    ]
    assert any(v == "Dimaculangan" for _, v in got)


def test_detections_do_not_overlap(detector: PiiDetector) -> None:
    text = "ana@example.com 4111 1111 1111 1111 +63 917 123 4567 PL61109010140000071219812874"
    dets = detector.detect(text)
    for a, b in itertools.pairwise(dets):
        assert a.end <= b.start
