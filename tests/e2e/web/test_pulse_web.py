"""The worker pulse form: anonymous, cookie-free, one 0-10 answer, k-anonymous results."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.people import services as people
from fairshore.people.pulse_services import pulse_of


def _token(client: TestClient, code: str, lang: str = "en") -> str:
    client.cookies.clear()
    page = client.get(f"/voice/pulse?code={code}&lang={lang}")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    return page.text.split('name="form_token" value="', 1)[1].split('"', 1)[0]


def test_a_worker_answers_the_pulse_and_nothing_identifying_is_kept(
    app_client: TestClient, web_ws: Workspace
) -> None:
    code = people.open_voice_channel(web_ws, "telco-mnl").code
    before = pulse_of(web_ws, "telco-mnl").quarters
    sent = app_client.post(
        "/voice/pulse", data={"code": code, "form_token": _token(app_client, code), "score": "8"}
    )
    assert sent.status_code == 200 and "your answer was counted" in sent.text
    assert "set-cookie" not in sent.headers
    with web_ws.db.begin() as conn:
        columns = set(conn.execute(sa.text("SELECT * FROM pulse_responses")).keys())
    assert columns == {"id", "organisation_id", "engagement_id", "site_id", "quarter", "score"}
    after = pulse_of(web_ws, "telco-mnl").quarters
    # fewer than 5 answers: the quarter shows neither a count nor a score
    assert len(after) >= len(before) and all(q.suppressed and q.enps is None for q in after)


def test_a_score_out_of_range_or_missing_is_refused_in_the_workers_language(
    app_client: TestClient, web_ws: Workspace
) -> None:
    code = people.open_voice_channel(web_ws, "telco-mnl").code
    for score in ("11", "", "x"):
        token = _token(app_client, code, "es")
        refused = app_client.post(
            "/voice/pulse", data={"code": code, "form_token": token, "score": score, "lang": "es"}
        )
        assert refused.status_code == 422
        assert "elige una puntuación de 0 a 10" in refused.text


def test_a_forged_form_is_refused(app_client: TestClient, web_ws: Workspace) -> None:
    code = people.open_voice_channel(web_ws, "telco-mnl").code
    forged = app_client.post(
        "/voice/pulse", data={"code": code, "form_token": "1.abc", "score": "9"}
    )
    assert forged.status_code == 422 and "expired" in forged.text
