"""An engagement's regimes on the web: its page, the API, and the incident clocks.

45 CFR 164.404(b): individuals within 60 days of discovery; 164.406: prominent media
when more than 500 residents of a state are affected.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as engagements
from fairshore.privacy import services as privacy
from fairshore.privacy.model import IncidentFields
from tests.e2e.web.conftest import sign_in


def test_regimes_and_their_clocks_on_the_pages(app_client: TestClient, web_ws: Workspace) -> None:
    engagements.set_regimes(web_ws, "telco-blr", ["hipaa"])
    privacy.add_incident(
        web_ws,
        engagement_id="telco-blr",
        fields=IncidentFields(
            vendor_aware_at=datetime(2026, 5, 12, 14, 0, tzinfo=UTC),
            records_affected=620,
            affected_by_region={"US-FL": 600, "US-GA": 20},
        ),
    )
    sign_in(app_client, "analyst@telco.example")
    assert app_client.get("/api/v1/engagements/telco-blr").json()["regimes"] == ["hipaa"]
    assert "hipaa" in app_client.get("/engagements/telco-blr").text
    assert "none recorded (GDPR assumed)" in app_client.get("/engagements/telco-mnl").text
    page = app_client.get("/engagements/telco-blr/privacy").text
    assert "Regimes: <strong>HIPAA (US health data)</strong>" in page
    assert "deadline 2026-07-11 14:00 UTC" in page  # 60 days after discovery
    assert "(45 CFR 164.406)" in page and "(45 CFR 164.404(b))" in page
