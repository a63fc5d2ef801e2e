"""Entity use cases on both databases: references checked, nothing half-written."""

from __future__ import annotations

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services
from fairshore.errors import ConflictError, InputError, NotFoundError


def _site(ws: Workspace, site_id: str = "northwind-mnl", vendor: str = "northwind") -> None:
    services.add_site(
        ws,
        id=site_id,
        vendor_id=vendor,
        name="Manila",
        location="Manila (Metro Manila)",
        country_iso2="PH",
        timezone="Asia/Manila",
        currency="PHP",
    )


def test_vendor_site_engagement_round_trip(db_workspace: Workspace) -> None:
    ws = db_workspace
    services.add_vendor(ws, id="northwind", name="Northwind", country_iso2="PH")
    _site(ws)
    services.add_engagement(
        ws,
        id="telco-mnl",
        vendor_id="northwind",
        name="Telco MNL",
        timezone="Asia/Manila",
        channels=["voice", "email"],
        languages=["en", "fil"],
        site_ids=["northwind-mnl"],
        segment_columns=["seg_region"],
        holidays=["2026-12-25"],
    )
    engagement = services.get_engagement(ws, "telco-mnl")
    assert engagement.languages == ["en", "fil"]
    assert str(engagement.holidays[0]) == "2026-12-25"
    assert [s.id for s in services.list_sites(ws, "northwind")] == ["northwind-mnl"]
    assert [e.id for e in services.list_engagements(ws, vendor_id="northwind")] == ["telco-mnl"]


def test_references_are_checked(db_workspace: Workspace) -> None:
    ws = db_workspace
    with pytest.raises(NotFoundError, match="unknown vendor"):
        _site(ws, vendor="ghost")
    services.add_vendor(ws, id="northwind", name="Northwind")
    services.add_vendor(ws, id="indigo", name="Indigo")
    _site(ws, "indigo-blr", vendor="indigo")
    with pytest.raises(NotFoundError, match="not sites of vendor 'northwind'"):
        services.add_engagement(
            ws,
            id="e",
            vendor_id="northwind",
            name="E",
            timezone="UTC",
            channels=["voice"],
            languages=["en"],
            site_ids=["indigo-blr"],
        )
    assert services.list_engagements(ws) == []


def test_duplicates_and_invalid_values_raise_input_errors(db_workspace: Workspace) -> None:
    ws = db_workspace
    services.add_vendor(ws, id="northwind", name="Northwind")
    with pytest.raises(ConflictError):
        services.add_vendor(ws, id="northwind", name="Again")
    with pytest.raises(InputError, match="country_iso2"):
        services.add_vendor(ws, id="v2", name="V", country_iso2="Philippines")
    with pytest.raises(NotFoundError, match="fairshore engagement list"):
        services.get_engagement(ws, "nope")
