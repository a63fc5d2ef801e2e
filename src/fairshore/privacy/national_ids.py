"""National identifiers of the hub countries (PH, IN, CO, PL) and the US and UK.

Where the identifier has a check digit (Aadhaar: Verhoeff; PESEL: weighted mod 10) it is
verified; where it has none (Colombian cédula, Philippine SSS/TIN/PhilSys numbers) a
context word such as "cédula" or "SSS" must stand close before the number.
"""

from __future__ import annotations

import re

from fairshore.privacy.checksums import digits_of, pesel_valid, verhoeff_valid
from fairshore.privacy.model import Detection
from fairshore.privacy.recognizers import TRAP_WORDS, preceded_by


def _hit(entity: str, name: str, start: int, end: int, score: float) -> Detection:
    return Detection(entity=entity, start=start, end=end, score=score, recognizer=name)


class UsSsnFinder:
    """US Social Security numbers, ``AAA-GG-SSSS`` (SSA never issues area 000, 666, 9xx)."""

    entity = "US_SSN"
    name = "us_ssn"
    _re = re.compile(r"(?<![\w-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\w]|-\d)")

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            area, group, serial = m.groups()
            if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
                continue
            if preceded_by(text, m.start(), TRAP_WORDS):
                continue
            out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.8))
        return out


class UkNinoFinder:
    """UK National Insurance numbers (HMRC's prefix rules)."""

    entity = "UK_NINO"
    name = "uk_nino"
    _re = re.compile(
        r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
        r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
    )

    def find(self, text: str) -> list[Detection]:
        return [
            _hit(self.entity, self.name, m.start(), m.end(), 0.85) for m in self._re.finditer(text)
        ]


class AadhaarFinder:
    """Indian Aadhaar numbers: 12 digits, first 2-9, Verhoeff check digit (UIDAI)."""

    entity = "IN_AADHAAR"
    name = "in_aadhaar"
    _re = re.compile(r"(?<![\w-])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\w]|-\d)")

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            if not verhoeff_valid(digits_of(m.group())):
                continue
            named = preceded_by(text, m.start(), ("aadhaar", "aadhar", "uid"))
            if preceded_by(text, m.start(), TRAP_WORDS) and not named:
                continue
            out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.97 if named else 0.85))
        return out


class PanFinder:
    """Indian Permanent Account Numbers: ``AAAPA1234A`` (4th letter is the holder type)."""

    entity = "IN_PAN"
    name = "in_pan"
    _re = re.compile(r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b")

    def find(self, text: str) -> list[Detection]:
        return [
            _hit(self.entity, self.name, m.start(), m.end(), 0.85) for m in self._re.finditer(text)
        ]


class PeselFinder:
    """Polish PESEL numbers: 11 digits with a valid birth date and weighted check digit."""

    entity = "PL_PESEL"
    name = "pl_pesel"
    _re = re.compile(r"(?<![\w-])\d{11}(?![\w]|-\d)")

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            if not pesel_valid(m.group()):
                continue
            named = preceded_by(text, m.start(), ("pesel",))
            if preceded_by(text, m.start(), TRAP_WORDS) and not named:
                continue
            out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.97 if named else 0.85))
        return out


class CedulaFinder:
    """Colombian cédula de ciudadanía numbers after "cédula", "C.C." or "documento"."""

    entity = "CO_CEDULA"
    name = "co_cedula"
    _re = re.compile(r"(?<![\w.,-])(?:\d{1,3}(?:\.\d{3}){2,3}|\d{6,10})(?![\w]|[.,-]\d)")
    _context = (
        "cédula",
        "cedula",
        "c.c",
        "cc ",
        "cc:",
        "cc.",
        "documento",
        "identificación",
        "identificacion",
        "c. c.",
        "id number",
    )

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in self._re.finditer(text):
            if preceded_by(text, m.start(), self._context, window=24):
                out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.9))
        return out


class PhilippineIdFinder:
    """Philippine ids: SSS ``NN-NNNNNNN-N``, UMID CRN, TIN, PhilSys card numbers.

    SSS numbers have a distinctive shape and are taken alone; TIN, CRN and PhilSys
    (PCN/PSN) numbers need their name close before them.
    """

    entity = "PH_NATIONAL_ID"
    name = "ph_national_id"
    _sss = re.compile(r"(?<![\w-])\d{2}-\d{7}-\d(?![\w]|-\d)")
    _other = re.compile(
        r"(?<![\w-])(?:\d{4}-\d{4}-\d{4}-\d{4}|\d{4}-\d{7}-\d|\d{3}-\d{3}-\d{3}(?:-\d{3,5})?|\d{12,16})(?![\w]|-\d)"
    )
    _context = (
        "philsys",
        "philid",
        "pcn",
        "psn",
        "national id",
        "tin",
        "umid",
        "crn",
        "sss",
        "gsis",
        "pag-ibig",
        "philhealth",
    )

    def find(self, text: str) -> list[Detection]:
        out = [
            _hit(self.entity, self.name, m.start(), m.end(), 0.85) for m in self._sss.finditer(text)
        ]
        taken = {(d.start, d.end) for d in out}
        for m in self._other.finditer(text):
            if (m.start(), m.end()) in taken:
                continue
            if preceded_by(text, m.start(), self._context, window=24):
                out.append(_hit(self.entity, self.name, m.start(), m.end(), 0.9))
        return out
