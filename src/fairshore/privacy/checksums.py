"""Check digits that separate real identifiers from look-alike numbers.

A 16-digit order number is not a card number unless its Luhn digit agrees; these
functions are what keeps order, tracking and invoice numbers out of the redactor's
hits.
"""

from __future__ import annotations

import string

# Verhoeff dihedral-group tables (Verhoeff 1969, as used by UIDAI for Aadhaar).
_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_VERHOEFF_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)
_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# IBAN length per country (ISO 13616 registry, the countries a contact centre meets most).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24,
    "AE": 23,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "BR": 29,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IS": 26,
    "IT": 27,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MT": 31,
    "MX": 18,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SA": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "TR": 26,
    "UA": 29,
}


def digits_of(text: str) -> str:
    """The digits of ``text``, separators dropped."""
    return "".join(ch for ch in text if ch.isdigit())


def luhn_valid(number: str) -> bool:
    """Whether a digit string passes the Luhn (mod 10) check (ISO/IEC 7812-1)."""
    if not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_digit(partial: str) -> str:
    """The Luhn check digit to append to ``partial``."""
    for d in string.digits:
        if luhn_valid(partial + d):
            return d
    raise ValueError(partial)


def verhoeff_valid(number: str) -> bool:
    """Whether a digit string passes the Verhoeff check (Aadhaar's last digit)."""
    if not number.isdigit():
        return False
    c = 0
    for i, ch in enumerate(reversed(number)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][int(ch)]]
    return c == 0


def verhoeff_digit(partial: str) -> str:
    """The Verhoeff check digit to append to ``partial``."""
    c = 0
    for i, ch in enumerate(reversed(partial)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(i + 1) % 8][int(ch)]]
    return str(_VERHOEFF_INV[c])


def iban_valid(text: str) -> bool:
    """Whether ``text`` is an IBAN with a correct length and mod-97 check (ISO 13616)."""
    iban = "".join(text.split()).replace("-", "").upper()
    if len(iban) < 15 or not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    if not iban.isalnum():
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits of an IBAN for ``country`` and ``bban`` (ISO 13616)."""
    moved = (bban + country + "00").upper()
    value = int("".join(str(int(ch, 36)) for ch in moved))
    return f"{98 - value % 97:02d}"


def pesel_valid(number: str) -> bool:
    """Whether an 11-digit string is a PESEL with a valid date and check digit."""
    if len(number) != 11 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:10], _PESEL_WEIGHTS, strict=True))
    if (10 - total % 10) % 10 != int(number[10]):
        return False
    month = int(number[2:4]) % 20
    day = int(number[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


def pesel_digit(partial: str) -> str:
    """The check digit to append to a 10-digit PESEL prefix."""
    total = sum(int(d) * w for d, w in zip(partial, _PESEL_WEIGHTS, strict=True))
    return str((10 - total % 10) % 10)
