"""Generate the demo scenario's vendor files, streaming a day at a time.

Below scale 1 the generator simulates the full-size centre (scale 1) and writes a
uniform sample of its contacts (probability = scale): queues keep realistic loads so
waits, abandonment and occupancy look the same at every scale. Rosters and pay are
the full centre's; ``logged_in_hours`` is sampled with the contacts, so handle time
over logged-in time (occupancy) computed from the files is the simulated centre's.
"""

from __future__ import annotations

import calendar
import json
import time
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from fairshore import numbers
from fairshore.demo import access, acd, zendesk
from fairshore.demo.arrivals import DayPlan, day_plans
from fairshore.demo.community import community_columns
from fairshore.demo.contacts import Batch, EmailState, day_contacts
from fairshore.demo.model import (
    EngagementScenario,
    EngagementSummary,
    FileEntry,
    GenerationResult,
    PlantedProblem,
    ProgressCallback,
    Scenario,
)
from fairshore.demo.qa import INFLATION, QaEvaluations
from fairshore.demo.queueing import BusinessClock
from fairshore.demo.roster import (
    Roster,
    agent_month_rows,
    build_roster,
    employers,
    hired_on,
    workforce_figures,
)
from fairshore.demo.scenario import RESIDENCY_ENGAGEMENT, demo_scenario
from fairshore.demo.stats import EngagementStats
from fairshore.demo.truth import build_truth, headline
from fairshore.demo.truth_compliance import (
    refused_audit,
    residency_breach,
    subcontracted_team_problem,
)
from fairshore.demo.workload import (
    StaffingPlan,
    actual_logged_in_hours,
    mean_handle,
    queues_of,
    staffing_plan,
)
from fairshore.demo.writers import MonthlyFiles, Stream, write_whole
from fairshore.errors import InputError

MAX_SCALE = 200.0


def generate(
    out: Path,
    *,
    scale: float,
    seed: int,
    engagements: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    scenario: Scenario | None = None,
    progress: ProgressCallback | None = None,
) -> GenerationResult:
    """Write every engagement's files, ``manifest.json``, ``truth.json`` and ``incidents.json``.

    Parameters
    ----------
    out
        Folder to write to (created; files already there are overwritten).
    scale
        1.0 makes about a million contacts; contacts scale linearly.
    seed
        Same seed, same bytes in every file.
    engagements, start, end
        Restrict contacts to some engagements or days (rosters still cover the period).
    progress
        Called with (days done, days in total).
    """
    if not 0 < scale <= MAX_SCALE:
        raise InputError(
            f"scale must be above 0 and at most {numbers.number(MAX_SCALE)} (1.0 = ~1M contacts)"
        )
    scenario = scenario or demo_scenario()
    chosen = [e for e in scenario.engagements if engagements is None or e.id in engagements]
    unknown = set(engagements or []) - {e.id for e in scenario.engagements}
    if unknown:
        raise InputError(f"unknown demo engagements: {', '.join(sorted(unknown))}")
    first, last = start or scenario.start, end or scenario.end
    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    days_total = len(chosen) * ((last - first).days + 1)
    done = 0
    files: list[FileEntry] = []
    summaries, all_stats, months_rows, bulk = [], {}, {}, None
    workforce: dict[str, dict[str, Any]] = {}
    qa_truth: list[dict[str, Any]] = []
    compliance: list[dict[str, Any] | None] = [refused_audit(scenario, {e.id for e in chosen})]
    for eng in chosen:
        index = scenario.engagements.index(eng)
        run = _EngagementRun(eng, index=index, out=out, scenario=scenario, scale=scale, seed=seed)
        for plan in run.plans:
            if first <= plan.day <= last:
                run.day(plan)
                done += 1
                if progress is not None:
                    progress(done, days_total)
        entries, rows = run.finish()
        files += entries
        all_stats[eng.id], months_rows[eng.id] = run.stats, rows
        workforce[eng.id] = workforce_figures(run.roster, len(run.plans))
        bulk = bulk or run.access.bulk
        if eng.id in INFLATION:
            qa_truth.append(run.qa.truth())
        compliance += [
            residency_breach(eng, run.access.abroad) if eng.id == RESIDENCY_ENGAGEMENT else None,
            subcontracted_team_problem(eng, run.roster, scenario),
        ]
        summaries.append(run.summary(entries, rows))
    truth = build_truth(
        scenario,
        chosen,
        all_stats,
        months_rows,
        workforce=workforce,
        bulk=bulk,
        seed=seed,
        scale=scale,
    )
    truth["problems"] += qa_truth + [p for p in compliance if p is not None]
    planted = [p["kind"] for p in truth["problems"]]
    problems = [
        PlantedProblem(p["kind"], p["engagement_id"], headline(p)) for p in truth["problems"]
    ]
    for s in summaries:
        s.planted = [p["kind"] for p in truth["problems"] if p["engagement_id"] == s.engagement_id]
    _write_json(out / "truth.json", truth)
    _write_json(out / "incidents.json", {"incidents": [asdict(i) for i in scenario.incidents]})
    _write_json(out / "manifest.json", _manifest(seed, scale, first, last, files))
    return GenerationResult(
        out=str(out),
        seed=seed,
        scale=scale,
        files=files,
        engagements=summaries,
        planted=planted,
        problems=problems,
        seconds=round(time.perf_counter() - began, 2),
    )


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


def _manifest(
    seed: int, scale: float, start: date, end: date, files: list[FileEntry]
) -> dict[str, Any]:
    return {
        "seed": seed,
        "scale": scale,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "files": [asdict(f) for f in files],
    }


def _concat(batches: list[Batch]) -> Batch:
    batches = [b for b in batches if b["arrived_at"].size]
    if not batches:
        return {}
    if len(batches) == 1:
        return batches[0]
    data = {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
    order = np.argsort(data["arrived_at"], kind="stable")
    return {k: v[order] for k, v in data.items()}


class _EngagementRun:
    """The state of one engagement while its days stream through."""

    def __init__(
        self,
        eng: EngagementScenario,
        *,
        index: int,
        out: Path,
        scenario: Scenario,
        scale: float,
        seed: int,
    ) -> None:
        self.eng, self.index, self.out, self.seed = eng, index, out, seed
        intensity = max(scale, 1.0)
        self.sample = scale / intensity
        # the customer base of the written contacts: repeat callers at every scale
        self.customers = max(200, int(eng.annual_volume * scale * 0.45))
        self.start = scenario.start
        self.period = (scenario.start, scenario.end)
        self.plans: list[DayPlan] = day_plans(eng, scenario.start, scenario.end)
        self.plan: StaffingPlan = staffing_plan(eng, self.plans, intensity=intensity)
        self.roster: Roster = build_roster(
            eng, self.plans, self.plan, np.random.default_rng([seed, index, 0])
        )
        self.clock = BusinessClock(self.plans)
        self.email = EmailState(self.clock, self._email_capacity(), {})
        self.stats = EngagementStats()
        self.streams: dict[str, tuple[Stream | acd.AcdMonthly, FileEntry]] = {}
        self._open_streams()
        self.access = access.AccessLog(eng, self.roster, out=out, seed=seed, index=index)
        self.qa = QaEvaluations(eng, index=index, seed=seed, sample=self.sample)

    def _email_capacity(self) -> dict[tuple[str, str], float]:
        """Agents on e-mail per (queue, month): forecast work over business time, with margin."""
        capacity: dict[tuple[str, str], float] = {}
        if "email" not in {c.channel for c in self.eng.channels}:
            return capacity
        profile = self.eng.channel("email")
        aht = mean_handle(profile.aht_median_s, profile.aht_sigma)
        policy = self.eng.staffing
        for queue in queues_of(self.eng):
            work: dict[str, float] = {}
            open_s: dict[str, float] = {}
            for p in self.plans:
                work[p.month] = work.get(p.month, 0.0) + self.plan.email_daily[queue][p.index] * aht
                open_s[p.month] = open_s.get(p.month, 0.0) + max(p.close_s - p.open_s, 0.0)
            for month in work:
                factor = policy.month_email_capacity_factor.get(month, policy.email_capacity_factor)
                capacity[(queue, month)] = max(factor * work[month] / open_s[month], 1e-3)
        return capacity

    def _open_streams(self) -> None:
        eng, out = self.eng, self.out
        fmt = eng.file_format
        live = [c.channel for c in eng.channels]
        if fmt in ("csv", "parquet"):
            ext = "csv" if fmt == "csv" else "parquet"
            stream = MonthlyFiles(
                out,
                f"{eng.id}/interactions/interactions-{{month}}.{ext}",
                table="interactions",
                fmt=fmt,
            )
            for channel in live:
                self.streams[channel] = (stream, FileEntry(eng.id, "interactions", fmt, []))
        elif fmt == "zendesk":
            folder = f"{eng.id}/zendesk"
            (out / eng.id).mkdir(parents=True, exist_ok=True)
            mapping = f"{eng.id}/zendesk-fields.yaml"
            (out / mapping).write_text(zendesk.mapping_yaml())
            tickets = zendesk.ZendeskTickets(out, folder, self.clock)
            entry = FileEntry(eng.id, "interactions", "zendesk", [], mapping)
            self.streams["chat"] = self.streams["email"] = (tickets, entry)
            names = {"en": "Support English", "hi": "Support Hindi"}
            calls = zendesk.ZendeskCalls(out, folder, names)
            self.streams["voice"] = (calls, FileEntry(eng.id, "interactions", "zendesk-talk", []))
        else:  # acd voice + canonical CSV for the rest
            mapping = f"{eng.id}/acd/vistula-acd.yaml"
            (out / eng.id / "acd").mkdir(parents=True, exist_ok=True)
            (out / mapping).write_text(acd.mapping_yaml())
            calls_acd = acd.AcdMonthly(out, f"{eng.id}/acd/calls-{{month}}.tsv")
            self.streams["voice"] = (
                calls_acd,
                FileEntry(eng.id, "interactions", "acd", [], mapping, eng.timezone),
            )
            stream = MonthlyFiles(
                out,
                f"{eng.id}/interactions/interactions-{{month}}.csv",
                table="interactions",
                fmt="csv",
            )
            entry = FileEntry(eng.id, "interactions", "csv", [])
            for channel in live:
                if channel != "voice":
                    self.streams[channel] = (stream, entry)

    def day(self, plan: DayPlan) -> None:
        """Generate, tally and write one local day of every channel."""
        batches: dict[str, Batch] = {}
        for profile in self.eng.channels:
            batch = day_contacts(
                self.eng,
                engagement_index=self.index,
                channel=profile.channel,
                day=plan,
                plan=self.plan,
                roster=self.roster,
                email=self.email if profile.channel == "email" else None,
                sample=self.sample,
                seed=self.seed,
                customers=self.customers,
            )
            if plan.index in (0, len(self.plans) - 1):
                batch = self._inside_period(batch)
            self.stats.add(
                batch, channel=profile.channel, month=plan.month, threshold_s=profile.sl_threshold_s
            )
            batches[profile.channel] = batch
        self._write_contacts(plan, batches)
        self.stats.access_events += self.access.day(plan, batches)
        self.qa.day(plan, batches)

    def _inside_period(self, batch: Batch) -> Batch:
        """Drop contacts of the first and last local day that fall outside the UTC period.

        Lake partitions are UTC months: this keeps every contact in the period's months.
        """
        start = calendar.timegm(self.period[0].timetuple())
        end = calendar.timegm((self.period[1] + timedelta(days=1)).timetuple())
        keep = (batch["arrived_at"] >= start) & (batch["arrived_at"] < end)
        return {k: v[keep] for k, v in batch.items()}

    def _write_contacts(self, plan: DayPlan, batches: dict[str, Batch]) -> None:
        grouped: dict[int, list[str]] = {}
        for channel in batches:
            grouped.setdefault(id(self.streams[channel][0]), []).append(channel)
        for channels in grouped.values():
            stream = self.streams[channels[0]][0]
            data = _concat([batches[c] for c in channels])
            if isinstance(stream, acd.AcdMonthly):
                if data:
                    stream.write_day(
                        plan.month,
                        data,
                        midnight_epoch=plan.midnight_epoch,
                        yymmdd=plan.day.strftime("%y%m%d"),
                    )
            elif data:
                stream.write(plan.month, data)

    def finish(self) -> tuple[list[FileEntry], dict[str, list[object]]]:
        """Close every file; write the roster and agent months; return the manifest rows."""
        entries: list[FileEntry] = []
        seen: set[int] = set()
        for stream, entry in self.streams.values():
            if id(stream) in seen:
                continue
            seen.add(id(stream))
            entry.paths = stream.close()
            if entry.paths:
                entries.append(entry)
        eng_id = self.eng.id
        entries.append(
            FileEntry(
                eng_id,
                "agents",
                "csv",
                [
                    write_whole(
                        self.out, f"{eng_id}/agents.csv", table="agents", data=self._agents()
                    )
                ],
            )
        )
        hours = actual_logged_in_hours(
            self.eng, self.plan, self._handle_hours(), sample=self.sample
        )
        rows = agent_month_rows(
            self.eng,
            self.roster,
            self.plans,
            hours,
            sample=self.sample,
            rng=np.random.default_rng([self.seed, self.index, 1]),
        )
        entries.append(
            FileEntry(
                eng_id,
                "agent_months",
                "csv",
                [
                    write_whole(
                        self.out, f"{eng_id}/agent_months.csv", table="agent_months", data=rows
                    )
                ],
            )
        )
        access_paths = self.access.close()
        if access_paths:
            entries.append(FileEntry(eng_id, "access_events", "csv", access_paths))
        if self.qa.rows["evaluation_id"]:
            qa_path = write_whole(
                self.out,
                f"{eng_id}/qa/qa-evaluations.csv",
                table="qa_evaluations",
                data=self.qa.rows,
            )
            entries.append(FileEntry(eng_id, "qa_evaluations", "csv", [qa_path]))
        return entries, rows

    def _handle_hours(self) -> dict[tuple[str, str, str], float]:
        queue_of = {lang: q for q, langs in queues_of(self.eng).items() for lang in langs}
        out: dict[tuple[str, str, str], float] = {}
        for (channel, lang, month), t in self.stats.totals.items():
            key = (queue_of[lang], month, "email" if channel == "email" else "live")
            out[key] = out.get(key, 0.0) + t.handle_sum / 3600
        return out

    def _agents(self) -> dict[str, list[object]]:
        r, last = self.roster, len(self.plans) - 1
        return {
            "agent_ref": list(r.refs),
            "engagement_id": [self.eng.id] * len(r),
            "site_id": [self.eng.site.id] * len(r),
            "role": list(r.role),
            "employment_type": list(r.employment),
            "hired_on": [hired_on(self.start, int(h)) for h in r.hired],
            "left_on": [hired_on(self.start, int(x)) if x <= last else None for x in r.left],
            "exit_reason": list(r.exit_reason),
            "supervisor_ref": list(r.supervisor),
            "employer": [e for e in employers(self.eng, r)],  # typed list[object]
            **community_columns(self.eng, r, self.start),
        }

    def summary(self, entries: list[FileEntry], rows: dict[str, list[object]]) -> EngagementSummary:
        return EngagementSummary(
            engagement_id=self.eng.id,
            vendor_id=self.eng.vendor.id,
            interactions_by_channel=self.stats.by_channel(),
            agents=len(self.roster),
            agent_months=len(rows["agent_ref"]),
            access_events=self.stats.access_events,
            months=len({p.month for p in self.plans}),
            formats=sorted({e.format for e in entries}),
            files=sum(len(e.paths) for e in entries),
            planted=[],
        )
