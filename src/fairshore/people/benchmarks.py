"""Pay benchmarks: read the living-wage table, normalise to a month, choose per location.

Rules (see ``docs/people.md``):

* a range ``low-high`` is read whole; comparisons use its **high** end, because the
  national bands span cheap and expensive regions and contact-centre hubs are large
  cities (the top of the band is the nearer figure);
* periods become months with a five-day, 40-hour week: 261 working days a year,
  21.75 days or 174 hours a month, a year divided by 12;
* household totals are never compared with one agent's pay; rows marked obsolete
  ("do not use") are not chosen by default;
* facts by date: a figure is looked up for the year it judges (``ref_year``, the
  year of the pay): the figure of that year, else the latest earlier year with the
  warning "no figure for YEAR", else (only later figures) the earliest later one with
  the same warning; a figure without a year comes last;
* the default living wage is a per-worker *family* living wage when one exists, then
  a single-adult one; user rows take precedence over shipped rows; then verified,
  urban, by year as above, most local;
* where the living wage is below the minimum wage, the minimum wage is the floor.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources

from pydantic import ValidationError

from fairshore import numbers
from fairshore.errors import InputError
from fairshore.people.model import (
    BenchmarkPeriod,
    BenchmarkRow,
    ChosenFigure,
    FloorKind,
    LocationBenchmark,
    Origin,
    RateTable,
)

CSV_COLUMNS = (
    "location",
    "country_iso2",
    "metric",
    "amount",
    "currency",
    "period",
    "year",
    "scope",
    "source",
    "verified",
    "note",
)
WORKDAYS_PER_YEAR = 261  # 52.2 weeks x 5 days
WORKDAYS_PER_MONTH = WORKDAYS_PER_YEAR / 12  # 21.75
HOURS_PER_DAY = 8.0
STANDARD_MONTHLY_HOURS = WORKDAYS_PER_MONTH * HOURS_PER_DAY  # 174.0 (40 h x 52.2 / 12)
STALE_AFTER_YEARS = 3
RANGE_END = "high"

_HOUSEHOLD = re.compile(r"household\s+(need|income|total|net)|not per worker", re.IGNORECASE)
_RURAL = re.compile(r"\brural\b", re.IGNORECASE)
_OBSOLETE = re.compile(r"\bobsolete\b|do not use", re.IGNORECASE)
_SCOPE_RANK = {"city": 0, "region": 1, "country": 2}

KIND_LABELS = {
    "living_wage_family": "per-worker family living wage",
    "living_wage_single": "single-adult living wage",
    "minimum_wage": "statutory minimum wage",
    "bpo_entry_pay": "contact-centre entry pay",
}


def is_household(row: BenchmarkRow) -> bool:
    """True when the row is a household's need, not one worker's wage."""
    return bool(_HOUSEHOLD.search(row.note))


def is_rural(row: BenchmarkRow) -> bool:
    return bool(_RURAL.search(row.note))


def is_obsolete(row: BenchmarkRow) -> bool:
    return bool(_OBSOLETE.search(row.note))


def parse_amount(text: str) -> tuple[float, float]:
    """Read ``"36218.58"`` or a published band ``"15500-22800"`` as (low, high).

    Examples
    --------
    >>> parse_amount("7360-11600")
    (7360.0, 11600.0)
    """
    parts = [p.strip().replace(",", "") for p in text.strip().split("-")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise InputError(f"cannot read amount {text!r}: write a number or low-high") from None
    if len(values) == 1:
        return values[0], values[0]
    if len(values) == 2 and values[0] <= values[1]:
        return values[0], values[1]
    raise InputError(f"cannot read amount {text!r}: a range is written low-high")


def to_monthly(amount: float, period: BenchmarkPeriod) -> tuple[float, str]:
    """An amount per ``period`` as an amount per month, and the assumption used."""
    if period == "month":
        return amount, "as published (per month)"
    if period == "day":
        return amount * WORKDAYS_PER_MONTH, "per day x 21.75 working days (5-day week)"
    if period == "hour":
        return amount * STANDARD_MONTHLY_HOURS, "per hour x 174 h (40 h week, 261 days a year)"
    return amount / 12, "per year / 12"


def parse_rows(text: str, *, origin: Origin = "shipped") -> list[BenchmarkRow]:
    """Read benchmark rows from CSV text with the shipped table's columns."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"benchmark CSV lacks columns: {', '.join(missing)}")
    return [_row(raw, line=i + 2, origin=origin) for i, raw in enumerate(reader)]


def _row(raw: dict[str, str], *, line: int, origin: Origin) -> BenchmarkRow:
    low, high = parse_amount(raw["amount"])
    year = (raw.get("year") or "").strip()
    try:
        return BenchmarkRow(
            location=raw["location"].strip(),
            country_iso2=raw["country_iso2"].strip().upper(),
            metric=raw["metric"].strip(),
            amount_low=low,
            amount_high=high,
            currency=raw["currency"].strip().upper(),
            period=raw["period"].strip(),
            year=int(year) if year else None,
            scope=(raw.get("scope") or "").strip(),
            source=(raw.get("source") or "").strip(),
            verified=(raw.get("verified") or "yes").strip().lower() != "no",
            note=(raw.get("note") or "").strip(),
            origin=origin,
        )
    except (ValidationError, ValueError) as exc:
        raise InputError(f"benchmark CSV line {line}: {exc}") from None


def shipped_rows() -> list[BenchmarkRow]:
    """The benchmark table shipped with Fairshore (``living-wages.csv``)."""
    text = resources.files("fairshore.people").joinpath("data/living-wages.csv").read_text("utf-8")
    return parse_rows(text)


def location_key(name: str) -> str:
    """A location name folded for matching: no accents, no case, no parenthesis."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return plain.split("(")[0].strip().casefold()


def rows_for(rows: Iterable[BenchmarkRow], location: str) -> list[BenchmarkRow]:
    """The rows of one location (user rows replace shipped rows of the same metric group)."""
    key = location_key(location)
    found = [r for r in rows if location_key(r.location) == key]
    users = {_group(r) for r in found if r.origin == "user"}
    return [r for r in found if r.origin == "user" or _group(r) not in users]


def _group(row: BenchmarkRow) -> str:
    return "living_wage" if row.metric.startswith("living_wage") else row.metric


def year_rank(year: int | None, *, ref_year: int) -> tuple[int, int]:
    """Order figures for the year they judge: that year, then earlier, then later, then none.

    Examples
    --------
    >>> sorted([2024, 2026, 2025, None], key=lambda y: year_rank(y, ref_year=2025))
    [2025, 2024, 2026, None]
    """
    if year is None:
        return (2, 0)
    if year <= ref_year:
        return (0, ref_year - year)
    return (1, year - ref_year)


def year_warning(year: int | None, *, ref_year: int) -> str | None:
    """The warning a figure from another year than the judged one carries."""
    if year is None or year == ref_year:
        return None
    if year < ref_year:
        return f"no figure for {ref_year}: falling back to the latest earlier year, {year}"
    return f"no figure for {ref_year} or earlier: the {year} figure is used"


def _figure(row: BenchmarkRow, *, ref_year: int) -> ChosenFigure:
    monthly, conversion = to_monthly(row.amount_high, row.period)
    warnings: list[str] = []
    by_date = year_warning(row.year, ref_year=ref_year)
    if by_date is not None:
        warnings.append(by_date)
    published = (
        f"{_num(row.amount_low)}-{_num(row.amount_high)}" if row.is_range else _num(row.amount_low)
    )
    if row.is_range:
        warnings.append(f"published as a range {published}; the {RANGE_END} end is used")
    if row.year is None:
        warnings.append("year not stated by the source")
    elif ref_year - row.year > STALE_AFTER_YEARS:
        warnings.append(f"stale: from {row.year}, older than {STALE_AFTER_YEARS} years")
    if is_rural(row):
        warnings.append("rural benchmark: understates urban need")
    if is_household(row):
        warnings.append("household total, not one worker's wage")
    if not row.verified:
        warnings.append("not verified in a source")
    return ChosenFigure(
        metric=row.metric,
        kind=KIND_LABELS[row.metric],
        monthly=round(monthly, 2),
        currency=row.currency,
        amount_as_published=f"{published} {row.currency} per {row.period}",
        period=row.period,
        conversion=conversion,
        year=row.year,
        scope=row.scope,
        source=row.source,
        origin=row.origin,
        warnings=warnings,
    )


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _living_rank(
    row: BenchmarkRow, ref_year: int
) -> tuple[bool, bool, bool, bool, tuple[int, int], int]:
    return (
        row.origin != "user",
        not row.verified,
        row.metric != "living_wage_family",
        is_rural(row),
        year_rank(row.year, ref_year=ref_year),
        _SCOPE_RANK.get(row.scope, 3),
    )


def _minimum_rank(
    row: BenchmarkRow, ref_year: int
) -> tuple[bool, bool, tuple[int, int], bool, int]:
    return (
        row.origin != "user",
        not row.verified,
        year_rank(row.year, ref_year=ref_year),
        row.period != "month",
        _SCOPE_RANK.get(row.scope, 3),
    )


def choose_living_wage(rows: Sequence[BenchmarkRow], *, ref_year: int) -> ChosenFigure | None:
    """The default living-wage figure among one location's rows (never a household total)."""
    usable = [
        r
        for r in rows
        if r.metric in ("living_wage_family", "living_wage_single")
        and not is_household(r)
        and not is_obsolete(r)
    ]
    if not usable:
        return None
    return _figure(min(usable, key=lambda r: _living_rank(r, ref_year)), ref_year=ref_year)


def choose_minimum_wage(rows: Sequence[BenchmarkRow], *, ref_year: int) -> ChosenFigure | None:
    usable = [r for r in rows if r.metric == "minimum_wage"]
    if not usable:
        return None
    return _figure(min(usable, key=lambda r: _minimum_rank(r, ref_year)), ref_year=ref_year)


def benchmark_for(
    rows: Iterable[BenchmarkRow],
    location: str,
    *,
    ref_year: int,
    currency: str | None = None,
    rates: RateTable | None = None,
) -> LocationBenchmark:
    """Choose the living wage and minimum wage of ``location`` in the pay ``currency``.

    Parameters
    ----------
    rows
        Shipped and user benchmark rows.
    location
        The site's location, as in the table (accents and parenthesis ignored).
    ref_year
        Year the pay is from; figures older than three years before it are stale.
    currency
        Currency the agents are paid in; figures in another currency are converted
        with ``rates`` or left out with a warning.
    """
    mine = rows_for(rows, location)
    warnings: list[str] = []
    household = [r for r in mine if r.metric.startswith("living_wage") and is_household(r)]
    if household:
        warnings.append(
            f"{len(household)} household living-wage figure(s) not compared with one agent's pay"
        )
    obsolete = [r for r in mine if is_obsolete(r)]
    if obsolete:
        warnings.append(f"{len(obsolete)} figure(s) marked obsolete by their note not used")
    living = _in_currency(choose_living_wage(mine, ref_year=ref_year), currency, rates, warnings)
    minimum = _in_currency(choose_minimum_wage(mine, ref_year=ref_year), currency, rates, warnings)
    if living is None:
        warnings.append(f"no per-worker living wage known for {location!r}")
    if minimum is None:
        warnings.append(f"no minimum wage known for {location!r}")
    floor, kind = _floor(living, minimum, warnings)
    known = living or minimum
    return LocationBenchmark(
        location=location,
        currency=currency or (known.currency if known else None),
        living_wage=living,
        minimum_wage=minimum,
        floor_monthly=floor,
        floor_kind=kind,
        warnings=warnings,
    )


def _floor(
    living: ChosenFigure | None, minimum: ChosenFigure | None, warnings: list[str]
) -> tuple[float | None, FloorKind | None]:
    if living is not None and minimum is not None and living.monthly < minimum.monthly:
        warnings.append(
            f"living wage {living.monthly:,.0f} is below the minimum wage "
            f"{minimum.monthly:,.0f} {minimum.currency}: the minimum wage is the floor"
        )
        return minimum.monthly, "minimum_wage"
    if living is not None:
        return living.monthly, "living_wage"
    return None, None


def _in_currency(
    figure: ChosenFigure | None,
    currency: str | None,
    rates: RateTable | None,
    warnings: list[str],
) -> ChosenFigure | None:
    if figure is None or currency is None or figure.currency == currency:
        return figure
    rate = None if rates is None else rates.rate(figure.currency, currency)
    if rate is None or rates is None:
        warnings.append(
            f"{figure.kind} is in {figure.currency}, pay in {currency}: give a rate table "
            "(--rates) to compare"
        )
        return None
    note = (
        f"converted at {numbers.number(rate)} {currency}/{figure.currency} "
        f"({rates.source}, {rates.as_of})"
    )
    return figure.model_copy(
        update={
            "monthly": round(figure.monthly * rate, 2),
            "currency": currency,
            "conversion": f"{figure.conversion}; {note}",
            "warnings": [*figure.warnings, note],
        }
    )


def parse_rates(text: str) -> RateTable:
    """Read a rate table CSV: ``from,to,rate,as_of,source`` (one as_of date for the table)."""
    reader = csv.DictReader(io.StringIO(text))
    need = {"from", "to", "rate", "as_of", "source"}
    if not need <= set(reader.fieldnames or []):
        raise InputError(f"rate table needs columns {', '.join(sorted(need))}")
    rows = list(reader)
    dates = {r["as_of"].strip() for r in rows}
    if len(dates) != 1:
        raise InputError("a rate table holds rates of one date (as_of): split it per date")
    try:
        rates = {
            f"{r['from'].strip().upper()}/{r['to'].strip().upper()}": float(r["rate"]) for r in rows
        }
        return RateTable.model_validate(
            {"as_of": dates.pop(), "source": rows[0]["source"].strip(), "rates": rates}
        )
    except (ValueError, ValidationError) as exc:
        raise InputError(f"invalid rate table: {exc}") from None
