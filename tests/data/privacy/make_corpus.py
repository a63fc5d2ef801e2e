# ruff: noqa: E501
"""Writes ``corpus.jsonl``: labelled contact-centre texts for measuring redaction quality.

Run ``python tests/data/privacy/make_corpus.py`` to regenerate (seeded, deterministic).
Each line: ``{"id", "lang", "text", "entities": [{"type", "start", "end"}]}``. Values
are valid by their own rules (cards pass Luhn, IBANs mod 97, phones a real numbering
plan, PESEL and Aadhaar their check digits); traps (order, tracking and invoice
numbers, dates, amounts, versions, ticket ids) are in the texts but not labelled.
Hand-written texts at the end cover what templates do not.
"""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

from fairshore.privacy.checksums import iban_check_digits, luhn_digit, pesel_digit, verhoeff_digit

OUT = Path(__file__).with_name("corpus.jsonl")
rng = random.Random(20261123)

FIRST = {
    "en": ["James", "Mary", "Robert", "Jennifer", "Michael", "Sarah", "David", "Emily"],
    "es": ["Juan", "María", "Carlos", "Ana", "Andrés", "Valentina", "Santiago", "Camila"],
    "pl": ["Piotr", "Anna", "Krzysztof", "Katarzyna", "Tomasz", "Agnieszka", "Michał", "Ewa"],
    "hi": ["Rahul", "Priya", "Amit", "Pooja", "Vikram", "Neha", "Arjun", "Anjali"],
    "tl": ["Maria", "Juan", "Maricel", "Rodel", "Jocelyn", "Mark", "Grace", "Jerome"],
}
LAST = {
    "en": ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Hughes"],
    "es": ["García", "Rodríguez", "Martínez", "López", "Gómez", "Ramírez", "Torres", "Rojas"],
    "pl": ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zieliński"],
    "hi": ["Sharma", "Verma", "Gupta", "Patel", "Reddy", "Iyer", "Singh", "Nair"],
    "tl": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Aquino"],
}
DOMAINS = ["gmail.com", "yahoo.co.in", "outlook.com", "wp.pl", "hotmail.es", "empresa.com.co",
           "globe.com.ph", "firma-xyz.pl", "mail.example.org", "rediffmail.com"]  # fmt: skip


def _ascii(s: str) -> str:
    table = str.maketrans("áéíóúñąćęłńóśźżÁÉÍÓÚŁŚŻ", "aeiounacelnoszzAEIOULSZ")
    return s.translate(table)


def email(lang: str) -> str:
    f, last = rng.choice(FIRST[lang]), rng.choice(LAST[lang])
    local = rng.choice([f"{f}.{last}", f"{f[0]}{last}", f"{f}_{last}{rng.randint(1, 99)}",
                        f"{f}.{last}+promo", f"{last}{rng.randint(1970, 2005)}"])  # fmt: skip
    value = f"{_ascii(local)}@{rng.choice(DOMAINS)}"
    return value.upper() if rng.random() < 0.08 else value.lower()


PHONES = {
    "PH": [
        "+63 917 {a3} {a4}",
        "0917 {a3} {a4}",
        "+639{b2}{a3}{a4}",
        "0918-{a3}-{a4}",
        "(02) 8{a3} {a4}",
        "+63 2 8{a3} {a4}",
    ],
    "IN": ["+91 98{a3} {a5}", "098{a3}{a5}", "+91-99{a3}-{a5}", "97{a3} {a5}"],
    "CO": ["+57 310 {a3} {a4}", "310 {a3} {a4}", "+57 601 {a3} {a4}", "(+57) 315{a3}{a4}"],
    "PL": ["+48 512 {a3} {a3b}", "512 {a3} {a3b}", "+48 12 {a3} {b2} {b2b}", "0048 601 {a3} {a3b}"],
    "US": ["+1 (212) {x3}-{a4}", "(415) {x3}-{a4}", "+1 646 {x3} {a4}"],
    "GB": ["+44 20 7946 {a4}", "+44 7700 {x3}{a3}"],
}


def phone() -> str:
    import phonenumbers

    for _ in range(200):
        region = rng.choice(list(PHONES))
        fmt = rng.choice(PHONES[region])
        value = fmt.format(
            a3=f"{rng.randint(200, 999)}", a3b=f"{rng.randint(100, 999)}", a4=f"{rng.randint(1000, 9999)}",
            a5=f"{rng.randint(10000, 99999)}", b2=f"{rng.randint(10, 99)}", b2b=f"{rng.randint(10, 99)}",
            x3=f"{rng.randint(201, 989)}",
        )  # fmt: skip
        number = value.replace("(+57)", "+57")
        try:
            parsed = phonenumbers.parse(number, None if number.startswith(("+", "00")) else region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return value
    raise RuntimeError("no valid phone")


def card() -> str:
    prefix = rng.choice(["4", "51", "52", "55", "2221", "34", "37", "6011", "4"])
    length = 15 if prefix in ("34", "37") else 16
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    number = body + luhn_digit(body)
    style = rng.choice(["space", "dash", "none", "space"])
    if length == 15:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return {"space": " ".join(groups), "dash": "-".join(groups), "none": number}[style]


IBAN_BBAN = {"PL": ("n", 24), "ES": ("n", 20), "DE": ("n", 18), "GB": ("GB", 18), "FR": ("n", 23),
             "NL": ("NL", 14)}  # fmt: skip


def iban() -> str:
    country = rng.choice(list(IBAN_BBAN))
    kind, n = IBAN_BBAN[country]
    if kind == "GB":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(
            rng.choice(string.digits) for _ in range(14)
        )
    elif kind == "NL":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(
            rng.choice(string.digits) for _ in range(10)
        )
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(n))
    value = country + iban_check_digits(country, bban) + bban
    if rng.random() < 0.6:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def ipv4() -> str:
    if rng.random() < 0.15:
        return rng.choice(["2001:db8:85a3::8a2e:370:7334", "fe80::1ff:fe23:4567:890a"])
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def person(lang: str) -> str:
    return f"{rng.choice(FIRST[lang])} {rng.choice(LAST[lang])}"


def address(lang: str) -> str:
    if lang == "es":
        return rng.choice([f"Calle {rng.randint(1, 150)} # {rng.randint(1, 99)}-{rng.randint(1, 99)}",
                           f"Carrera {rng.randint(1, 100)} No. {rng.randint(1, 99)}-{rng.randint(1, 99)}",
                           f"Avenida Libertador {rng.randint(100, 2000)}"])  # fmt: skip
    if lang == "pl":
        return f"ul. {rng.choice(['Długa', 'Floriańska', 'Marszałkowska', 'Polna'])} {rng.randint(1, 120)}/{rng.randint(1, 40)}"
    if lang == "tl":
        return f"{rng.randint(1, 999)} {rng.choice(['Rizal', 'Mabini', 'Bonifacio'])} Street"
    if lang == "hi":
        return f"{rng.randint(1, 99)}, {rng.randint(1, 12)}th Cross"
    return f"{rng.randint(1, 999)} {rng.choice(['Baker', 'Oak', 'Maple', 'High'])} {rng.choice(['Street', 'Road', 'Avenue', 'Lane'])}"


def pesel() -> str:
    year, month, day = rng.randint(50, 99), rng.randint(1, 12), rng.randint(1, 28)
    body = f"{year:02d}{month:02d}{day:02d}{rng.randint(0, 9999):04d}"
    return body + pesel_digit(body)


def aadhaar() -> str:
    body = str(rng.randint(2, 9)) + "".join(rng.choice(string.digits) for _ in range(10))
    number = body + verhoeff_digit(body)
    return rng.choice([f"{number[:4]} {number[4:8]} {number[8:]}", number])


def pan() -> str:
    letters = string.ascii_uppercase
    return ("".join(rng.choice(letters) for _ in range(3)) + rng.choice("PCHF")
            + rng.choice(letters) + f"{rng.randint(0, 9999):04d}" + rng.choice(letters))  # fmt: skip


def ssn() -> str:
    return f"{rng.randint(100, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def nino() -> str:
    return f"{rng.choice(['AB', 'CE', 'JH', 'PR'])} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.choice('ABCD')}"


def cedula() -> str:
    n = rng.randint(1_000_000, 1_099_999_999)
    return f"{n:,}".replace(",", ".") if rng.random() < 0.5 else str(n)


def sss() -> str:
    return f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}-{rng.randint(0, 9)}"


# Traps: look like personal data, are not.
def order_no() -> str:
    body = "".join(rng.choice(string.digits) for _ in range(15))
    return rng.choice([f"ORD-{rng.randint(100000, 999999)}", f"#{rng.randint(10000000, 99999999)}",
                       body + luhn_digit(body), f"{rng.randint(2024, 2026)}-{rng.randint(100000, 999999)}"])  # fmt: skip


def tracking() -> str:
    return rng.choice([f"1Z{rng.randint(100, 999)}AA1{rng.randint(10000000, 99999999)}",
                       f"9400 1{rng.randint(100, 999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}",
                       f"LP{rng.randint(100000000, 999999999)}CN", f"{rng.randint(10**11, 10**12 - 1)}"])  # fmt: skip


def a_date() -> str:
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    return rng.choice([f"2026-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/2026", f"{d:02d}.{m:02d}.2026",
                       f"{d} {rng.choice(['May', 'mayo', 'maja', 'June'])} 2026"])  # fmt: skip


def amount() -> str:
    return rng.choice([f"PHP {rng.randint(100, 99999):,}.00", f"₹{rng.randint(100, 99999):,}",
                       f"COP {rng.randint(10000, 9999999):,}".replace(",", "."),
                       f"{rng.randint(10, 9999)},{rng.randint(10, 99)} zł", f"USD {rng.randint(10, 999)}.{rng.randint(10, 99)}"])  # fmt: skip


def invoice() -> str:
    return rng.choice([f"FV/2026/{rng.randint(1, 12):02d}/{rng.randint(1000, 9999)}",
                       f"INV-{rng.randint(1000000, 9999999)}", f"{rng.randint(1000000000, 9999999999)}"])  # fmt: skip


TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Hi, my email is {EMAIL_ADDRESS} and my order {ORDER} still hasn't arrived.",
        "Customer called from {PHONE_NUMBER} about invoice {INVOICE} dated {DATE}.",
        "Please refund to card {CREDIT_CARD}, amount {AMOUNT}. Tracking {TRACK}.",
        "Transfer the balance to IBAN {IBAN_CODE} before {DATE}, thanks.",
        "Login attempts from {IP_ADDRESS} on {DATE}; ticket {ORDER} escalated.",
        "My name is {PERSON}, I live at {STREET_ADDRESS}, call me on {PHONE_NUMBER}.",
        "SSN {US_SSN} was read out on the call; agent stopped the customer. Order {ORDER}.",
        "UK caller gave NI number {UK_NINO} and email {EMAIL_ADDRESS}.",
        "Payment of {AMOUNT} failed on card ending; customer reads full number {CREDIT_CARD}.",
        "Version 2.10.3.1 of the app crashes; order {ORDER}, parcel {TRACK}, invoice {INVOICE}.",
        "Please call me back at {PHONE_NUMBER} or write to {EMAIL_ADDRESS}.",
        "Dear {PERSON}, your case was closed on {DATE}. Ref {INVOICE}.",
    ],
    "es": [
        "Hola, soy {PERSON}, mi correo es {EMAIL_ADDRESS} y el pedido {ORDER} no llegó.",
        "Mi número es {PHONE_NUMBER}, llámenme después de las 5. Factura {INVOICE}.",
        "Quiero pagar con la tarjeta {CREDIT_CARD} el valor de {AMOUNT}.",
        "Vivo en {STREET_ADDRESS}, Bogotá. Mi cédula es {CO_CEDULA}.",
        "La guía de envío es {TRACK}, fecha {DATE}, cuenta IBAN {IBAN_CODE}.",
        "Acceso desde la IP {IP_ADDRESS} el {DATE}, pedido {ORDER}.",
        "Por favor escríbanme a {EMAIL_ADDRESS} o al celular {PHONE_NUMBER}.",
        "Cliente con C.C. {CO_CEDULA} reclama cobro de {AMOUNT} del {DATE}.",
    ],
    "pl": [
        "Dzień dobry, nazywam się {PERSON}, mój e-mail to {EMAIL_ADDRESS}.",
        "Proszę o kontakt pod numerem {PHONE_NUMBER}. Zamówienie {ORDER} z dnia {DATE}.",
        "Mój PESEL to {PL_PESEL}, adres {STREET_ADDRESS}, Kraków.",
        "Zwrot na konto {IBAN_CODE}, kwota {AMOUNT}, faktura {INVOICE}.",
        "Płatność kartą {CREDIT_CARD} nie przeszła, przesyłka {TRACK}.",
        "Logowanie z adresu {IP_ADDRESS} dnia {DATE}.",
        "Telefon {PHONE_NUMBER}, e-mail {EMAIL_ADDRESS}, numer zamówienia {ORDER}.",
    ],
    "hi": [
        "Namaste, mera naam {PERSON} hai, mera email {EMAIL_ADDRESS} hai.",
        "Mera number {PHONE_NUMBER} hai, kripya call karein. Order {ORDER} abhi tak nahi aaya.",
        "Aadhaar {IN_AADHAAR} aur PAN {IN_PAN} verify karna hai.",
        "Card {CREDIT_CARD} se {AMOUNT} kat gaye, invoice {INVOICE}.",
        "Address hai {STREET_ADDRESS}, Indiranagar, Bengaluru. Tracking {TRACK}.",
        "Mujhe {EMAIL_ADDRESS} par mail bhejiye ya {PHONE_NUMBER} par WhatsApp karein.",
        "IP {IP_ADDRESS} se login hua tha {DATE} ko.",
    ],
    "tl": [
        "Magandang araw po, ako si {PERSON}, ang email ko ay {EMAIL_ADDRESS}.",
        "Pakitawagan po ako sa {PHONE_NUMBER}. Yung order {ORDER} hindi pa dumating.",
        "Ang SSS number ko ay {PH_NATIONAL_ID}, nakatira ako sa {STREET_ADDRESS}, Quezon City.",
        "Nagbayad po ako gamit ang card {CREDIT_CARD}, halagang {AMOUNT}.",
        "Tracking number {TRACK}, petsa {DATE}, invoice {INVOICE}.",
        "Pwede po bang i-refund sa IBAN {IBAN_CODE}? Salamat.",
        "Text me at {PHONE_NUMBER} or email {EMAIL_ADDRESS} po.",
    ],
}
LANG_WEIGHT = {"en": 0.3, "es": 0.2, "pl": 0.17, "hi": 0.17, "tl": 0.16}


def fill(slot: str, lang: str) -> tuple[str, bool]:
    """The value of a slot and whether it is personal data (labelled)."""
    makers = {
        "EMAIL_ADDRESS": lambda: email(lang), "PHONE_NUMBER": phone, "CREDIT_CARD": card,
        "IBAN_CODE": iban, "IP_ADDRESS": ipv4, "PERSON": lambda: person(lang),
        "STREET_ADDRESS": lambda: address(lang), "US_SSN": ssn, "UK_NINO": nino,
        "IN_AADHAAR": aadhaar, "IN_PAN": pan, "PL_PESEL": pesel, "CO_CEDULA": cedula,
        "PH_NATIONAL_ID": sss,
    }  # fmt: skip
    traps = {"ORDER": order_no, "TRACK": tracking, "DATE": a_date, "AMOUNT": amount,
             "INVOICE": invoice}  # fmt: skip
    if slot in makers:
        return makers[slot](), True
    return traps[slot](), False


def render(template: str, lang: str) -> dict[str, object]:
    text, entities, pos = "", [], 0
    for m in re.finditer(r"\{([A-Z_]+)\}", template):
        text += template[pos : m.start()]
        value, labelled = fill(m.group(1), lang)
        if labelled:
            entities.append({"type": m.group(1), "start": len(text), "end": len(text) + len(value)})
        text += value
        pos = m.end()
    text += template[pos:]
    return {"lang": lang, "text": text, "entities": entities}


# Hand-written texts: traps alone, and formats templates do not produce.
HANDWRITTEN: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("en", "Order 4532015112830366 was shipped on 2026-05-12, tracking 1Z999AA10123456784.", []),
    ("en", "Your reference is 123-456-7890-12 and the amount due is USD 1,234.56.", []),
    ("en", "Call centre opens 08:00-20:00, Mon-Fri; ticket #20260512 updated.", []),
    ("en", "Thanks for contacting support. Order ORD-2026-004512 is on its way.", []),
    ("es", "El pedido 2026-558120 llega el 12/05/2026, valor COP 1.250.000.", []),
    ("pl", "Zamówienie nr 44051401359 zostało wysłane 12.05.2026.", []),
    ("hi", "Order 9876543210123 ka status pending hai, amount ₹4,999.", []),
    ("tl", "Yung tracking ko ay 123456789012, dumating po noong 12/05/2026.", []),
    ("en", "Software build 10.0.19045.2965 installed; no issue.", []),
    (
        "en",
        "Please email ana.lopez@empresa.com.co, cc soporte@fairshore.example.",
        [
            ("EMAIL_ADDRESS", "ana.lopez@empresa.com.co"),
            ("EMAIL_ADDRESS", "soporte@fairshore.example"),
        ],
    ),
    (
        "en",
        "Reach me: +63 (917) 555 0199 / +91 98450 12345.",
        [("PHONE_NUMBER", "+63 (917) 555 0199"), ("PHONE_NUMBER", "+91 98450 12345")],
    ),
    (
        "en",
        "card no. 5555 5555 5555 4444 exp 04/29 cvv withheld",
        [("CREDIT_CARD", "5555 5555 5555 4444")],
    ),
    (
        "pl",
        "Numer konta: PL61109010140000071219812874",
        [("IBAN_CODE", "PL61109010140000071219812874")],
    ),
    (
        "es",
        "IBAN ES91 2100 0418 4502 0005 1332 para la devolución",
        [("IBAN_CODE", "ES91 2100 0418 4502 0005 1332")],
    ),
    (
        "en",
        "GB33BUKB20201555555555 is my account for the refund",
        [("IBAN_CODE", "GB33BUKB20201555555555")],
    ),
    ("en", "Amex 3782 822463 10005 declined twice", [("CREDIT_CARD", "3782 822463 10005")]),
    (
        "en",
        "Server 10.0.0.254 and 2001:db8::1 logged the request",
        [("IP_ADDRESS", "10.0.0.254"), ("IP_ADDRESS", "2001:db8::1")],
    ),
    ("tl", "Ito po ang number ko 09171234567, salamat po", [("PHONE_NUMBER", "09171234567")]),
    ("es", "mi whatsapp es +57 3105551234", [("PHONE_NUMBER", "+57 3105551234")]),
    ("pl", "tel. kom. 601 234 567, dzwonić po 17", [("PHONE_NUMBER", "601 234 567")]),
    # Harder: names without cue or outside the gazetteer, lower case, run-on chat text.
    (
        "en",
        "spoke with Oluwaseun Adeyemi who says the router is still down",
        [("PERSON", "Oluwaseun Adeyemi")],
    ),
    ("en", "customer joan smith wants a callback tomorrow", [("PERSON", "joan smith")]),
    ("es", "Atendí a Yeison Cárdenas, pidió cambio de plan", [("PERSON", "Yeison Cárdenas")]),
    (
        "pl",
        "Klientka Grażyna Błaszczykowska prosi o fakturę",
        [("PERSON", "Grażyna Błaszczykowska")],
    ),
    (
        "tl",
        "Kausap ko si Bongbong Macaraeg kanina tungkol sa bill",
        [("PERSON", "Bongbong Macaraeg")],
    ),
    (
        "hi",
        "Sir Venkataraghavan Subramanian ka complaint hai",
        [("PERSON", "Venkataraghavan Subramanian")],
    ),
    (
        "en",
        "Hi, this is Priya Nair from accounts, my number is 98450 12345",
        [("PERSON", "Priya Nair"), ("PHONE_NUMBER", "98450 12345")],
    ),
    (
        "en",
        "Mr. Kowalski said his wife Anna Kowalski handles the bills",
        [("PERSON", "Kowalski"), ("PERSON", "Anna Kowalski")],
    ),
    (
        "es",
        "La señora Rosa Elena Pardo vive en Carrera 15 No. 93-47",
        [("PERSON", "Rosa Elena Pardo"), ("STREET_ADDRESS", "Carrera 15 No. 93-47")],
    ),
    (
        "en",
        "Ship to Flat 4B, Sunrise Apartments, 80 Feet Road, Koramangala",
        [("STREET_ADDRESS", "Flat 4B, Sunrise Apartments, 80 Feet Road")],
    ),
    (
        "tl",
        "Blk 5 Lot 12 Phase 2, Brgy. San Isidro, Antipolo po ang address",
        [("STREET_ADDRESS", "Blk 5 Lot 12 Phase 2, Brgy. San Isidro")],
    ),
    (
        "en",
        "email me at maria[dot]santos[at]gmail[dot]com please",
        [("EMAIL_ADDRESS", "maria[dot]santos[at]gmail[dot]com")],
    ),
    ("en", "my no is 0917 123 45 67 text lang", [("PHONE_NUMBER", "0917 123 45 67")]),
    (
        "en",
        "Card: 4111-1111-1111-1111, Mark Taylor, 22 Oak Lane",
        [
            ("CREDIT_CARD", "4111-1111-1111-1111"),
            ("PERSON", "Mark Taylor"),
            ("STREET_ADDRESS", "22 Oak Lane"),
        ],
    ),
    (
        "es",
        "Hablé con Laura y con Pedro, ambos muy amables",
        [("PERSON", "Laura"), ("PERSON", "Pedro")],
    ),
    ("en", "The customer, Grace, was happy with the resolution", [("PERSON", "Grace")]),
    ("en", "Grace period ends on 2026-06-30; Joy of Tech promo code JOY2026", []),
    ("es", "El Banco de Bogotá confirmó la transferencia de Santander", []),
    ("en", "Please contact Support Team at the Manila Service Desk", []),
    (
        "pl",
        "Pani Ewa dzwoniła z numeru +48 12 422 33 44 w sprawie umowy",
        [("PERSON", "Ewa"), ("PHONE_NUMBER", "+48 12 422 33 44")],
    ),
    (
        "hi",
        "mera mobile 9876543210 hai aur alternate 080 2345 6789",
        [("PHONE_NUMBER", "9876543210"), ("PHONE_NUMBER", "080 2345 6789")],
    ),
    (
        "en",
        "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX",
        [("IBAN_CODE", "DE89 3704 0044 0532 0130 00")],
    ),
    (
        "en",
        "My IBAN is DE89 3704 0044 0532 0130 01 I think",
        [("IBAN_CODE", "DE89 3704 0044 0532 0130 01")],
    ),
    (
        "en",
        "Visa 4012 8888 8888 1881 and the old one 4012 8888 8888 1882",
        [("CREDIT_CARD", "4012 8888 8888 1881"), ("CREDIT_CARD", "4012 8888 8888 1882")],
    ),
    # Signatures, threads and chat logs as they arrive.
    (
        "en",
        "Regards,\nTom Hughes\nAccounts Payable\nT: +44 20 7946 0321 | M: +44 7700 900123\ntom.hughes@acme-retail.co.uk",
        [
            ("PERSON", "Tom Hughes"),
            ("PHONE_NUMBER", "+44 20 7946 0321"),
            ("PHONE_NUMBER", "+44 7700 900123"),
            ("EMAIL_ADDRESS", "tom.hughes@acme-retail.co.uk"),
        ],
    ),
    (
        "pl",
        "Pozdrawiam,\nMarek Zieliński\ntel.: 601-234-567\nmarek.zielinski@firma-xyz.pl",
        [
            ("PERSON", "Marek Zieliński"),
            ("PHONE_NUMBER", "601-234-567"),
            ("EMAIL_ADDRESS", "marek.zielinski@firma-xyz.pl"),
        ],
    ),
    (
        "es",
        "Saludos,\nDiana Rojas\nCel. 300 123 4567\nBogotá D.C.",
        [("PERSON", "Diana Rojas"), ("PHONE_NUMBER", "300 123 4567")],
    ),
    (
        "tl",
        "M: 0917.123.4567 / landline (02) 8123-4567",
        [("PHONE_NUMBER", "0917.123.4567"), ("PHONE_NUMBER", "(02) 8123-4567")],
    ),
    (
        "en",
        "[10:42] Agent: can I have the card number?\n[10:43] Customer: 4539 1488 0343 6467\n[10:43] Agent: thanks",
        [("CREDIT_CARD", "4539 1488 0343 6467")],
    ),
    (
        "en",
        "On Tue, 12 May 2026 at 09:14, Sarah Walker <s.walker@outlook.com> wrote:",
        [("PERSON", "Sarah Walker"), ("EMAIL_ADDRESS", "s.walker@outlook.com")],
    ),
    (
        "hi",
        "bhai mera acc no. IN ka nahi hai, IBAN DE89370400440532013000 hai",
        [("IBAN_CODE", "DE89370400440532013000")],
    ),
    (
        "en",
        "Caller verified DOB 14/05/1944 and postcode SW1A 1AA; order 77120045 refunded USD 49.99",
        [],
    ),
    ("es", "Radicado No. 2026-0001234 del 05/06/2026 por valor de $ 1.250.000", []),
    ("pl", "Numer sprawy 2026/05/00123, kwota 1 234,56 zł, termin 30.06.2026", []),
    ("tl", "Ref no. 1234 5678 9012 po, GCash transaction ₱1,500.00", []),
    ("en", "Router MAC 00:1A:2B:3C:4D:5E, firmware 4.2.1.17, serial SN12345678", []),
    (
        "en",
        "Call back +1 (646) 555-0123 between 9 and 5 EST",
        [("PHONE_NUMBER", "+1 (646) 555-0123")],
    ),
    (
        "es",
        "Mi correo: LAURA.GOMEZ@HOTMAIL.ES y mi fijo 601 7432100",
        [("EMAIL_ADDRESS", "LAURA.GOMEZ@HOTMAIL.ES"), ("PHONE_NUMBER", "601 7432100")],
    ),
    ("hi", "Aapka refund 3-5 din mein aayega, ticket 8812345 band kar diya hai", []),
]


def main() -> None:
    rows: list[dict[str, object]] = []
    for i in range(420):
        lang = rng.choices(list(LANG_WEIGHT), weights=list(LANG_WEIGHT.values()))[0]
        row = render(rng.choice(TEMPLATES[lang]), lang)
        rows.append({"id": f"t{i:04d}", **row})
    for j, (lang, text, ents) in enumerate(HANDWRITTEN):
        entities = []
        for etype, value in ents:
            start = text.index(value)
            entities.append({"type": etype, "start": start, "end": start + len(value)})
        rows.append({"id": f"h{j:03d}", "lang": lang, "text": text, "entities": entities})
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} texts to {OUT}")


if __name__ == "__main__":
    main()
