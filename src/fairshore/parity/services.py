"""Use cases of the parity capability: load the lake table, audit, return typed results."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError, NotFoundError
from fairshore.metrics.periods import Period
from fairshore.parity.audit import run_audits
from fairshore.parity.model import AuditOptions, ParityAudit, RoutingAudit, RoutingOptions
from fairshore.parity.routing import read_table_file, run_routing
from fairshore.parity.tone import attach_replies

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace


def interactions_table(ws: Workspace, engagement_id: str) -> ir.Table:
    """The engagement's interactions from the lake; ``NotFoundError`` when none were ingested."""
    lake = ws.lake_reader
    if not lake.has_rows("interactions", engagement_id):
        raise NotFoundError(
            f"no interactions ingested for engagement {engagement_id!r}: "
            f"run 'fairshore ingest interactions FILE --engagement {engagement_id}' first"
        )
    return lake.table("interactions", engagement_id)


def engagement_utc_offset(ws: Workspace, engagement_id: str, *, on: date | None) -> float | None:
    """The registered engagement's UTC offset in hours on a day (None when not registered)."""
    try:
        engagement = get_engagement(ws, engagement_id)
    except NotFoundError:
        return None
    day = on or ws.today()
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(engagement.timezone))
    offset = moment.utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def audit_parity(
    ws: Workspace,
    *,
    engagement_id: str,
    by: str,
    period: Period | None = None,
    options: AuditOptions | None = None,
    replies: Path | None = None,
) -> ParityAudit:
    """Audit fairness of service of one engagement along the segment column ``by``.

    Parameters
    ----------
    by:
        ``language``, ``channel``, ``seg_region``, ``seg_tier``, ``seg_accessibility``
        or any declared ``seg_*`` column.
    period:
        The period audited (all data if None).
    options:
        Outcomes, controls, thresholds; see ``AuditOptions`` for the defaults.
    replies:
        Agent replies in a separate CSV or Parquet file (``interaction_id``,
        ``reply_text``), scored for ``tone_positive``; else the column ``reply_text``.

    Examples
    --------
    >>> audit = audit_parity(ws, engagement_id="telco-krk", by="language")  # doctest: +SKIP
    >>> [f.title for f in audit.findings]  # doctest: +SKIP
    """
    return audit_parity_many(
        ws, engagement_id=engagement_id, by=(by,), period=period, options=options, replies=replies
    )[0]


def audit_parity_many(
    ws: Workspace,
    *,
    engagement_id: str,
    by: tuple[str, ...],
    period: Period | None = None,
    options: AuditOptions | None = None,
    replies: Path | None = None,
) -> list[ParityAudit]:
    """Audit several segment columns at once: one audit each, the engine scans shared.

    Examples
    --------
    >>> audits = audit_parity_many(  # doctest: +SKIP
    ...     ws, engagement_id="telco-krk", by=("language", "seg_region", "seg_accessibility")
    ... )
    """
    options = options or AuditOptions()
    if period is not None:
        options = replace(options, period=period)
    if not by:
        raise InputError("name at least one segment column to audit, e.g. --by language")
    offset = engagement_utc_offset(ws, engagement_id, on=period.start if period else None)
    if offset is not None and options.utc_offset_hours == 0.0:
        options = replace(options, utc_offset_hours=offset)
    table = interactions_table(ws, engagement_id)
    if replies is not None:
        table = attach_replies(table, read_table_file(replies, what="replies"))
    return run_audits(
        table,
        engagement_id=engagement_id,
        dimensions=by,
        options=options,
        period=period.label if period else None,
    )


def audit_routing(
    ws: Workspace,
    *,
    engagement_id: str,
    protected: tuple[str, ...],
    decisions: Path | None = None,
    options: RoutingOptions | None = None,
) -> RoutingAudit:
    """Does a protected attribute, or a proxy of it, predict routing beyond legitimate factors?

    Routing decisions come from ``decisions`` (CSV or Parquet: one row per interaction
    with the routed queue or skill and the features the router saw) or, without it,
    from the engagement's interactions (the ``queue`` column is the routing outcome).
    """
    options = options or RoutingOptions()
    if decisions is not None:
        return run_routing(
            read_table_file(decisions, what="routing decisions"),
            engagement_id=engagement_id,
            protected=protected,
            options=options,
        )
    table = interactions_table(ws, engagement_id)
    return run_routing(table, engagement_id=engagement_id, protected=protected, options=options)
