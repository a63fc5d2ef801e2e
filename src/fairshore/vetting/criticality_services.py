"""Criticality use cases: measure each engagement's inputs, record overrides, grade.

Volume and vulnerable-customer share come from the interactions in the lake over
the twelve months before the assessment date; data sensitivity from the latest
sharing policy stored for the engagement. Typed-in values are overrides: kept with
who set them, when and why, and shown beside the measured value.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import ibis

from fairshore.adapters.db import privacy_repository as privacy_repo
from fairshore.adapters.db import repositories as entity_repo
from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError
from fairshore.metrics.periods import Period, month_of, period_between
from fairshore.vetting import criticality
from fairshore.vetting.criticality import Criticality, CriticalityOverride, MeasuredInputs

WINDOW_MONTHS = 12


def measure_inputs(ws: Workspace, engagement_id: str, *, as_of: date) -> MeasuredInputs:
    """Monthly volume and vulnerable share from the lake, data sensitivity from the policy."""
    # The twelve months ending with the day assessed (month_of(as_of) is the twelfth).
    window = period_between(month_of(as_of).shift(1 - WINDOW_MONTHS).start, as_of)
    volume, share, said = _from_lake(ws, engagement_id, window)
    sensitivity, why = _from_policy(ws, engagement_id)
    if why:
        said["data_sensitivity"] = why
    return MeasuredInputs(
        monthly_volume=volume, vulnerable_share=share, data_sensitivity=sensitivity, sources=said
    )


def _from_lake(
    ws: Workspace, engagement_id: str, window: Period
) -> tuple[int | None, Decimal | None, dict[criticality.Dimension, str]]:
    lake = ws.lake_reader
    if not lake.has_rows("interactions", engagement_id):
        return None, None, {}
    t = lake.table("interactions", engagement_id)
    t = t.filter(
        (t.arrived_at >= ibis.literal(window.start_at))
        & (t.arrived_at < ibis.literal(window.end_at))
    )
    month = t.arrived_at.truncate("M")
    seg = [c for c in criticality.VULNERABLE_SEGMENTS if c in t.columns]
    row = _aggregate(t, month, seg)
    said: dict[criticality.Dimension, str] = {}
    volume = None
    if row["months"]:
        volume = round(row["contacts"] / row["months"])
        said["monthly_volume"] = (
            f"measured: {row['contacts']:,} contacts in {row['months']} month(s) "
            f"with contacts, {window.label}"
        )
    share = None
    if seg and row["known"]:
        share = (Decimal(row["vulnerable"]) / Decimal(row["known"])).quantize(Decimal("0.0001"))
        said["vulnerable_share"] = (
            f"measured: {row['vulnerable']:,} of {row['known']:,} contacts with {seg[0]} "
            f"known are in a vulnerable segment, {window.label}"
        )
    return volume, share, said


def _aggregate(t: Any, month: Any, seg: list[str]) -> dict[str, int]:
    metrics = {"contacts": t.count(), "months": month.nunique()}
    if seg:
        col = t[seg[0]].cast("string").strip().lower()
        known = col.notnull()
        vulnerable = known & ~col.isin(list(criticality.NOT_VULNERABLE))
        metrics["known"] = known.cast("int64").sum()
        metrics["vulnerable"] = vulnerable.cast("int64").sum()
    out = t.aggregate(**metrics).to_pyarrow().to_pylist()[0]
    return {k: int(v or 0) for k, v in out.items()}


def _from_policy(
    ws: Workspace, engagement_id: str
) -> tuple[criticality.DataSensitivity | None, str]:
    with ws.db.begin() as conn:
        body = privacy_repo.latest_policy(conn, engagement_id)
    if body is None:
        return None, ""
    released: dict[str, list[str]] = {}
    for table, rules in (body.get("tables") or {}).items():
        fields = [f for f, r in (rules.get("fields") or {}).items() if _action(r) != "withhold"]
        if rules.get("default", "withhold") != "withhold":
            fields.append("*")
        released[table] = fields
    level, why = criticality.sensitivity_from_policy(released)
    return level, f"measured: {why} (policy version {body.get('version', 1)})"


def _action(rule: object) -> str:
    """A stored field rule's action (``"share"`` or ``{"action": "share", ...}``)."""
    if isinstance(rule, str):
        return rule
    return str(rule.get("action", "withhold")) if isinstance(rule, dict) else "withhold"


def override_criticality(
    ws: Workspace,
    engagement_id: str,
    *,
    dimension: str,
    value: str,
    set_by: str,
    reason: str,
    now: datetime,
) -> CriticalityOverride:
    """Record a typed-in value for one dimension (who, when, why); it replaces the measure."""
    if dimension not in criticality.DIMENSIONS:
        raise InputError(f"dimension must be one of {', '.join(criticality.DIMENSIONS)}")
    _check_value(dimension, value)
    if not set_by.strip() or not reason.strip():
        raise InputError("an override needs who set it (--actor) and why (--reason)")
    _engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        repo.add_criticality_override(
            conn,
            ws.organisation_id,
            engagement_id=engagement_id,
            dimension=dimension,
            value=value.strip(),
            set_by=set_by.strip(),
            set_at=now,
            reason=reason.strip(),
        )
    return CriticalityOverride(
        dimension=dimension,
        value=value.strip(),
        set_by=set_by.strip(),
        set_at=now,
        reason=reason.strip(),
    )


def _check_value(dimension: str, value: str) -> None:
    if dimension == "data_sensitivity" and value not in criticality.SENSITIVITY_GRADE:
        raise InputError(
            f"data sensitivity must be one of {', '.join(criticality.SENSITIVITY_GRADE)}"
        )
    if dimension == "monthly_volume" and not (value.strip().isdigit()):
        raise InputError(f"monthly volume must be a whole number >= 0, got {value!r}")
    if dimension == "vulnerable_share":
        try:
            share = Decimal(value)
        except ArithmeticError:
            raise InputError(f"vulnerable share must be a number 0..1, got {value!r}") from None
        if not Decimal(0) <= share <= Decimal(1):
            raise InputError(f"vulnerable share must be within 0..1, got {value!r}")


def _engagement(ws: Workspace, engagement_id: str) -> None:
    with ws.db.begin() as conn:
        if entity_repo.get_engagement(conn, ws.organisation_id, engagement_id) is None:
            raise NotFoundError(f"unknown engagement {engagement_id!r}")


def _overrides(ws: Workspace) -> dict[str, list[CriticalityOverride]]:
    with ws.db.begin() as conn:
        rows = repo.list_criticality_overrides(conn, ws.organisation_id)
    out: dict[str, list[CriticalityOverride]] = {}
    for r in rows:
        out.setdefault(r["engagement_id"], []).append(
            CriticalityOverride(
                dimension=r["dimension"],
                value=r["value"],
                set_by=r["set_by"],
                set_at=r["set_at"],
                reason=r["reason"],
            )
        )
    return out


def assess_criticality(ws: Workspace, engagement_id: str, *, as_of: date) -> Criticality:
    """Grade one engagement from what is measured, with its overrides applied and shown."""
    _engagement(ws, engagement_id)
    return criticality.assess_measured(
        engagement_id,
        measure_inputs(ws, engagement_id, as_of=as_of),
        _overrides(ws).get(engagement_id, []),
        assessed_on=as_of,
    )


def list_criticality(ws: Workspace, *, as_of: date) -> list[Criticality]:
    """Every engagement's criticality on ``as_of``, measured, with overrides shown."""
    with ws.db.begin() as conn:
        ids = [e.id for e in entity_repo.list_engagements(conn, ws.organisation_id)]
    overrides = _overrides(ws)
    return [
        criticality.assess_measured(
            eid,
            measure_inputs(ws, eid, as_of=as_of),
            overrides.get(eid, []),
            assessed_on=as_of,
        )
        for eid in sorted(ids)
    ]
