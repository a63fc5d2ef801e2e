"""``fairshore vendor|site|engagement``: the parties of an engagement."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from fairshore.engagements import services
from fairshore.engagements.model import REGIMES
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.privacy.incidents import window_text
from fairshore.privacy.regimes import PROFILES, NoticeRule, parse_regimes

vendor_app = typer.Typer(help="Contact-centre vendors (BPOs).", no_args_is_help=True)
site_app = typer.Typer(help="Vendors' delivery sites.", no_args_is_help=True)
engagement_app = typer.Typer(
    help="Engagements: a vendor serving your customers.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(vendor_app, name="vendor")
    app.add_typer(site_app, name="site")
    app.add_typer(engagement_app, name="engagement")
    from fairshore.entrypoints.cli import owners  # noqa: F401  (adds ``engagement owner``)


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@vendor_app.command("add")
def vendor_add(
    ctx: typer.Context,
    vendor_id: Annotated[str, typer.Argument(help="Stable id, e.g. northwind-bpo.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    country: Annotated[str | None, typer.Option(help="Headquarters, ISO 3166 alpha-2.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Register a vendor."""
    vendor = services.add_vendor(
        state(ctx).workspace(), id=vendor_id, name=name, country_iso2=country
    )
    if as_json:
        print_json(vendor)
    else:
        console.print(f"Vendor [bold]{vendor.id}[/bold] added.")


@vendor_app.command("list")
def vendor_list(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List vendors."""
    vendors = services.list_vendors(state(ctx).workspace())
    if as_json:
        print_json([v.model_dump() for v in vendors])
    else:
        print_table("Vendors", [v.model_dump() for v in vendors])


@site_app.command("add")
def site_add(
    ctx: typer.Context,
    site_id: Annotated[str, typer.Argument(help="Stable id, e.g. northwind-mnl.")],
    vendor: Annotated[str, typer.Option(help="Vendor id.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    location: Annotated[str, typer.Option(help="City, as in the living-wage table.")],
    country: Annotated[str, typer.Option(help="ISO 3166 alpha-2.")],
    timezone: Annotated[str, typer.Option(help="IANA timezone, e.g. Asia/Manila.")],
    currency: Annotated[str, typer.Option(help="ISO 4217 pay currency, e.g. PHP.")],
    as_json: bool = JsonOption,
) -> None:
    """Register a vendor's delivery site."""
    site = services.add_site(
        state(ctx).workspace(),
        id=site_id,
        vendor_id=vendor,
        name=name,
        location=location,
        country_iso2=country,
        timezone=timezone,
        currency=currency,
    )
    if as_json:
        print_json(site)
    else:
        console.print(f"Site [bold]{site.id}[/bold] added to {site.vendor_id}.")


@site_app.command("list")
def site_list(
    ctx: typer.Context,
    vendor: Annotated[str | None, typer.Option(help="Only this vendor's sites.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List sites."""
    sites = services.list_sites(state(ctx).workspace(), vendor)
    rows = [s.model_dump() for s in sites]
    if as_json:
        print_json(rows)
    else:
        print_table("Sites", rows)


def _hours(value: str | None) -> dict[str, dict[str, str]] | None:
    """Parse 'mon-fri 08:00-20:00; sat 09:00-13:00' into opening hours per weekday."""
    if not value:
        return None
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    result: dict[str, dict[str, str]] = {}
    for part in value.split(";"):
        try:
            span, hours = part.split()
            first, _, last = span.partition("-")
            opens, closes = hours.split("-")
            i, j = days.index(first), days.index(last or first)
        except ValueError:
            raise InputError(
                f"cannot read business hours {part.strip()!r}: write e.g. "
                "'mon-fri 08:00-20:00; sat 09:00-13:00'"
            ) from None
        closes = "23:59:59" if closes == "24:00" else closes
        for day in days[i : j + 1]:
            result[day] = {"open": opens, "close": closes}
    return result


RegimesOpt = Annotated[
    str | None,
    typer.Option(
        help=f"Data-protection regimes it falls under, comma list: {', '.join(REGIMES)} "
        "(sets the breach clocks and sharing rules; none recorded: GDPR assumed)."
    ),
]


@engagement_app.command("add")
def engagement_add(
    ctx: typer.Context,
    engagement_id: Annotated[str, typer.Argument(help="Stable id, e.g. telco-mnl.")],
    vendor: Annotated[str, typer.Option(help="Vendor id.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    timezone: Annotated[str, typer.Option(help="IANA timezone the vendor reports in.")],
    channels: Annotated[str, typer.Option(help="Comma list: voice,chat,email ...")],
    languages: Annotated[str, typer.Option(help="Comma list of BCP 47 tags: en,es.")],
    sites: Annotated[str | None, typer.Option(help="Comma list of the vendor's site ids.")] = None,
    segments: Annotated[
        str | None, typer.Option(help="Segment columns reported: seg_region,seg_tier.")
    ] = None,
    business_hours: Annotated[
        str | None,
        typer.Option(help="e.g. 'mon-fri 08:00-20:00; sat 09:00-13:00' (default: always)."),
    ] = None,
    holidays: Annotated[str | None, typer.Option(help="Comma list of ISO dates.")] = None,
    regimes: RegimesOpt = None,
    as_json: bool = JsonOption,
) -> None:
    """Register an engagement: a vendor, its sites, channels, languages and hours."""
    data: dict[str, object] = {
        "id": engagement_id,
        "vendor_id": vendor,
        "name": name,
        "timezone": timezone,
        "channels": _csv(channels),
        "languages": _csv(languages),
        "site_ids": _csv(sites),
        "segment_columns": _csv(segments),
        "regimes": parse_regimes(regimes),
    }
    hours = _hours(business_hours)
    if hours is not None:
        data["business_hours"] = hours
    try:
        data["holidays"] = [date.fromisoformat(d) for d in _csv(holidays)]
    except ValueError as exc:
        raise InputError(f"invalid holiday date: {exc}") from None
    engagement = services.add_engagement(state(ctx).workspace(), **data)
    if as_json:
        print_json(engagement)
    else:
        console.print(f"Engagement [bold]{engagement.id}[/bold] added.")


@engagement_app.command("list")
def engagement_list(
    ctx: typer.Context,
    vendor: Annotated[str | None, typer.Option(help="Only this vendor's engagements.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List engagements."""
    engagements = services.list_engagements(state(ctx).workspace(), vendor)
    if as_json:
        print_json([e.model_dump(mode="json") for e in engagements])
        return
    rows = [
        e.model_dump(
            include={
                "id",
                "vendor_id",
                "name",
                "timezone",
                "channels",
                "languages",
                "site_ids",
                "regimes",
            }
        )
        for e in engagements
    ]
    print_table("Engagements", rows)


@engagement_app.command("update")
def engagement_update(
    ctx: typer.Context,
    engagement_id: Annotated[str, typer.Argument(help="Engagement id.")],
    regimes: Annotated[
        str,
        typer.Option(
            help=f"Regimes it falls under, comma list: {', '.join(REGIMES)}; '' clears them."
        ),
    ],
    as_json: bool = JsonOption,
) -> None:
    """Change an engagement's data-protection regimes."""
    engagement = services.set_regimes(state(ctx).workspace(), engagement_id, parse_regimes(regimes))
    if as_json:
        print_json(engagement)
    else:
        named = ", ".join(engagement.regimes) or "none (GDPR assumed)"
        console.print(f"Engagement [bold]{engagement.id}[/bold]: regimes {named}.")


def _notice(rule: NoticeRule) -> str:
    if rule.annual_log:
        within = "annual log, 60 days after the year ends"
    elif rule.window_hours is not None:
        within = window_text(rule.window_hours)
    else:
        within = "without undue delay"
    when = "" if rule.when == "always" else f", if {rule.when.replace('_', ' ')}"
    return f"{rule.audience}: {within}{when} ({rule.basis})"


@engagement_app.command("regimes")
def engagement_regimes(as_json: bool = JsonOption) -> None:
    """The regulation profiles: who must be told of a breach, when, and the data rules."""
    rows = [
        {
            "regime": p.id,
            "name": p.name,
            "notices": "; ".join(_notice(n) for n in p.notices),
            "sale_or_share": "forbidden" if p.sale_or_share_forbidden else "",
            "transfers": p.transfers,
            "retention": p.retention,
        }
        for p in PROFILES.values()
    ]
    if as_json:
        print_json(rows)
    else:
        print_table("Regulation profiles", rows)
