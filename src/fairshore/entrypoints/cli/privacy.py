"""``fairshore privacy``: share, check, redact, incidents and access anomalies.

The use cases are imported inside each command: they load Presidio, spaCy and pandas,
which every other ``fairshore`` command should not wait for.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, period_from_option, state
from fairshore.entrypoints.cli.incident_clocks import (
    NoticesOpt,
    RegionsOpt,
    clock_rows,
    parse_notices,
    parse_regions,
)
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.errors import InputError
from fairshore.privacy.model import AnomalyThresholds, IncidentFields

privacy_app = typer.Typer(
    help="Data protection: minimised sharing, redaction, breach clocks, access anomalies.",
    no_args_is_help=True,
)
incident_app = typer.Typer(
    help="Personal-data breach incidents and their clocks.", no_args_is_help=True
)

EngagementOpt = Annotated[str, typer.Option("--engagement", "-e", help="Engagement id.")]
PolicyOpt = Annotated[Path, typer.Option("--policy", help="Sharing policy YAML.")]


def register(app: typer.Typer) -> None:
    privacy_app.add_typer(incident_app, name="incident")
    app.add_typer(privacy_app, name="privacy")


@privacy_app.command("share")
def share(
    ctx: typer.Context,
    engagement: EngagementOpt,
    policy: PolicyOpt,
    out: Annotated[Path, typer.Option("--out", help="Folder for the extract and manifest.")],
    as_json: bool = JsonOption,
) -> None:
    """Write the minimised extract a vendor should receive, with its manifest."""
    from fairshore.privacy import services

    manifest = services.share_extract(
        state(ctx).workspace(), engagement_id=engagement, policy_path=policy, out_dir=out
    )
    if as_json:
        print_json(manifest)
        return
    print_table(
        f"Extract for {engagement} -> {out}",
        [t.model_dump() for t in manifest.transforms],
        ["table", "field", "action", "detail", "reason"],
    )
    rows = ", ".join(f"{k}: {v:,}" for k, v in manifest.tables.items())
    console.print(
        f"Rows {rows}; delete by {manifest.delete_by:%Y-%m-%d}; "
        f"processing in {', '.join(manifest.processing_locations)}; key {manifest.key_id}."
    )


@privacy_app.command("check")
def check(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="File received from the vendor.")],
    engagement: EngagementOpt,
    policy: PolicyOpt,
    table: Annotated[str | None, typer.Option(help="Canonical table (guessed if omitted).")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Check a received file for withheld fields and personal data in text (exit 1 if any)."""
    from fairshore.privacy import services

    report = services.check_inbound(
        state(ctx).workspace(), path=file, engagement_id=engagement, policy_path=policy, table=table
    )
    if as_json:
        print_json(
            {
                **report.model_dump(mode="json"),
                "ok": report.ok,
                "governance_findings": services.check_findings(report),
            }
        )
    elif report.ok:
        console.print(f"{file.name}: {report.rows:,} rows, nothing the policy forbids.")
    else:
        print_table(
            f"{file.name} ({report.table or 'unknown table'}, {report.rows:,} rows)",
            [f.model_dump() for f in report.findings],
            ["kind", "field", "rows", "entities", "detail"],
        )
    if not report.ok:
        raise typer.Exit(1)


@privacy_app.command("redact")
def redact(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV, JSONL or Parquet file.")],
    column: Annotated[str, typer.Option(help="Text column to redact.")] = "text",
    operator: Annotated[
        str, typer.Option(help="redact, mask, keyed_hash or pseudonym.")
    ] = "redact",
    out: Annotated[
        Path | None, typer.Option(help="Output file (default FILE.redacted.EXT).")
    ] = None,
    known_column: Annotated[
        list[str] | None,
        typer.Option(help="Column whose value is redacted where it appears in the text."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Redact personal data in a text column, streaming the file in chunks."""
    from fairshore.privacy import services

    summary = services.redact_file(
        state(ctx).workspace(),
        path=file,
        column=column,
        operator_name=operator,
        out=out,
        known_columns=known_column,
    )
    if as_json:
        print_json(summary)
        return
    console.print(f"{summary.rows:,} rows, {summary.rows_changed:,} changed -> {summary.output}")
    print_table("Replaced", [{"entity": k, "count": v} for k, v in summary.entities.items()])


def _time(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{name}: {value!r} is not an ISO time (2026-05-12T09:00:00+08:00)"
        ) from None


def _fields(**kwargs: Any) -> IncidentFields:
    data = {k: v for k, v in kwargs.items() if v is not None}
    for key in [k for k in data if k.endswith("_at")]:
        data[key] = _time(data[key], "--" + key.replace("_", "-"))
    if isinstance(data.get("categories"), str):
        data["categories"] = [c.strip() for c in data["categories"].split(",") if c.strip()]
    try:
        return IncidentFields.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"--{'.'.join(map(str, e['loc'])).replace('_', '-').replace('notices', 'notified')}: "
            f"{e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise InputError(problems) from None


DetectedOpt = Annotated[str | None, typer.Option(help="When the breach was detected (ISO time).")]
AwareOpt = Annotated[str | None, typer.Option(help="When the vendor became aware.")]
ClientOpt = Annotated[str | None, typer.Option(help="When the vendor notified the client.")]
AuthorityOpt = Annotated[str | None, typer.Option(help="When the authority was notified.")]
NoticeOpt = Annotated[
    str | None,
    typer.Option(
        help="Your GDPR Art. 33 assessment: required, or not_required (the breach is "
        "unlikely to result in a risk to people; the 72-hour clock then does not run)."
    ),
]
SubjectsOpt = Annotated[str | None, typer.Option(help="When data subjects were notified.")]
RecordsOpt = Annotated[int | None, typer.Option("--records", help="Records affected.")]
CategoriesOpt = Annotated[str | None, typer.Option(help="Data categories, comma-separated.")]
SeverityOpt = Annotated[str | None, typer.Option(help="critical, high, medium or low.")]
StatusOpt = Annotated[str | None, typer.Option(help="open, contained or closed.")]
TextOpt = Annotated[str | None, typer.Option()]


def _view_rows(views: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for v in views:
        inc = v.incident
        regimes = ", ".join(v.regimes) + (" (assumed)" if v.regimes_assumed else "")
        row: dict[str, Any] = {
            "id": inc.id,
            "engagement": inc.engagement_id,
            "regimes": regimes,
            "status": inc.status,
            "records": inc.records_affected,
        }
        rows.append(row)
    return rows


@incident_app.command("add")
def incident_add(
    ctx: typer.Context,
    engagement: EngagementOpt,
    detected_at: DetectedOpt = None,
    vendor_aware_at: AwareOpt = None,
    client_notified_at: ClientOpt = None,
    authority_notified_at: AuthorityOpt = None,
    authority_notification: NoticeOpt = None,
    subjects_notified_at: SubjectsOpt = None,
    records_affected: RecordsOpt = None,
    affected_by_region: RegionsOpt = None,
    notified: NoticesOpt = None,
    categories: CategoriesOpt = None,
    severity: SeverityOpt = None,
    status: StatusOpt = None,
    description: TextOpt = None,
    root_cause: TextOpt = None,
    corrective_action: TextOpt = None,
    as_json: bool = JsonOption,
) -> None:
    """Register a personal-data breach at the engagement's vendor."""
    from fairshore.privacy import services

    fields = _fields(
        detected_at=detected_at,
        vendor_aware_at=vendor_aware_at,
        client_notified_at=client_notified_at,
        authority_notified_at=authority_notified_at,
        authority_notification=authority_notification,
        subjects_notified_at=subjects_notified_at,
        records_affected=records_affected,
        affected_by_region=parse_regions(affected_by_region),
        notices=parse_notices(notified),
        categories=categories,
        severity=severity,
        status=status,
        description=description,
        root_cause=root_cause,
        corrective_action=corrective_action,
    )
    incident = services.add_incident(
        state(ctx).workspace(), engagement_id=engagement, fields=fields
    )
    if as_json:
        print_json(incident)
    else:
        console.print(f"Incident [bold]{incident.id}[/bold] registered for {engagement}.")


@incident_app.command("update")
def incident_update(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    detected_at: DetectedOpt = None,
    vendor_aware_at: AwareOpt = None,
    client_notified_at: ClientOpt = None,
    authority_notified_at: AuthorityOpt = None,
    authority_notification: NoticeOpt = None,
    subjects_notified_at: SubjectsOpt = None,
    records_affected: RecordsOpt = None,
    affected_by_region: RegionsOpt = None,
    notified: NoticesOpt = None,
    categories: CategoriesOpt = None,
    severity: SeverityOpt = None,
    status: StatusOpt = None,
    description: TextOpt = None,
    root_cause: TextOpt = None,
    corrective_action: TextOpt = None,
    as_json: bool = JsonOption,
) -> None:
    """Change an incident (only the options given)."""
    from fairshore.privacy import services

    fields = _fields(
        detected_at=detected_at,
        vendor_aware_at=vendor_aware_at,
        client_notified_at=client_notified_at,
        authority_notified_at=authority_notified_at,
        authority_notification=authority_notification,
        subjects_notified_at=subjects_notified_at,
        records_affected=records_affected,
        affected_by_region=parse_regions(affected_by_region),
        notices=parse_notices(notified),
        categories=categories,
        severity=severity,
        status=status,
        description=description,
        root_cause=root_cause,
        corrective_action=corrective_action,
    )
    incident = services.update_incident(state(ctx).workspace(), incident_id, fields=fields)
    if as_json:
        print_json(incident)
    else:
        console.print(f"Incident [bold]{incident.id}[/bold] updated.")


@incident_app.command("list")
def incident_list(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option("--engagement", "-e")] = None,
    as_of: Annotated[str | None, typer.Option(help="Clocks as of this time (default now).")] = None,
    vendor_window_hours: Annotated[
        float | None,
        typer.Option(
            help="Vendor-to-client window in hours (default: the contract's "
            "breach_notification_hours, 24 without one)."
        ),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Incidents with their notification clocks and overdue findings."""
    from fairshore.privacy import services

    ws = state(ctx).workspace()
    moment = _time(as_of, "--as-of")
    views = services.list_incidents(
        ws, engagement_id=engagement, as_of=moment, vendor_window_hours=vendor_window_hours
    )
    findings = services.incident_findings(
        ws, engagement_id=engagement, as_of=moment, vendor_window_hours=vendor_window_hours
    )
    if as_json:
        print_json({"incidents": views, "findings": findings})
        return
    print_table("Incidents", _view_rows(views))
    print_table("Notification clocks", clock_rows(views))
    print_table("Findings", [f.model_dump() for f in findings], ["severity", "title", "detail"])


@incident_app.command("import")
def incident_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="incidents.json (demo format).")],
    as_json: bool = JsonOption,
) -> None:
    """Import incidents from a JSON file (idempotent)."""
    from fairshore.privacy import services

    report = services.import_incidents(state(ctx).workspace(), file)
    if as_json:
        print_json(report)
        return
    console.print(
        f"{len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.skipped)} skipped."
    )
    for line in report.skipped:
        console.print(f"  skipped {line}")


def _thresholds(pairs: list[str] | None) -> AnomalyThresholds:
    data: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputError(f"--threshold {pair!r}: write NAME=VALUE, e.g. bulk_min_records=1000")
        data[name.strip()] = value.strip()
    try:
        return AnomalyThresholds.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            "; ".join(f"--threshold {e['loc'][0]}: {e['msg']}" for e in exc.errors())
            + f" (known: {', '.join(AnomalyThresholds.model_fields)})"
        ) from None


@privacy_app.command("anomalies")
def anomalies(
    ctx: typer.Context,
    engagement: EngagementOpt,
    period: Annotated[str | None, PeriodOption] = None,
    threshold: Annotated[
        list[str] | None, typer.Option(help="Override a threshold: NAME=VALUE (repeatable).")
    ] = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Flag suspicious access to customer records by the vendor's agents; each agent's
    kind of flag is one finding in the register, each flagged day an occurrence."""
    from fairshore.privacy import services

    ws = state(ctx).workspace()
    report = services.detect_access_anomalies(
        ws,
        engagement_id=engagement,
        period=period_from_option(period),
        thresholds=_thresholds(threshold),
    )
    record_detected(ws, report.findings, record=record, quiet=as_json)
    if as_json:
        print_json(report)
        return
    console.print(f"{report.events:,} access events by {report.agents} agents.")
    print_table(
        "Access anomalies",
        [f.model_dump() for f in report.flags],
        ["day", "agent_ref", "kind", "severity", "reason"],
    )


@privacy_app.command("erase")
def erase(
    ctx: typer.Context,
    customer_ref: Annotated[
        str, typer.Option("--customer-ref", help="The customer reference to erase.")
    ],
    engagement: Annotated[
        str | None, typer.Option(help="One engagement only (default: every engagement).")
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Erase one customer (GDPR Art. 17) from the lake, quarantine and raw files; the
    audit log records the request by a keyed digest of the reference."""
    from fairshore.privacy.erasure import erase_customer

    result = erase_customer(
        state(ctx).workspace(), customer_ref=customer_ref, engagement_id=engagement
    )
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    removed = ", ".join(f"{t} {n}" for t, n in result.table_rows.items())
    console.print(f"Erased subject {result.subject_digest[:16]}: rows {removed or 'none'}")
    console.print(
        f"quarantine rows {result.quarantine_rows}, raw files rewritten "
        f"{sum(1 for r in result.raw_files if r.new_sha256)}"
    )
    for r in result.raw_files:
        if r.problem:
            console.print(f"[yellow]raw {r.old_sha256[:16]}: {r.problem}[/yellow]")
    if result.vacuumed is None:
        console.print("Old table versions go at 'fairshore lake vacuum' after the grace period.")
