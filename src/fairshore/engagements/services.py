"""Use cases for vendors, sites and engagements: validate, check references, save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import ValidationError

from fairshore.adapters.db import repositories as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement, Site, Vendor
from fairshore.errors import ConflictError, InputError, NotFoundError


def validation_message(exc: ValidationError) -> str:
    """A pydantic error as one line a user can act on."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "value"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


M = TypeVar("M", Vendor, Site, Engagement)


def _build(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"invalid {model.__name__.lower()}: {validation_message(exc)}") from None


def add_vendor(ws: Workspace, **data: Any) -> Vendor:
    """Register a vendor; its id must be new."""
    vendor = _build(Vendor, data)
    with ws.db.begin() as conn:
        if repo.vendor_exists(conn, vendor.id):
            raise ConflictError(f"vendor {vendor.id!r} already exists")
        repo.insert_vendor(conn, ws.organisation_id, vendor)
    return vendor


def list_vendors(ws: Workspace) -> list[Vendor]:
    with ws.db.begin() as conn:
        return repo.list_vendors(conn, ws.organisation_id)


def add_site(ws: Workspace, **data: Any) -> Site:
    """Register a delivery site of a known vendor."""
    site = _build(Site, data)
    with ws.db.begin() as conn:
        if repo.get_vendor(conn, ws.organisation_id, site.vendor_id) is None:
            raise NotFoundError(
                f"unknown vendor {site.vendor_id!r}: add it with 'fairshore vendor add'"
            )
        if repo.site_exists(conn, site.id):
            raise ConflictError(f"site {site.id!r} already exists")
        repo.insert_site(conn, site)
    return site


def list_sites(ws: Workspace, vendor_id: str | None = None) -> list[Site]:
    with ws.db.begin() as conn:
        return repo.list_sites(conn, ws.organisation_id, vendor_id)


def add_engagement(ws: Workspace, **data: Any) -> Engagement:
    """Register an engagement binding a known vendor and its known sites."""
    engagement = _build(Engagement, data)
    with ws.db.begin() as conn:
        if repo.get_vendor(conn, ws.organisation_id, engagement.vendor_id) is None:
            raise NotFoundError(
                f"unknown vendor {engagement.vendor_id!r}: add it with 'fairshore vendor add'"
            )
        known = {s.id for s in repo.list_sites(conn, ws.organisation_id, engagement.vendor_id)}
        missing = [s for s in engagement.site_ids if s not in known]
        if missing:
            raise NotFoundError(
                f"sites {', '.join(missing)} are not sites of vendor {engagement.vendor_id!r}"
            )
        if repo.engagement_exists(conn, engagement.id):
            raise ConflictError(f"engagement {engagement.id!r} already exists")
        repo.insert_engagement(conn, ws.organisation_id, engagement)
    return engagement


def get_engagement(ws: Workspace, engagement_id: str) -> Engagement:
    """One engagement of this organisation, or ``NotFoundError``."""
    with ws.db.begin() as conn:
        found = repo.get_engagement(conn, ws.organisation_id, engagement_id)
    if found is None:
        raise NotFoundError(
            f"unknown engagement {engagement_id!r} (see 'fairshore engagement list')"
        )
    return found


def list_engagements(ws: Workspace, vendor_id: str | None = None) -> list[Engagement]:
    with ws.db.begin() as conn:
        return repo.list_engagements(conn, ws.organisation_id, vendor_id)


def set_regimes(ws: Workspace, engagement_id: str, regimes: Sequence[str]) -> Engagement:
    """Record the data-protection regimes the engagement falls under (replacing any).

    An empty list clears them: incidents then run the GDPR clocks, as assumed before.
    """
    current = get_engagement(ws, engagement_id)
    updated = _build(Engagement, {**current.model_dump(), "regimes": regimes})
    with ws.db.begin() as conn:
        repo.set_engagement_regimes(conn, ws.organisation_id, engagement_id, updated.regimes)
    return updated
