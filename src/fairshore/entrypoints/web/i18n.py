"""The worker-voice pages in the languages of the agents who use them.

A worker reads the anonymous form in their own language: English, Spanish, Polish or
Hindi today (the languages of the demo's sites). Catalogs are gettext ``.po`` files in
``locale/<lang>/LC_MESSAGES/voice.po``, the format translators work in; the message
ids are the English texts, so a message without a translation shows in English.

The language is the one the worker picked (``lang``, carried through the forms), else
the first of the browser's ``Accept-Language`` that is offered, else the engagement's
first language that has a catalog, else English. Nothing of it is stored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "voice"
DEFAULT = "en"
# Language code -> its name in that language (what the picker shows).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "pl": "Polski", "hi": "हिन्दी"}

Gettext = Callable[[str], str]


@functools.cache
def _catalog(lang: str) -> dict[str, str]:
    path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def gettext_for(lang: str) -> Gettext:
    """The translation function of ``lang`` (English, the message id, when missing)."""
    catalog = _catalog(lang if lang in LANGUAGES else DEFAULT)

    def gettext(message: str) -> str:
        return catalog.get(message, message)

    return gettext


def _accepted(header: str) -> list[str]:
    """The languages of an ``Accept-Language`` header, most wanted first."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag:
            weighted.append((-quality, index, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(weighted)]


def offered(engagement_languages: Sequence[str] = ()) -> list[str]:
    """The languages to offer: the engagement's own with a catalog first, then the rest."""
    own = [lang for lang in engagement_languages if lang in LANGUAGES]
    return list(dict.fromkeys([*own, *LANGUAGES]))


def choose(
    requested: str | None, accept_language: str, engagement_languages: Sequence[str] = ()
) -> str:
    """The language to show: the worker's pick, else the browser's, else the engagement's."""
    if requested in LANGUAGES:
        return str(requested)
    for tag in _accepted(accept_language):
        if tag in LANGUAGES:
            return tag
    own = [lang for lang in engagement_languages if lang in LANGUAGES]
    return own[0] if own else DEFAULT
