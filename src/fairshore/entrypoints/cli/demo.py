"""``fairshore demo``: the whole of Fairshore on a generated outsourcing scenario."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from fairshore.bootstrap import init_workspace
from fairshore.demo import services
from fairshore.demo.model import GenerationResult
from fairshore.demo.pipeline import run_demo
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table, progress_bar

demo_app = typer.Typer(
    help="Generate the demo scenario and run Fairshore on it.", no_args_is_help=False
)

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
        rows.append({
            "engagement": e.engagement_id, "vendor": e.vendor_id,
            "voice": by.get("voice", 0), "chat": by.get("chat", 0), "email": by.get("email", 0),
            "agents": e.agents, "months": e.months, "files": e.files,
            "formats": ", ".join(e.formats), "planted": ", ".join(e.planted) or "—",
        })  # fmt: skip
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
        f"in {result.out} ({result.seconds:.1f} s, seed {result.seed}, scale {result.scale:g})."
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
    as_json: bool = JsonOption,
) -> None:
    """Create a workspace, register the scenario's vendors and generate a year of data."""
    if ctx.invoked_subcommand is not None:
        return
    if fresh:
        services.clear_workspace(directory)
    ws = init_workspace(state(ctx).settings(home=directory))
    try:
        with _progress(not as_json) as bar:
            demo_ctx = run_demo(ws, scale=scale, seed=seed, progress=_callback(bar))
    finally:
        ws.close()
    result = demo_ctx.generation
    assert result is not None
    if as_json:
        print_json({"workspace": str(directory.resolve()), "steps": list(demo_ctx.results),
                    "generation": _result_json(result)})  # fmt: skip
        return
    _print_summary(result)


@demo_app.command("generate")
def generate(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files to.")],
    scale: Annotated[float, ScaleOption] = 1.0,
    seed: Annotated[int, SeedOption] = 7,
    as_json: bool = JsonOption,
) -> None:
    """Write the scenario's vendor files, manifest.json, truth.json and incidents.json."""
    with _progress(not as_json) as bar:
        result = services.generate_scenario(out, scale=scale, seed=seed, progress=_callback(bar))
    if as_json:
        print_json(_result_json(result))
    else:
        _print_summary(result)
