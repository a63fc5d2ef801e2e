"""The customer-facing disclosure statement: where support is answered, with what data.

Written from the engagements as recorded, never from marketing copy: a protection is
stated only when it is on record (a verified certificate, a sharing policy).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

COUNTRY_NAMES = {
    "PH": "the Philippines",
    "IN": "India",
    "CO": "Colombia",
    "PL": "Poland",
    "MX": "Mexico",
    "ZA": "South Africa",
    "EG": "Egypt",
    "MA": "Morocco",
    "PT": "Portugal",
    "RO": "Romania",
    "BG": "Bulgaria",
    "KE": "Kenya",
    "GB": "the United Kingdom",
    "US": "the United States",
    "DE": "Germany",
    "ES": "Spain",
    "IE": "Ireland",
    "CR": "Costa Rica",
    "GT": "Guatemala",
    "JM": "Jamaica",
    "MY": "Malaysia",
    "VN": "Vietnam",
    "LK": "Sri Lanka",
    "BR": "Brazil",
    "AR": "Argentina",
}
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "de": "German",
    "pl": "Polish",
    "hi": "Hindi",
    "fr": "French",
    "pt": "Portuguese",
    "fil": "Filipino",
    "tl": "Tagalog",
    "it": "Italian",
}


@dataclass(frozen=True)
class ServiceLine:
    """One vendor engagement as the customer should know it."""

    vendor_name: str
    countries: tuple[str, ...]
    channels: tuple[str, ...]
    languages: tuple[str, ...]
    data_received: tuple[str, ...]
    protections: tuple[str, ...] = field(default_factory=tuple)
    regimes: tuple[str, ...] = field(default_factory=tuple)  # the laws' names, as recorded


@dataclass(frozen=True)
class Disclosure:
    """The statement, as Markdown and as HTML."""

    markdown: str
    html: str


def _country(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def _join(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def write_disclosure(company: str, lines: list[ServiceLine], *, contact: str) -> Disclosure:
    """Compose the statement from the recorded engagements."""
    countries = sorted({_country(c) for line in lines for c in line.countries})
    paragraphs: list[tuple[str, list[str]]] = [
        (
            "Who answers you",
            [
                f"{company} works with {len(lines)} customer-service partner(s). "
                + (
                    f"Your contact may be answered in {_join(countries)}."
                    if countries
                    else "Where our partners answer is not recorded yet."
                )
            ],
        )
    ]
    for line in lines:
        items = [
            f"Channels: {_join(list(line.channels))}; languages: "
            f"{_join([LANGUAGE_NAMES.get(lang, lang) for lang in line.languages])}.",
            f"Data the partner receives: {_join(list(line.data_received))}.",
            (
                "How it is protected: " + _join(list(line.protections)) + "."
                if line.protections
                else "How it is protected: we hold no verified certificate for this "
                "partner yet; contractual data-protection clauses apply."
            ),
        ]
        if line.regimes:
            items.append(f"Laws that govern how your data is handled here: {_join(line.regimes)}.")
        where = _join([_country(c) for c in line.countries]) or "location not recorded"
        paragraphs.append((f"{line.vendor_name} ({where})", items))
    paragraphs.append(
        (
            "Reaching our own team",
            [f"You can always ask for a member of {company}'s own team: {contact}."],
        )
    )
    md = [f"# How {company} answers your questions", ""]
    for title, items in paragraphs:
        md += [f"## {title}", "", *[f"- {i}" if len(items) > 1 else i for i in items], ""]
    h = [f"<h1>How {html.escape(company)} answers your questions</h1>"]
    for title, items in paragraphs:
        h.append(f"<h2>{html.escape(title)}</h2>")
        if len(items) > 1:
            h.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
        else:
            h.append(f"<p>{html.escape(items[0])}</p>")
    return Disclosure(markdown="\n".join(md), html="\n".join(h))
