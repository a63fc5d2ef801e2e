"""Touchpoint import (all or nothing), recommendations and disclosure from the register."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import InputError
from fairshore.sourcing import services as sourcing

HEADER = (
    "id,name,channel,intent,volume_per_month,aht_s,data_sensitivity,complexity,"
    "customer_vulnerability,regulatory_class,engagement_id\n"
)


def _setup(ws: Workspace) -> None:
    entities.add_vendor(ws, id="vistula", name="Vistula", country_iso2="PL")
    entities.add_site(
        ws,
        id="vistula-krk",
        vendor_id="vistula",
        name="K",
        location="Kraków",
        country_iso2="PL",
        timezone="Europe/Warsaw",
        currency="PLN",
    )
    entities.add_engagement(
        ws,
        id="telco-krk",
        vendor_id="vistula",
        name="E",
        timezone="Europe/Warsaw",
        channels=["email"],
        languages=["pl"],
        site_ids=["vistula-krk"],
    )


def test_import_is_all_or_nothing_with_row_numbers(db_workspace: Workspace, tmp_path: Path) -> None:
    _setup(db_workspace)
    bad = tmp_path / "tp.csv"
    bad.write_text(
        HEADER
        + "billing,Billing,chat,billing,40000,240,personal,low,low,none,telco-krk\n"
        + "fraud,Fraud,voice,fraud,lots,600,financial,high,medium,regulated,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="row 2: volume_per_month"):
        sourcing.import_touchpoints(db_workspace, bad)
    assert sourcing.recommend_sourcing(db_workspace) == []


def test_recommend_and_disclose(db_workspace: Workspace, tmp_path: Path) -> None:
    _setup(db_workspace)
    good = tmp_path / "tp.csv"
    good.write_text(
        HEADER + "billing,Billing,chat,billing,40000,240,financial,medium,low,none,telco-krk\n",
        encoding="utf-8",
    )
    sourcing.import_touchpoints(db_workspace, good)
    sourcing.import_touchpoints(db_workspace, good)  # re-import replaces, never doubles
    [rec] = sourcing.recommend_sourcing(db_workspace)
    assert rec.option == "outsource_nearshore"
    statement = sourcing.disclosure_statement(db_workspace, company="Telco", contact="0800")
    assert "Vistula (Poland)" in statement.markdown
    assert "account and payment details" in statement.markdown
