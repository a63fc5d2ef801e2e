"""Use cases of metered energy: import a vendor's readings, measure energy per contact."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fairshore.adapters.db import energy_repository as erepo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_sites
from fairshore.errors import InputError
from fairshore.vetting.energy import EnergyReading, parse_energy_csv


@dataclass(frozen=True)
class EnergyImport:
    """What an import did: rows read = accepted + rejected, each rejection with its line."""

    source: str
    read: int
    accepted: int
    rejected: list[str]


def import_energy(ws: Workspace, path: Path) -> EnergyImport:
    """Load a readings CSV; rows of sites this organisation does not know are rejected."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    try:
        parsed = parse_energy_csv(text)
    except ValueError as exc:
        raise InputError(f"{path.name}: {exc}") from None
    known = {s.id for s in list_sites(ws)}
    good: list[EnergyReading] = []
    rejected = list(parsed.rejected)
    for r in parsed.readings:
        if r.site_id in known:
            good.append(r)
        else:
            rejected.append(f"site {r.site_id!r} ({r.month}): not a site of yours")
    with ws.db.begin() as conn:
        erepo.save_readings(conn, ws.organisation_id, good)
    return EnergyImport(path.name, parsed.read, len(good), rejected)


def list_energy(ws: Workspace, site_ids: list[str] | None = None) -> list[EnergyReading]:
    """Stored readings, by site and month."""
    with ws.db.begin() as conn:
        return erepo.list_readings(conn, ws.organisation_id, site_ids)
