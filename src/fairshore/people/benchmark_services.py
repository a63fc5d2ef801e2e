"""Use cases of living-wage and minimum-wage benchmarks: the shipped table, the
organisation's own rows, exchange rates, and the benchmark of each site."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from fairshore.adapters.db import people_repository as repo
from fairshore.engagements.model import Site
from fairshore.errors import InputError
from fairshore.people import benchmarks as bm
from fairshore.people.model import BenchmarkRow, LocationBenchmark, RateTable
from fairshore.people.sources import today_utc

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


def benchmark_rows(ws: Workspace) -> list[BenchmarkRow]:
    """Shipped rows and the organisation's own rows (which take precedence)."""
    with ws.db.begin() as conn:
        stored = repo.list_benchmark_rows(conn, ws.organisation_id)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=bm.CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in stored:
        writer.writerow(
            {**row, "verified": "yes" if row["verified"] else "no", "year": row["year"] or ""}
        )
    return [*bm.shipped_rows(), *bm.parse_rows(text.getvalue(), origin="user")]


def add_benchmarks(ws: Workspace, path: Path) -> list[BenchmarkRow]:
    """Store a user's benchmark CSV (same columns as the shipped table); all or nothing."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    rows = bm.parse_rows(text, origin="user")
    if not rows:
        raise InputError(f"{path} holds no benchmark rows")
    raw = list(csv.DictReader(io.StringIO(text)))
    stored = [
        {
            "location": r.location,
            "country_iso2": r.country_iso2,
            "metric": r.metric,
            "amount": raw[i]["amount"].strip(),
            "currency": r.currency,
            "period": r.period,
            "year": r.year,
            "scope": r.scope,
            "source": r.source,
            "verified": r.verified,
            "note": r.note,
        }
        for i, r in enumerate(rows)
    ]
    with ws.db.begin() as conn:
        repo.insert_benchmark_rows(conn, ws.organisation_id, stored, added_on=today_utc())
    return rows


def location_benchmark(
    ws: Workspace,
    location: str,
    *,
    ref_year: int,
    currency: str | None = None,
    rates: RateTable | None = None,
) -> LocationBenchmark:
    """The chosen living wage, minimum wage and floor of one location."""
    return bm.benchmark_for(
        benchmark_rows(ws), location, ref_year=ref_year, currency=currency, rates=rates
    )


def list_benchmarks(ws: Workspace, *, ref_year: int | None = None) -> list[LocationBenchmark]:
    """The default benchmark of every known location."""
    rows = benchmark_rows(ws)
    year = ref_year or ws.today().year
    names: dict[str, str] = {}
    for r in rows:
        names.setdefault(bm.location_key(r.location), r.location)
    return [bm.benchmark_for(rows, n, ref_year=year) for n in sorted(names.values())]


def load_rates(path: Path) -> RateTable:
    """A stated exchange-rate table from CSV (``from,to,rate,as_of,source``)."""
    try:
        return bm.parse_rates(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def site_benchmarks(
    ws: Workspace, sites: list[Site], *, year: int, rates: RateTable | None
) -> dict[str, LocationBenchmark]:
    rows = benchmark_rows(ws)
    return {
        s.id: bm.benchmark_for(rows, s.location, ref_year=year, currency=s.currency, rates=rates)
        for s in sites
    }
