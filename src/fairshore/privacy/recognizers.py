"""Pattern finders for personal data in contact-centre free text.

Each finder is a small class with ``entity``, ``name`` and ``find(text)``; the
detection engine (``detection.py``) runs them inside Presidio's analyzer. A pattern
alone is rarely enough: cards must pass Luhn and carry a real issuer prefix, IBANs
their mod-97 check, phones a valid number plan (``phonenumbers``), and numbers after
"order", "tracking" or "invoice" are left alone.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Protocol

import phonenumbers

from fairshore.privacy.checksums import digits_of, iban_valid, luhn_valid
from fairshore.privacy.model import Detection

# Words after which a long number is an order, parcel or invoice reference, not a person's.
TRAP_WORDS = (
    "order",
    "orden",
    "parcel",
    "paquete",
    "paczk",
    "package",
    "shipment",
    "pedido",
    "zamówieni",
    "zamowieni",
    "tracking",
    "track",
    "awb",
    "guía",
    "guia",
    "envío",
    "envio",
    "przesyłk",
    "przesylk",
    "invoice",
    "factura",
    "faktur",
    "ticket",
    "case",
    "caso",
    "sprawa",
    "ref",
    "reference",
    "referencia",
    "serial",
    "imei",
    "sku",
    "item",
    "batch",
    "lote",
    "nr zam",
    "booking",
    "reserva",
    "confirmation",
    "confirmación",
    "transaction",
    "transacción",
    "txn",
    "policy",
    "póliza",
    "amount",
    "monto",
    "kwota",
    "total",
    "php",
    "inr",
    "cop",
    "pln",
    "usd",
    "eur",
    "₱",
    "₹",
    "$",
    "zł",
)
# Regions whose national number formats are tried, hubs first (PH, IN, CO, PL), then the
# client's likely home markets.
PHONE_REGIONS = ("PH", "IN", "CO", "PL", "US", "GB", "ES", "DE", "MX")


class Finder(Protocol):
    """Finds one kind of personal data in a text."""

    entity: str
    name: str

    def find(self, text: str) -> list[Detection]:
        """Every occurrence in ``text``."""
        ...


def preceded_by(text: str, start: int, words: tuple[str, ...], *, window: int = 28) -> bool:
    """Whether a word starting with one of ``words`` ends the ``window`` chars before ``start``.

    Words match at a word start ("call" does not match inside "Calle").
    """
    return _words_re(words).search(text, max(0, start - window), start) is not None


@lru_cache(maxsize=64)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})", re.IGNORECASE)


def _hit(entity: str, name: str, start: int, end: int, score: float) -> Detection:
    return Detection(entity=entity, start=start, end=end, score=score, recognizer=name)


class EmailFinder:
    """E-mail addresses (RFC 5322 local parts as people type them)."""

    entity = "EMAIL_ADDRESS"
    name = "email"
    _re = re.compile(
        r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@"
        r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])"
    )

    def find(self, text: str) -> list[Detection]:
        if "@" not in text:
            return []
        return [
            _hit(self.entity, self.name, m.start(), m.end(), 0.95) for m in self._re.finditer(text)
        ]


class PhoneFinder:
    """Phone numbers in international or hub-national formats, checked by ``phonenumbers``."""

    entity = "PHONE_NUMBER"
    name = "phone"
    _re = re.compile(r"(?<![\w+/.,:-])(?:\+|\b00)?\(?\d[\d ().-]{5,20}\d(?![\w/]|[.,]\d|-\d)")
    _date = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
    _year_ref = re.compile(r"^(19|20)\d{2}[/-]\d{4,}$")  # 2026-0001234: a case reference
    _context = (
        "tel",
        "phone",
        "mobile",
        "call",
        "cel",
        "móvil",
        "movil",
        "llam",
        "número",
        "numero",
        "telefon",
        "komórk",
        "komork",
        "numer",
        "whatsapp",
        "viber",
        "contact",
        "reach",
        "sms",
        "text me",
        "fono",
        "landline",
    )

    def __init__(self, *, regions: tuple[str, ...] = PHONE_REGIONS) -> None:
        self.regions = regions

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            cand = m.group().strip()
            if self._date.match(cand) or self._year_ref.match(cand):
                continue
            n_digits = len(digits_of(cand))
            if not 7 <= n_digits <= 15:
                continue
            international = cand.startswith(("+", "00"))
            if not international and preceded_by(text, m.start(), TRAP_WORDS):
                continue
            valid = self._valid(cand, international=international)
            if valid or (international and _is_possible(cand)):
                # "+" marks a phone even when the number plan does not know it (new ranges,
                # fictional numbers in the UK's 07700 900 block).
                score = (0.9 if valid else 0.7) if international else 0.75
                if preceded_by(text, m.start(), self._context, window=40):
                    score = min(1.0, score + 0.1)
                out.append(_hit(self.entity, self.name, m.start(), m.start() + len(cand), score))
        return out

    def _valid(self, cand: str, *, international: bool) -> bool:
        if international:
            number = "+" + cand[2:] if cand.startswith("00") else cand
            return _is_valid(number, None)
        return any(_is_valid(cand, region) for region in self.regions)


def _is_possible(cand: str) -> bool:
    number = "+" + cand[2:] if cand.startswith("00") else cand
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(number, None)))
    except phonenumbers.NumberParseException:
        return False


def _is_valid(number: str, region: str | None) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(parsed))


# Issuer prefixes and lengths (ISO/IEC 7812 IIN ranges of the major schemes).
_CARD_SCHEMES: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    (re.compile(r"^4"), (13, 16, 19)),  # Visa
    (re.compile(r"^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))"), (16,)),  # Mastercard
    (re.compile(r"^3[47]"), (15,)),  # American Express
    (re.compile(r"^(6011|65|64[4-9]|622)"), (16, 19)),  # Discover, UnionPay co-badged
    (re.compile(r"^62"), (16, 17, 18, 19)),  # UnionPay
    (re.compile(r"^35(2[89]|[3-8]\d)"), (16, 19)),  # JCB
    (re.compile(r"^3(0[0-5]|[68])"), (14, 16)),  # Diners Club
    (re.compile(r"^(50|5[6-8]|6304|6759|676[1-3])"), (16, 17, 18, 19)),  # Maestro
)


def card_number_valid(number: str) -> bool:
    """Whether a digit string is a plausible payment card: known issuer, length, Luhn."""
    if not luhn_valid(number) or len(set(number)) < 2:
        return False
    return any(p.match(number) and len(number) in lengths for p, lengths in _CARD_SCHEMES)


class CardFinder:
    """Payment card numbers (PAN) that pass Luhn with a real issuer prefix."""

    entity = "CREDIT_CARD"
    name = "card"
    _re = re.compile(r"(?<![\w-])(?:\d[ -]?){11,18}\d(?![\w]|-\d)")
    _context = (
        "card",
        "tarjeta",
        "karta",
        "visa",
        "mastercard",
        "amex",
        "credit",
        "debit",
        "crédito",
        "débito",
        "kredyt",
    )

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            number = digits_of(m.group())
            if not card_number_valid(number):
                continue
            has_context = preceded_by(text, m.start(), self._context, window=40)
            if not has_context and preceded_by(text, m.start(), TRAP_WORDS):
                continue
            out.append(
                _hit(self.entity, self.name, m.start(), m.end(), 0.95 if has_context else 0.9)
            )
        return out


class IbanFinder:
    """IBANs, printed or electronic form, with a valid length and mod-97 check."""

    entity = "IBAN_CODE"
    name = "iban"
    _re = re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b")

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            end = self._valid_end(m.group())
            if end:
                out.append(_hit(self.entity, self.name, m.start(), m.start() + end, 1.0))
        return out

    @staticmethod
    def _valid_end(cand: str) -> int:
        # The pattern is greedy: drop trailing groups until the checksum agrees.
        parts = re.split(r"([ -])", cand)
        while parts:
            joined = "".join(parts)
            if iban_valid(joined):
                return len(joined)
            parts = parts[:-2]
        return 0


_VERSION_WORDS = ("version", "ver.", "v", "build", "release", "firmware", "fw", "software", "app")


class IpAddressFinder:
    """IPv4 and IPv6 addresses (version strings and dotted dates left alone)."""

    entity = "IP_ADDRESS"
    name = "ip"
    _v4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
    _v6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._v4.finditer(text):
            if preceded_by(text, m.start(), _VERSION_WORDS, window=12):
                continue
            if _ip(m.group()):
                out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.85))
        if "::" in text or text.count(":") >= 5:
            for m in self._v6.finditer(text):
                if m.group().count(":") >= 2 and _ip(m.group()) and len(m.group()) > 4:
                    out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.85))
        return out


def _ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


_CAP = r"[A-ZÁÉÍÓÚÑŁŚŻŹĆ][\wáéíóúñąćęłńóśźż'-]+"


class StreetAddressFinder:
    """Street addresses in the hubs' usual written forms (best effort, pattern based).

    English ("221B Baker Street", "12 Rizal Ave."), Spanish and Colombian ("Calle 45
    # 12-30", "Carrera 7 No. 71-21", "Av. Insurgentes 1602"), Polish ("ul. Długa 12/4"),
    Philippine barangays and Indian layouts ("12, 5th Cross, Indiranagar").
    """

    entity = "STREET_ADDRESS"
    name = "street_address"
    _patterns = (
        re.compile(
            rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,3}}"
            r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|"
            r"Dr\.?|Way|Court|Ct\.?|Place|Pl\.?|Highway|Hwy\.?|Marg|Nagar|Layout|Cross|Main)"
            r"(?![\w])"
        ),
        re.compile(
            r"\b(?:Calle|Cl\.|Carrera|Cra\.?|Kr\.|Avenida|Av\.|Diagonal|Dg\.|Transversal|Tv\.)"
            r"\s+\d{1,3}\s?[A-Za-z]?(?:\s*(?:#|No\.?|N[°º]|Nro\.?)\s*\d{1,3}\s?[A-Za-z]?\s?-\s?\d{1,3})?"
        ),
        re.compile(rf"\b(?:Calle|Avenida|Av\.|Paseo|Camino)\s+(?:{_CAP}\s?){{1,3}}\d{{1,5}}\b"),
        re.compile(
            rf"\b(?:ul\.|ulica|al\.|aleja|os\.|pl\.)\s+(?:{_CAP}\s){{0,2}}{_CAP}\s+\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}})?"
        ),
        re.compile(rf"\b(?:Brgy\.?|Barangay)\s+(?:{_CAP}\s?){{1,3}}"),
        re.compile(r"\b\d{1,4},\s+\d{1,2}(?:st|nd|rd|th)\s+(?:Cross|Main|Block|Stage|Sector)\b"),
    )

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for pattern in self._patterns:
            for m in pattern.finditer(text):
                end = m.end()
                while end > m.start() and text[end - 1] in " ,":
                    end -= 1
                out.append(_hit(self.entity, self.name, m.start(), end, 0.7))
        return out
