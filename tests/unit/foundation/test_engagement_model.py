"""Entity validation: ids, timezones, languages, segment columns."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fairshore.engagements.model import Engagement, Site


def _engagement(**changes: object) -> Engagement:
    data: dict[str, object] = {
        "id": "telco-mnl",
        "vendor_id": "northwind",
        "name": "Telco Manila",
        "timezone": "Asia/Manila",
        "channels": ["voice"],
        "languages": ["en"],
    }
    data.update(changes)
    return Engagement.model_validate(data)


def test_a_valid_engagement_is_open_every_day_by_default() -> None:
    engagement = _engagement()
    assert set(engagement.business_hours) == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "Telco MNL"}, "not a valid id"),
        ({"timezone": "Asia/Atlantis"}, "not an IANA timezone"),
        ({"channels": ["fax"]}, "channels.0"),
        ({"channels": []}, "at least 1"),
        ({"languages": ["english!"]}, "BCP 47"),
        ({"segment_columns": ["region"]}, "seg_region"),
    ],
)
def test_invalid_engagements_are_refused_with_the_reason(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _engagement(**changes)


def test_site_needs_a_currency_code() -> None:
    with pytest.raises(ValidationError, match="currency"):
        Site(
            id="s",
            vendor_id="v",
            name="S",
            location="Kraków",
            country_iso2="PL",
            timezone="Europe/Warsaw",
            currency="zloty",
        )
