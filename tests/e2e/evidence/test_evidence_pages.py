"""The drill-down pages: each figure links to its contacts, and back; tenants stay apart.

The workspace: Telco MNL (Northwind) with June and July contacts from one CSV file and
the demo contract judged (July's voice service level breached), Telco BLR (Indigo)
without data, and organisation ``other``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import load_settings
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from tests.e2e.evidence.contacts import FILE_NAME, evidence_built
from tests.e2e.web.conftest import sign_in
from tests.shared_build import copy_of

TERM = "/engagements/telco-mnl/terms/voice-service-level/2026-07"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home = copy_of(evidence_built(tmp_path_factory), tmp_path_factory.mktemp("evidence-pages"))
    ws = open_workspace(load_settings(home=home))
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def client(ws: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(ws.settings, workspace=ws), base_url="https://testserver") as c:
        yield c


def _links(page: str) -> list[str]:
    return [unquote(html.unescape(h)) for h in re.findall(r'href="([^"]+)"', page)]


def test_the_breached_term_lists_its_calls_with_batch_and_file(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    page = client.get(f"{TERM}?back=/engagements/telco-mnl/contract").text
    assert "voice-service-level in 2026-07: the contacts behind it" in page
    assert "channel: voice" in page and FILE_NAME in page
    assert re.search(r"<strong>240</strong> contacts counted, \d+ of them successes", page)
    assert 'href="/engagements/telco-mnl/contract">Back to the page you came from' in page
    assert "Contacts 1–25 of 240" in page and 'rel="next"' in page
    second = client.get(f"{TERM}?page=2").text
    assert "Contacts 26–50 of 240" in second and 'rel="prev"' in second
    assert client.get(f"{TERM}?back=https://evil.example/").text.count("evil.example") == 0


def test_every_figure_links_to_its_evidence(client: TestClient, ws: Workspace) -> None:
    sign_in(client, "analyst@telco.example")
    contract = _links(client.get("/engagements/telco-mnl/contract").text)
    assert f"{TERM}?back=/engagements/telco-mnl/contract" in contract
    kpis = _links(client.get("/engagements/telco-mnl/kpis").text)
    voice_sl = "/engagements/telco-mnl/evidence/service_level/2026-07?channel=voice"
    assert f"{voice_sl}&back=/engagements/telco-mnl/kpis?dim=channel" in kpis
    [finding] = [
        r for r in governance.list_findings(ws) if r.finding.key.endswith("voice-service-level")
    ]
    shown = _links(client.get(f"/portal/findings/{finding.id}").text)
    assert f"{TERM}?back=/portal/findings/{finding.id}" in shown
    page = client.get(f"{TERM}?back=/portal/findings/{finding.id}").text
    assert f'href="/portal/findings/{finding.id}">Back to the page you came from' in page
    for link in (voice_sl, f"{TERM}?back=/portal/findings/{finding.id}"):
        assert client.get(link).status_code == 200


def test_tenants_and_vendors_see_only_their_own_evidence(client: TestClient) -> None:
    sign_in(client, "vendor@northwind.example")
    assert client.get(TERM).status_code == 200
    for who in ("vendor@indigo.example", "analyst@other.example"):
        sign_in(client, who)
        for path in (TERM, "/engagements/telco-mnl/evidence/aht_s/2026-07"):
            answer = client.get(path)
            assert answer.status_code == 404 and FILE_NAME not in answer.text, (who, path)


def test_bad_drill_downs_are_refused_with_the_reason(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    for path, reason in (
        ("/engagements/telco-mnl/evidence/service_level/2026-13", "is not a month"),
        ("/engagements/telco-mnl/evidence/nps/2026-07", "no contact-level evidence for"),
        ("/engagements/telco-mnl/evidence/aht_s/2026-07?channel=fax&page=0", "page"),
    ):
        answer = client.get(path)
        assert answer.status_code == 422 and reason in answer.text, path
