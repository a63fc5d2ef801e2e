"""The worker-voice pages in the agents' languages: every text translated, the choice kept.

The demo's agents work in Spanish (Bogotá), Polish (Kraków) and Hindi (Bengaluru); the
catalogs are gettext ``.po`` files read with Babel, the reference implementation of the
format (``babel.messages.pofile``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.entrypoints.web import i18n, pages_voice
from fairshore.people import services as people
from fairshore.people import voice

TEMPLATES = Path(pages_voice.__file__).parent / "templates"
MESSAGE = re.compile(r"""_\(\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*\)""")
SHOWN_ERRORS = (
    "the form expired; open it again (nothing was sent)",
    "this form must be sent from Fairshore's own page; open it again",
    "too many reports were sent just now; please try again in a while",
    "no open worker-voice channel has this code: check the poster",
    "no case has this receipt code: check it letter by letter",
    "write what happened (the text is empty)",
    "choose a score from 0 to 10",
)


def _template_messages() -> set[str]:
    found: set[str] = set()
    for path in TEMPLATES.glob("*voice*.html"):
        for match in MESSAGE.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            found.add(text.replace('\\"', '"'))
    return found


@pytest.mark.parametrize("lang", ["es", "pl", "hi"])
def test_every_text_of_the_public_pages_is_translated(lang: str) -> None:
    path = i18n.LOCALE / lang / "LC_MESSAGES" / "voice.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {str(m.id): str(m.string) for m in catalog if m.id and m.string}
    wanted = (
        _template_messages()
        | set(pages_voice.CATEGORY_LABELS.values())
        | set(voice.STATUSES)
        | set(SHOWN_ERRORS)
    )
    assert len(wanted) > 40
    assert sorted(wanted - translated.keys()) == []
    for message in wanted:  # the same placeholders, or the page breaks
        assert re.findall(r"%\(\w+\)s", translated[message]) == re.findall(r"%\(\w+\)s", message)


def test_the_browser_language_picks_the_page_language(app_client: TestClient) -> None:
    app_client.cookies.clear()
    page = app_client.get("/voice", headers={"accept-language": "es-CO,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in page.text and page.headers["content-language"] == "es"
    assert "Alza la voz, de forma anónima" in page.text
    polish = app_client.get("/voice?lang=pl", headers={"accept-language": "es-CO"})
    assert "Zabierz głos anonimowo" in polish.text  # the worker's own pick wins
    unknown = app_client.get("/voice?lang=xx", headers={"accept-language": "fr, de;q=0.5"})
    assert '<html lang="en">' in unknown.text and "Speak up, anonymously" in unknown.text


def test_a_worker_reports_in_spanish_from_an_engagement_in_spanish(
    app_client: TestClient, web_ws: Workspace
) -> None:
    entities.add_engagement(
        web_ws, id="telco-bog", vendor_id="northwind", name="TELCO-BOG", timezone="UTC",
        channels=["voice"], languages=["es", "en"],
    )  # fmt: skip
    code = people.open_voice_channel(web_ws, "telco-bog").code
    app_client.cookies.clear()
    form = app_client.get(f"/voice?code={code}")  # no Accept-Language: the engagement's
    assert '<html lang="es">' in form.text and "¿Qué pasó?" in form.text
    assert 'hreflang="hi"' in form.text and 'hreflang="es"' not in form.text  # the picker
    token = form.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    data = {"form_token": token, "code": code, "category": "pay", "body": "Pagan tarde.",
            "lang": "es"}  # fmt: skip
    sent = app_client.post("/voice", data=data)
    assert sent.status_code == 200 and "Reporte enviado" in sent.text
    assert "Copiar el código" in sent.text
    expired = app_client.post("/voice", data=data | {"form_token": "1.x"})
    assert expired.status_code == 422
    assert "el formulario caducó; ábrelo de nuevo (no se envió nada)" in expired.text
    receipt = re.findall(r'id="receipt-code">([^<]+)<', sent.text)[0]
    seen = app_client.post("/voice/receipt", data={"form_token": token, "receipt": receipt,
                                                   "lang": "es"})  # fmt: skip
    assert 'data-status="received" id="case-status">recibido<' in seen.text
