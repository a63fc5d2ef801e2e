"""Public worker-voice channels: one open code per engagement, found from any tenant."""

from __future__ import annotations

import dataclasses
import re

import pytest

from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import NotFoundError
from fairshore.people import services as people


def test_channels_open_once_close_and_resolve_across_tenants(workspace: Workspace) -> None:
    with workspace.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(workspace, organisation_id="other")
    entities.add_vendor(other, id="acme", name="Acme")
    entities.add_engagement(
        other,
        id="other-e",
        vendor_id="acme",
        name="E",
        timezone="UTC",
        channels=["chat"],
        languages=["en"],
    )
    channel = people.open_voice_channel(other, "other-e")
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", channel.code)
    assert people.open_voice_channel(other, "other-e") == channel
    typed = channel.code.lower().replace("-", " ")
    assert people.voice_channel(workspace, typed).organisation_id == "other"
    assert people.list_voice_channels(workspace) == []
    people.close_voice_channel(other, "other-e")
    with pytest.raises(NotFoundError):
        people.voice_channel(workspace, channel.code)
    assert people.open_voice_channel(other, "other-e").code != channel.code
    with pytest.raises(NotFoundError):
        people.open_voice_channel(workspace, "other-e")  # not this tenant's engagement


def test_the_demo_opens_one_channel_per_engagement_once(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fairshore.demo import pipeline

    steps = [s for s in pipeline.STEPS if s.name in ("register", "voice")]
    monkeypatch.setattr(pipeline, "STEPS", steps)
    first = pipeline.run_demo(workspace, scale=0.01, seed=1).results["voice"]
    assert {r["engagement"] for r in first} == {"telco-mnl", "telco-blr", "telco-bog", "telco-krk"}
    again = pipeline.run_demo(workspace, scale=0.01, seed=1).results["voice"]
    assert again == first  # re-running the demo keeps the posters' codes
