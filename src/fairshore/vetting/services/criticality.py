"""Use cases of engagement criticality: grade and list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fairshore.adapters.db import repositories as entity_repo
from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError
from fairshore.vetting import criticality
from fairshore.vetting.model import Criticality


def assess_criticality(
    ws: Workspace,
    engagement_id: str,
    *,
    data_sensitivity: criticality.DataSensitivity,
    monthly_volume: int,
    vulnerable_share: Decimal,
    assessed_on: date,
) -> Criticality:
    """Grade an engagement's inherent criticality and store it."""
    if data_sensitivity not in criticality.SENSITIVITY_GRADE:
        raise InputError(
            f"data sensitivity must be one of {', '.join(criticality.SENSITIVITY_GRADE)}"
        )
    if monthly_volume < 0 or not Decimal(0) <= vulnerable_share <= Decimal(1):
        raise InputError("monthly volume must be >= 0 and vulnerable share within 0..1")
    with ws.db.begin() as conn:
        if entity_repo.get_engagement(conn, ws.organisation_id, engagement_id) is None:
            raise NotFoundError(f"unknown engagement {engagement_id!r}")
    result = criticality.assess(
        engagement_id,
        data_sensitivity=data_sensitivity,
        monthly_volume=monthly_volume,
        vulnerable_share=vulnerable_share,
        assessed_on=assessed_on,
    )
    with ws.db.begin() as conn:
        repo.save_criticality(
            conn,
            ws.organisation_id,
            engagement_id=engagement_id,
            data_sensitivity=data_sensitivity,
            monthly_volume=monthly_volume,
            vulnerable_share=str(vulnerable_share),
            assessed_on=assessed_on,
        )
    return result


def list_criticality(ws: Workspace) -> list[Criticality]:
    """Every engagement's stored criticality, regraded with the current rules."""
    with ws.db.begin() as conn:
        rows = repo.list_criticality(conn, ws.organisation_id)
    return [
        criticality.assess(
            r["engagement_id"],
            data_sensitivity=r["data_sensitivity"],
            monthly_volume=r["monthly_volume"],
            vulnerable_share=Decimal(r["vulnerable_share"]),
            assessed_on=r["assessed_on"],
        )
        for r in rows
    ]
