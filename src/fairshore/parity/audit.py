"""The parity audit: push counts to the engine, judge the groups, raise findings.

One audit = one engagement, one dimension, many outcomes. Every comparison of every
outcome in the audit is one family for Benjamini-Hochberg.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from fairshore.errors import InputError
from fairshore.parity.judgement import judge, make_findings, mix_notes
from fairshore.parity.model import (
    OUTCOMES,
    AuditOptions,
    GroupFrame,
    Outcome,
    ParityAudit,
)
from fairshore.parity.outcomes import (
    GROUP,
    HOUR_BAND,
    prepare,
    rate_outcome,
    sample_bucket,
    sample_cutoff,
    time_outcome,
)
from fairshore.parity.rates import STRATUM, rate_frame
from fairshore.parity.statistics import weighted_quantile
from fairshore.parity.times import time_frame
from fairshore.parity.tone import score_replies

if TYPE_CHECKING:
    import ibis.expr.types as ir


def run_audit(
    table: ir.Table,
    *,
    engagement_id: str,
    dimension: str,
    options: AuditOptions | None = None,
    period: str | None = None,
) -> ParityAudit:
    """Audit parity of service along ``dimension`` for the outcomes in ``options``.

    Parameters
    ----------
    table:
        The engagement's ``interactions`` as an Ibis table.
    dimension:
        The column that defines the groups (``language``, ``seg_tier``, ``channel`` ...).
    """
    return run_audits(
        table,
        engagement_id=engagement_id,
        dimensions=(dimension,),
        options=options,
        period=period,
    )[0]


def run_audits(
    table: ir.Table,
    *,
    engagement_id: str,
    dimensions: tuple[str, ...],
    options: AuditOptions | None = None,
    period: str | None = None,
) -> list[ParityAudit]:
    """Audit several dimensions from one scan of the counts and one sample per time outcome.

    Each dimension is its own audit (its own Benjamini-Hochberg family); the engine
    work is shared: one query counts every rate outcome per (groups of every dimension
    x control strata), one query per time outcome fetches a deterministic sample that
    serves every dimension.
    """
    options = options or AuditOptions()
    for dimension in dimensions:
        check_columns(table, dimension=dimension, options=options)
    t = prepare(
        table,
        dimensions=dimensions,
        controls=options.controls,
        period=options.period,
        utc_offset_hours=options.utc_offset_hours,
    )
    rates = [o for o in options.outcomes if OUTCOMES[o].kind == "rate" and o != "tone_positive"]
    times = [o for o in options.outcomes if OUTCOMES[o].kind == "time"]
    counts = outcome_counts(t, rates, times, dimensions=dimensions, options=options)
    samples = {
        name: time_sample(t, OUTCOMES[name], counts, dimensions=dimensions, options=options)
        for name in times
    }
    audits = []
    for dimension in dimensions:
        controls = tuple(c for c in options.controls if c != dimension)
        notes: list[str] = []
        frames = _rate_frames(counts, rates, dimension, controls, options, notes)
        for name in times:
            frame = _time_frame(
                counts, samples[name], OUTCOMES[name], dimension, controls, options, notes
            )
            if frame is not None:
                frames.append(frame)
        if "tone_positive" in options.outcomes:
            frame = audit_tone(
                t, controls=controls, dimension=dimension, options=options, notes=notes
            )
            if frame is not None:
                frames.append(frame)
        judge(frames, options=options, adjusted=bool(controls))
        mix_notes(frames, options=options)
        findings = make_findings(
            frames, engagement_id=engagement_id, period=period, options=options
        )
        audits.append(
            ParityAudit(
                engagement_id=engagement_id,
                dimension=dimension,
                controls=controls,
                period=period,
                frames=frames,
                findings=findings,
                notes=notes,
                rule=options.rule,
            )
        )
    return audits


def _stratum(frame: pd.DataFrame, controls: tuple[str, ...]) -> pd.Series:
    """The stratum label of each row: the control labels joined with ``|``."""
    if not controls:
        return pd.Series("all", index=frame.index)
    key = frame[f"_c_{controls[0]}"].astype(str)
    for col in controls[1:]:
        key = key + "|" + frame[f"_c_{col}"].astype(str)
    return key


def _rate_frames(
    counts: pd.DataFrame,
    rates: list[str],
    dimension: str,
    controls: tuple[str, ...],
    options: AuditOptions,
    notes: list[str],
) -> list[GroupFrame]:
    frames: list[GroupFrame] = []
    if counts.empty:
        notes.append("no interactions in the data for this period")
        return frames
    keyed = counts.assign(_group=counts[f"_g_{dimension}"], **{STRATUM: _stratum(counts, controls)})
    for name in rates:
        part = keyed.groupby(["_group", STRATUM], as_index=False)[[f"n_{name}", f"k_{name}"]].sum()
        part.columns = pd.Index(["_group", STRATUM, "n", "k"])
        if part["n"].sum() > 0:
            frames.append(rate_frame(part, OUTCOMES[name], dimension=dimension, options=options))
        else:
            notes.append(f"{name}: no eligible interactions in the data")
    return frames


def check_columns(table: ir.Table, *, dimension: str, options: AuditOptions) -> None:
    """Raise ``InputError`` naming what is wrong with the dimension, outcomes or controls."""
    columns = set(table.columns)
    if dimension not in columns:
        dims = [*sorted(c for c in columns if c.startswith("seg_")), "channel", "language"]
        raise InputError(
            f"no column {dimension!r} in the interactions; audit one of: {', '.join(dims)}"
        )
    unknown = [o for o in options.outcomes if o not in OUTCOMES]
    if unknown:
        raise InputError(
            f"unknown outcome(s) {', '.join(unknown)}; choose from {', '.join(OUTCOMES)}"
        )
    missing = [c for c in options.controls if c != HOUR_BAND and c not in columns]
    if missing:
        raise InputError(
            f"no control column(s) {', '.join(missing)}; use columns of the interactions "
            f"or {HOUR_BAND}"
        )


def stratum_key(t: ir.Table, controls: tuple[str, ...]) -> ir.StringValue:
    """All control columns joined into one stratum label."""
    if not controls:
        return ibis.literal("all")
    key: ir.StringValue = t[f"_c_{controls[0]}"]
    for col in controls[1:]:
        key = key.concat("|", t[f"_c_{col}"])
    return key


def _labels(t: ir.Table, dimensions: tuple[str, ...], controls: tuple[str, ...]) -> list[str]:
    cols = [f"_g_{d}" for d in dimensions] + [f"_c_{c}" for c in controls]
    return list(dict.fromkeys(cols))


def outcome_counts(
    t: ir.Table,
    rates: list[str],
    times: list[str],
    *,
    dimensions: tuple[str, ...],
    options: AuditOptions,
) -> pd.DataFrame:
    """One engine query: per (group of every dimension x control labels), the eligible and
    success counts of every rate outcome, and eligible and observed counts of every time."""
    metrics = {}
    for name in rates:
        expr = rate_outcome(t, name, sl_seconds=options.sl_seconds)
        eligible = expr.eligible.fill_null(False)
        metrics[f"n_{name}"] = eligible.cast("int64").sum()
        metrics[f"k_{name}"] = (eligible & expr.success.fill_null(False)).cast("int64").sum()
    for name in times:
        tx = time_outcome(t, name)
        eligible = tx.eligible.fill_null(False) & tx.seconds.notnull()
        metrics[f"n_{name}"] = eligible.cast("int64").sum()
        metrics[f"o_{name}"] = (eligible & tx.observed.fill_null(False)).cast("int64").sum()
    if not metrics:
        metrics["n_rows"] = t.count()
    keys = _labels(t, dimensions, options.controls)
    frame: pd.DataFrame = t.group_by(keys).aggregate(**metrics).to_pyarrow().to_pandas()
    return frame.fillna(0)


def _fractions(counts: pd.DataFrame, dimension: str, name: str, cap: int) -> dict[str, float]:
    sizes = counts.groupby(f"_g_{dimension}")[f"n_{name}"].sum()
    return {str(g): min(1.0, cap / float(n)) for g, n in sizes.items() if n > 0}


def time_sample(
    t: ir.Table,
    outcome: Outcome,
    counts: pd.DataFrame,
    *,
    dimensions: tuple[str, ...],
    options: AuditOptions,
) -> pd.DataFrame:
    """One engine query: a deterministic sample of the outcome's times serving every dimension.

    A row is kept when its hash bucket is under the largest share any of its groups
    needs; each dimension then keeps, per group, the rows under that group's own share,
    which is exactly the per-group sample a query of its own would have returned.
    """
    expr = time_outcome(t, outcome.name)
    eligible = expr.eligible.fill_null(False) & expr.seconds.notnull()
    cap = options.max_sample_per_group
    cutoffs = [
        sample_cutoff(t[f"_g_{d}"], _fractions(counts, d, outcome.name, cap)) for d in dimensions
    ]
    cutoff = cutoffs[0] if len(cutoffs) == 1 else ibis.greatest(*cutoffs)
    bucket = sample_bucket(t)
    keep = t.mutate(_bucket=bucket, _cutoff=cutoff)
    sample: pd.DataFrame = (
        keep.filter(eligible & (keep._bucket < keep._cutoff))
        .select(
            *_labels(t, dimensions, options.controls),
            "_bucket",
            seconds=expr.seconds,
            observed=expr.observed.fill_null(False),
        )
        .to_pyarrow()
        .to_pandas()
    )
    sample["observed"] = sample["observed"].astype(bool)
    return sample


def _time_frame(
    counts: pd.DataFrame,
    sample: pd.DataFrame,
    outcome: Outcome,
    dimension: str,
    controls: tuple[str, ...],
    options: AuditOptions,
    notes: list[str],
) -> GroupFrame | None:
    """One dimension's results of a time outcome, from the shared counts and sample."""
    name = outcome.name
    if counts.empty or counts[f"n_{name}"].sum() == 0:
        notes.append(f"{name}: no eligible interactions in the data")
        return None
    fractions = _fractions(counts, dimension, name, options.max_sample_per_group)
    group = sample[f"_g_{dimension}"].astype(str)
    share = group.map(fractions).fillna(1.0)
    mine = sample[sample["_bucket"] < share * 1_000_000]
    mine = mine.assign(_group=group[mine.index], **{STRATUM: _stratum(mine, controls)})
    big = sorted(g for g, f in fractions.items() if f < 1)
    if big:
        notes.append(
            f"{name}: medians, intervals, tests and survival curves use a deterministic sample "
            f"of about {options.max_sample_per_group:,} interactions for group(s) "
            f"{', '.join(big)}"
        )
    summary = counts.groupby(f"_g_{dimension}", as_index=False)[[f"n_{name}", f"o_{name}"]].sum()
    summary.columns = pd.Index(["_group", "n", "n_obs"])
    observed = mine[mine["observed"]]
    by_group = observed.groupby("_group")["seconds"]
    summary["median"] = summary["_group"].map(by_group.median())
    summary["p90"] = summary["_group"].map(by_group.quantile(0.9))
    # the sample is stratified by group: weight 1 / share to estimate the overall median
    weights = 1.0 / observed["_group"].map(fractions).fillna(1.0)
    summary.attrs["overall_median"] = weighted_quantile(observed["seconds"], weights, 0.5)
    strata = counts.assign(**{STRATUM: _stratum(counts, controls)}).groupby(STRATUM)[f"o_{name}"]
    return time_frame(
        summary, mine, outcome, dimension=dimension, options=options, stratum_weights=strata.sum()
    )


def audit_tone(
    t: ir.Table,
    *,
    controls: tuple[str, ...],
    dimension: str,
    options: AuditOptions,
    notes: list[str],
) -> GroupFrame | None:
    """Score English agent replies with VADER and audit the positive-tone rate."""
    if "reply_text" not in t.columns:
        notes.append("tone_positive: the vendor sent no reply texts (column reply_text)")
        return None
    has_text = t.reply_text.notnull() & (t.reply_text.length() > 0)
    t = t.mutate(**{GROUP: t[f"_g_{dimension}"]})
    with_text = t.filter(has_text)
    sizes = with_text.group_by(GROUP).aggregate(n=with_text.count()).to_pyarrow().to_pandas()
    cap = options.max_sample_per_group
    fractions = {str(g): cap / float(n) for g, n in zip(sizes["_group"], sizes["n"], strict=True)}
    rows: pd.DataFrame = (
        t.filter(has_text & (sample_bucket(t) < sample_cutoff(t[GROUP], fractions)))
        .select(
            GROUP,
            **{STRATUM: stratum_key(t, controls)},
            language=t.language,
            reply_text=t.reply_text,
        )
        .to_pyarrow()
        .to_pandas()
    )
    if rows.empty:
        notes.append("tone_positive: no reply texts in the period")
        return None
    scores = score_replies(rows["reply_text"].tolist(), rows["language"].tolist())
    rows = rows.assign(n=scores.covered.astype(np.int64), k=scores.positive.astype(np.int64))
    uncovered = rows[~scores.covered].groupby("_group").size()
    if len(uncovered):
        langs = sorted({str(x) for x in rows.loc[~scores.covered, "language"]})
        notes.append(
            f"tone_positive: {int(uncovered.sum()):,} replies in {', '.join(langs)} not covered "
            "(VADER scores English only); those replies are not scored"
        )
    counts = rows.groupby(["_group", STRATUM])[["n", "k"]].sum().reset_index()
    if counts["n"].sum() == 0:
        return None
    frame = rate_frame(counts, OUTCOMES["tone_positive"], dimension=dimension, options=options)
    for g in frame.groups:
        g.not_covered = int(uncovered.get(g.group, 0))
    return frame
