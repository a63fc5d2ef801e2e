"""``fairshore demo``: the whole of Fairshore on a generated outsourcing scenario."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fairshore import numbers
from fairshore.bootstrap import init_workspace, open_workspace
from fairshore.config import Settings
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table, progress_bar
from fairshore.errors import FairshoreError
from fairshore.governance import services as governance

if TYPE_CHECKING:  # the demo (and the statistics it runs) is imported when a demo runs
    from fairshore.demo.model import GenerationResult
    from fairshore.demo.pipeline import DemoContext

demo_app = typer.Typer(
    help="Generate the demo scenario and run Fairshore on it.", no_args_is_help=False
)

# Steps that only write files: with --serve they run once the web app is up.
WHILE_SERVING = ("reports",)
ScaleOption = typer.Option(help="1.0 = about a million contacts in a year.")
SeedOption = typer.Option(help="Same seed, same files.")


def register(app: typer.Typer) -> None:
    app.add_typer(demo_app, name="demo")


def _progress(enabled: bool) -> Any:
    return progress_bar("Generating", None, enabled=enabled) if enabled else nullcontext(None)


def _callback(bar: Any) -> Callable[[int, int], None] | None:
    if bar is None:
        return None

    def update(done: int, total: int) -> None:
        bar.update(bar.task_ids[0], completed=done, total=total)

    return update


def _result_json(result: GenerationResult) -> dict[str, Any]:
    return {
        "out": result.out,
        "seed": result.seed,
        "scale": result.scale,
        "seconds": result.seconds,
        "interactions": result.interactions,
        "planted": result.planted,
        "problems": [asdict(p) for p in result.problems],
        "engagements": [asdict(e) | {"interactions": e.interactions} for e in result.engagements],
        "files": [asdict(f) for f in result.files],
    }


def _print_summary(result: GenerationResult) -> None:
    rows = []
    for e in result.engagements:
        by = e.interactions_by_channel
        rows.append(
            {
                "engagement": e.engagement_id,
                "vendor": e.vendor_id,
                "voice": by.get("voice", 0),
                "chat": by.get("chat", 0),
                "email": by.get("email", 0),
                "agents": e.agents,
                "months": e.months,
                "files": e.files,
                "formats": ", ".join(e.formats),
                "planted": ", ".join(e.planted) or "—",
            }
        )
    print_table("Demo scenario", rows)
    print_table(
        "Planted problems (truth.json)",
        [
            {"problem": p.kind, "engagement": p.engagement_id, "evidence": p.headline}
            for p in result.problems
        ],
    )
    console.print(
        f"{result.interactions:,} interactions, {sum(e.files for e in result.engagements)} files "
        f"in {result.out} ({result.seconds:.1f} s, seed {result.seed}, "
        f"scale {numbers.number(result.scale)})."
    )


@demo_app.callback(invoke_without_command=True)
def demo(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Option("--dir", help="Workspace folder.")] = Path(
        "demo-workspace"
    ),
    scale: Annotated[float, ScaleOption] = 1.0,
    seed: Annotated[int, SeedOption] = 7,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Delete the workspace first (only a Fairshore one).")
    ] = False,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Then serve the web app on http://127.0.0.1:8000 (reports written once up).",
        ),
    ] = False,
    port: Annotated[int, typer.Option(help="Port for --serve.")] = 8000,
    as_json: bool = JsonOption,
) -> None:
    """Generate a year of vendor data into a fresh workspace and run all of Fairshore on it:
    ingest, KPIs and SLA, fairness, people and pay, privacy, staffing, vetting, findings."""
    if ctx.invoked_subcommand is not None:
        return
    from fairshore.demo import services
    from fairshore.demo.pipeline import run_demo

    started = time.perf_counter() - _seconds_since_start()
    if fresh:
        services.clear_workspace(directory)
    settings = state(ctx).settings(home=directory)
    ws = init_workspace(settings)
    defer = WHILE_SERVING if serve else ()
    try:
        with _progress(not as_json) as bar:
            demo_ctx = run_demo(
                ws,
                scale=scale,
                seed=seed,
                progress=_callback(bar),
                announce=None if as_json else _announce,
                finished=None if as_json else _finished(started),
                defer=defer,
            )
        findings = governance.list_findings(ws, status="active")
    finally:
        ws.close()
    result = demo_ctx.generation
    assert result is not None
    if as_json:
        print_json(
            {
                "workspace": str(directory.resolve()),
                "generation": _result_json(result),
                **{k: v for k, v in demo_ctx.results.items() if k not in ("generate", "accounts")},
                "open_findings": len(findings),
                "seconds": demo_ctx.seconds,
            }
        )
    else:
        _print_summary(result)
        _print_evaluation(demo_ctx.results, findings)
    if serve:
        _serve(settings, port, demo_ctx, started=started, defer=defer)
    elif not as_json:
        console.print(
            f"Done in {time.perf_counter() - started:.0f} s. "
            f"Serve it: fairshore --home {directory} serve; {_sign_in(demo_ctx)}"
        )


def _seconds_since_start() -> float:
    """How long this process has run (its imports included) where Linux says, else 0."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def _announce(name: str, doc: str) -> None:
    console.print(f"[bold cyan]{name:>10}[/bold cyan]  {doc}", highlight=False)


def _finished(started: float) -> Callable[[str, float], None]:
    def done(name: str, seconds: float) -> None:
        so_far = time.perf_counter() - started
        console.print(f"{'':>10}  [dim]{seconds:.1f} s ({so_far:.0f} s in all)[/dim]")

    return done


def _sign_in(ctx: DemoContext) -> str:
    """Who to sign in as: the first account the demo made, with its password."""
    from fairshore.demo import evaluate

    first = ctx.results["accounts"][0]
    if first["password"] == evaluate.UNCHANGED:
        return f"sign in as {first['email']} (password from the run that created it)"
    return f"sign in as {first['email']} with password {first['password']}"


def _print_evaluation(results: dict[str, Any], findings: list[Any]) -> None:
    ingest = results["ingest"]
    rows = ingest["rows"]
    console.print(
        f"Ingested {rows['read']:,} rows: {rows['accepted']:,} accepted, "
        f"{rows['quarantined']:,} quarantined with reasons ({ingest['batches']})."
    )
    sla = results["sla"]
    print_table(
        "SLA: months with a breached term, and net service credits",
        [
            {
                "engagement": e,
                "months breached": len(m),
                "which": ", ".join(m) or "—",
                "net credits": sla["net_credits"][e],
            }
            for e, m in sla["months_with_breaches"].items()
        ],
    )
    counts = Counter((f.finding.source, f.finding.severity) for f in findings)
    print_table(
        "Open findings by source",
        [
            {"source": src, "severity": sev, "findings": n}
            for (src, sev), n in sorted(counts.items())
        ],
    )
    headline = [
        f
        for f in findings
        if f.finding.severity == "critical" or f.finding.source in ("parity", "staffing", "pay")
    ]
    print_table(
        "What needs attention first",
        [
            {
                "engagement": f.finding.engagement_id,
                "severity": f.finding.severity,
                "source": f.finding.source,
                "finding": f.finding.title,
            }
            for f in headline[:15]
        ],
    )
    print_table(
        "Vendor ranking (Ethical BPO Scorecard)",
        [{"vendor": v, "score": round(t, 2)} for v, t in results["vetting"]["ranking"]],
    )
    governed = results.get("governance")
    if governed:
        print_table(
            "Site audits (RBA deduction score out of 200)",
            [{"engagement": e, **a} for e, a in governed["audits"].items()],
        )
        console.print(f"Customer disclosure statement: {governed['disclosure'][0]}")
    if "reports" in results:
        print_table("Reports", [{"file": k, "path": v} for k, v in results["reports"].items()])
    if "voice" in results:
        print_table("Worker-voice channel codes (type one on /voice)", results["voice"])
    print_table("Demo accounts (passwords shown once)", results["accounts"])


def _serve(
    settings: Settings, port: int, ctx: DemoContext, *, started: float, defer: tuple[str, ...]
) -> None:
    """Serve the web app; once it answers, say where and as whom, then run ``defer``."""
    import uvicorn

    from fairshore.entrypoints.web.app import create_app

    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, freeze_at_startup=True),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )

    def when_up() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.05)
        console.print(
            f"[bold]Serving Fairshore on http://127.0.0.1:{port}[/bold] after "
            f"{time.perf_counter() - started:.0f} s (Ctrl-C to stop): {_sign_in(ctx)}",
            highlight=False,
        )
        _run_deferred(settings, ctx, defer)

    threading.Thread(target=when_up, name="demo-after-start", daemon=True).start()
    server.run()


def _run_deferred(settings: Settings, ctx: DemoContext, defer: tuple[str, ...]) -> None:
    """Run the deferred steps on a workspace of their own (this is another thread)."""
    from fairshore.demo.pipeline import deferred_steps, run_steps

    steps = deferred_steps(defer)
    if not steps:
        return
    ws = open_workspace(settings)
    try:
        console.print(f"{'':>10}  writing {', '.join(defer)} while serving ...")
        run_steps(replace(ctx, ws=ws), steps)
    except FairshoreError as exc:
        console.print(f"[red]{', '.join(defer)} not written:[/red] {exc}", highlight=False)
        return
    finally:
        ws.close()
    seconds = sum(ctx.seconds.get(s.name, 0.0) for s in steps)
    reports = ctx.results.get("reports", {})
    print_table(
        f"Reports (written in {seconds:.0f} s while serving)",
        [{"file": k, "path": v} for k, v in reports.items()],
    )


@demo_app.command("generate")
def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files to.")],
    scale: Annotated[float, ScaleOption] = 1.0,
    seed: Annotated[int, SeedOption] = 7,
    as_json: bool = JsonOption,
) -> None:
    """Write the scenario's vendor files, manifest.json, truth.json and incidents.json."""
    from fairshore.demo import services

    with _progress(not as_json) as bar:
        result = services.generate_scenario(out, scale=scale, seed=seed, progress=_callback(bar))
    if as_json:
        print_json(_result_json(result))
    else:
        _print_summary(result)
