"""``fairshore demo``: the main job as a list of named steps.

Each capability adds one step (ingest, KPIs, SLA, parity, people, privacy ...) to
``STEPS``; the CLI runs them in order and prints what each returned.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fairshore.bootstrap import Workspace, pin_today
from fairshore.demo import evaluate, feeds
from fairshore.demo.generate import generate
from fairshore.demo.model import GenerationResult, ProgressCallback
from fairshore.demo.scenario import demo_scenario
from fairshore.engagements import services as engagements
from fairshore.errors import ConflictError
from fairshore.governance.model import Finding


@dataclass
class DemoContext:
    """What the steps share: the workspace, options, and results of earlier steps."""

    ws: Workspace
    scale: float
    seed: int
    progress: ProgressCallback | None
    incoming: Path
    generation: GenerationResult | None = None
    results: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One named step of the demo."""

    name: str
    run: Callable[[DemoContext], Any]


def register_entities(ctx: DemoContext) -> dict[str, list[str]]:
    """Vendors, sites and engagements of the scenario (skipping any already there)."""
    added: dict[str, list[str]] = {"vendors": [], "sites": [], "engagements": []}
    for eng in demo_scenario().engagements:
        for kind, model, add in (
            ("vendors", eng.vendor, engagements.add_vendor),
            ("sites", eng.site, engagements.add_site),
            ("engagements", eng.engagement, engagements.add_engagement),
        ):
            try:
                add(ctx.ws, **model.model_dump())
                added[kind].append(model.id)
            except ConflictError:
                continue
    return added


def generate_files(ctx: DemoContext) -> GenerationResult:
    """The vendors' files for the year, into ``<workspace>/incoming`` (emptied first)."""
    shutil.rmtree(ctx.incoming, ignore_errors=True)
    ctx.generation = generate(ctx.incoming, scale=ctx.scale, seed=ctx.seed, progress=ctx.progress)
    return ctx.generation


def open_voice_channels(ctx: DemoContext) -> list[dict[str, str]]:
    """A public worker-voice channel per engagement (the code workers type on /voice)."""
    from fairshore.people.services import open_voice_channel

    return [
        {"engagement": e.engagement.id, "code": open_voice_channel(ctx.ws, e.engagement.id).code}
        for e in demo_scenario().engagements
    ]


def answer_pulse(ctx: DemoContext) -> dict[str, int]:
    """Workers' anonymous eNPS answers, each quarter, through the worker-voice channel."""
    from fairshore.demo.pulse import answer_pulse as answer

    return answer(ctx.ws, scale=ctx.scale, seed=ctx.seed)


def record_footprint(ctx: DemoContext) -> dict[str, int]:
    """Sites' metered energy (as the vendors upload it) and the client's redeployment register."""
    from fairshore.demo.footprint import load_footprint

    if ctx.generation is None:
        return {}
    return load_footprint(ctx.ws, ctx.generation, ctx.incoming)


STEPS: list[Step] = [
    Step("register", register_entities),
    Step("generate", generate_files),
    Step("ingest", feeds.sync_vendor_feeds),
    Step("pulse", answer_pulse),
    Step("footprint", record_footprint),
    Step("privacy", evaluate.watch_privacy),  # first: incidents feed the breach clause
    Step("people", evaluate.measure_people),
    Step("sla", evaluate.evaluate_contracts),
    Step("parity", evaluate.audit_fairness),
    Step("staffing", evaluate.check_staffing),
    Step("vetting", evaluate.vet_vendors),
    Step("quality", evaluate.calibrate_quality),
    Step("governance", evaluate.govern_engagements),
    Step("findings", evaluate.record_all_findings),
    Step("reports", evaluate.write_reports),
    Step("voice", open_voice_channels),
    Step("accounts", evaluate.create_demo_accounts),
]


Announce = Callable[[str, str], None]
Finished = Callable[[str, float], None]


def run_demo(
    ws: Workspace,
    *,
    scale: float,
    seed: int,
    progress: ProgressCallback | None = None,
    announce: Announce | None = None,
    finished: Finished | None = None,
    defer: Collection[str] = (),
) -> DemoContext:
    """Run every step of the demo on an initialised workspace but those named in ``defer``
    (``announce(name, doc)`` before a step, ``finished(name, seconds)`` after it).

    Deferred steps (``reports`` while the web app starts) run later with
    :func:`run_steps` on the same context and a workspace of their own.
    """
    pin_today(ws, evaluate.YEAR_END)  # the scenario judges as of its own day, whenever run
    ctx = DemoContext(
        ws=ws, scale=scale, seed=seed, progress=progress, incoming=ws.home / "incoming"
    )
    steps = [s for s in STEPS if s.name not in defer]
    run_steps(ctx, steps, announce=announce, finished=finished)
    return ctx


def deferred_steps(defer: Collection[str]) -> list[Step]:
    """The steps named in ``defer``, in the demo's order."""
    return [s for s in STEPS if s.name in defer]


def run_steps(
    ctx: DemoContext,
    steps: Sequence[Step],
    *,
    announce: Announce | None = None,
    finished: Finished | None = None,
) -> None:
    """Run ``steps`` in order on ``ctx``, keeping each result and its time in seconds."""
    for step in steps:
        if announce is not None:
            announce(step.name, (step.run.__doc__ or "").strip().splitlines()[0])
        started = time.perf_counter()
        ctx.results[step.name] = step.run(ctx)
        ctx.seconds[step.name] = round(time.perf_counter() - started, 2)
        if finished is not None:
            finished(step.name, ctx.seconds[step.name])
