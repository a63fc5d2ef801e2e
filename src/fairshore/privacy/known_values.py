"""Known-value redaction: the record's own structured values, found in its free text.

A ticket carries the customer's name, e-mail and account number in its fields; the
same values typed into the body ("acct 0042 7781 93") are personal data even when no
pattern would catch them. Digits match whatever separators were typed between them;
words match case-insensitively on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fairshore.privacy.model import Detection

MIN_LENGTH = 3
# A known value takes the entity type its field names, so a customer's name gets the
# same pseudonym tag whether a pattern or its own record found it.
FIELD_ENTITIES = (
    (("email", "e_mail", "mail"), "EMAIL_ADDRESS"),
    (("phone", "mobile", "msisdn", "tel"), "PHONE_NUMBER"),
    (("name",), "PERSON"),
)


def field_entity(field: str) -> str:
    """The entity type of a structured field's values (``KNOWN_VALUE`` when unsure)."""
    lowered = field.lower()
    for hints, entity in FIELD_ENTITIES:
        if any(h in lowered for h in hints):
            return entity
    return "KNOWN_VALUE"


def value_pattern(value: str) -> re.Pattern[str] | None:
    """A pattern that finds ``value`` as people retype it, or None when too short."""
    value = value.strip()
    if len(value) < MIN_LENGTH:
        return None
    compact = re.sub(r"[\s.-]", "", value)
    if compact.isdigit():
        if len(compact) < 4:
            return None
        body = r"[\s.-]?".join(re.escape(d) for d in compact)
        return re.compile(rf"(?<!\d){body}(?!\d)")
    parts = [re.escape(p) for p in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


class KnownValueFinder:
    """Finds one record's known values (field -> value) in its text."""

    entity = "KNOWN_VALUE"
    name = "known_value"

    def __init__(self, values: Mapping[str, str], *, name_parts: bool = True) -> None:
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        for field, value in values.items():
            if not value:
                continue
            candidates = [value]
            # A full name's parts ("Maria", "Dela Cruz") are found alone too.
            if name_parts and "name" in field.lower() and " " in value.strip():
                candidates += [p for p in value.split() if len(p) >= 3]
            for cand in candidates:
                pattern = value_pattern(str(cand))
                if pattern is not None:
                    self.patterns.append((field, pattern))

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for field, pattern in self.patterns:
            for m in pattern.finditer(text):
                out.append(
                    Detection(
                        entity=field_entity(field),
                        start=m.start(),
                        end=m.end(),
                        score=0.85,
                        recognizer=f"known_value:{field}",
                    )
                )
        return out
