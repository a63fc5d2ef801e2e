"""Routing audit: does a protected attribute, or a proxy of it, steer where customers go?

Routing by skill and availability is legitimate; routing by who the customer is, is
not. For each protected attribute A, the audit tests whether A predicts the routing
outcome Y *within* strata of the legitimate factors L (skill needed, language,
channel, priority): the likelihood-ratio test of the nested models Y ~ L and
Y ~ L x A (both saturated in L), which is the G-test of conditional independence
Y ⟂ A | L. The effect size is Cramér's V of the pooled within-strata tables. Any other
feature associated with A (Cramér's V, normalised mutual information) is a proxy
candidate and is tested the same way. Only counts come back from the engine.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import stats

from fairshore import numbers
from fairshore.errors import InputError
from fairshore.governance.model import Finding
from fairshore.parity.model import (
    ConditionalTest,
    ProxyAssociation,
    RoutingAudit,
    RoutingOptions,
)
from fairshore.parity.outcomes import label
from fairshore.parity.statistics import (
    StratumTable,
    benjamini_hochberg,
    mantel_haenszel_odds_ratio,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

NOT_FEATURES = (
    "interaction_id",
    "engagement_id",
    "customer_ref",
    "agent_ref",
    "batch_id",
    "reply_text",
)


def read_table_file(path: Path, *, what: str) -> pd.DataFrame:
    """A CSV or Parquet file the user named (CSV values kept as strings)."""
    if not path.exists():
        raise InputError(f"no {what} file at {path}")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            return pd.read_parquet(path)
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}") from None


def contingency(counts: pd.DataFrame, row: str, col: str) -> np.ndarray:
    """A dense row x col table of counts (levels with no count dropped)."""
    table = counts.pivot_table(index=row, columns=col, values="n", aggfunc="sum", fill_value=0)
    arr: np.ndarray = table.to_numpy(dtype=np.float64)
    kept: np.ndarray = arr[arr.sum(axis=1) > 0][:, arr.sum(axis=0) > 0]
    return kept


def _g_and_chi2(table: np.ndarray) -> tuple[float, float, int]:
    """Likelihood-ratio G, Pearson chi-square and degrees of freedom of one table."""
    if table.shape[0] < 2 or table.shape[1] < 2:
        return 0.0, 0.0, 0
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    # G = 2 sum O ln(O/E) (Agresti, Categorical Data Analysis §3.2.1); 0 ln 0 = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        g = 2.0 * float(np.nansum(np.where(table > 0, table * np.log(table / expected), 0.0)))
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return g, chi2, (table.shape[0] - 1) * (table.shape[1] - 1)


def cramers_v(table: np.ndarray) -> float:
    """Cramér's V = sqrt(chi² / (n (min(r, c) - 1)))."""
    _, chi2, dof = _g_and_chi2(table)
    k = min(table.shape) - 1
    return math.sqrt(chi2 / (table.sum() * k)) if dof and k > 0 else 0.0


def normalised_mutual_information(table: np.ndarray) -> float:
    """Mutual information over the smaller of the two entropies (0 to 1)."""
    n = table.sum()
    if n == 0:
        return 0.0
    p = table / n
    px, py = p.sum(axis=1), p.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mi = float(np.nansum(np.where(p > 0, p * np.log(p / np.outer(px, py)), 0.0)))
        hx = -float(np.nansum(np.where(px > 0, px * np.log(px), 0.0)))
        hy = -float(np.nansum(np.where(py > 0, py * np.log(py), 0.0)))
    low = min(hx, hy)
    return mi / low if low > 0 else 0.0


def conditional_test(
    counts: pd.DataFrame,
    attribute: str,
    outcome: str,
    *,
    role: Literal["protected", "proxy"],
    proxy_of: str | None = None,
) -> ConditionalTest:
    """The stratified G-test of outcome ⟂ attribute | stratum, from counts."""
    g_total, chi2_total, dof_total, v_den, strata = 0.0, 0.0, 0, 0.0, 0
    tables: list[StratumTable] = []
    for _, part in counts.groupby("_stratum"):
        table = contingency(part, attribute, outcome)
        g, chi2, dof = _g_and_chi2(table)
        if dof == 0:
            continue
        strata += 1
        g_total, chi2_total, dof_total = g_total + g, chi2_total + chi2, dof_total + dof
        v_den += table.sum() * (min(table.shape) - 1)
        if table.shape == (2, 2):
            tables.append(
                StratumTable(
                    int(table[0, 0]), int(table[0].sum()), int(table[1, 0]), int(table[1].sum())
                )
            )
    binary = counts[attribute].nunique() == 2 and counts[outcome].nunique() == 2
    return ConditionalTest(
        attribute=attribute,
        role=role,
        proxy_of=proxy_of,
        n=int(counts["n"].sum()),
        strata=strata,
        statistic=g_total,
        dof=dof_total,
        p_value=float(stats.chi2.sf(g_total, dof_total)) if dof_total else math.nan,
        pearson_chi2=chi2_total,
        cramers_v=math.sqrt(chi2_total / v_den) if v_den > 0 else 0.0,
        odds_ratio=mantel_haenszel_odds_ratio(tables) if binary and tables else None,
    )


def _strata(t: ir.Table, legitimate: tuple[str, ...]) -> ir.StringValue:
    if not legitimate:
        return ibis.literal("all")
    key: ir.StringValue = label(t[legitimate[0]])
    for col in legitimate[1:]:
        key = key.concat("|", label(t[col]))
    return key


def _counts(t: ir.Table, columns: list[str], legitimate: tuple[str, ...]) -> pd.DataFrame:
    """One engine query: counts per stratum and the given columns (as labels)."""
    labelled = t.mutate(_stratum=_strata(t, legitimate), **{c: label(t[c]) for c in columns})
    frame: pd.DataFrame = (
        labelled.group_by(["_stratum", *columns])
        .aggregate(n=labelled.count())
        .to_pyarrow()
        .to_pandas()
    )
    return frame


def candidate_features(t: ir.Table, options: RoutingOptions, skip: set[str]) -> list[str]:
    """Categorical columns (strings, booleans, up to ``max_levels`` values) other than ``skip``."""
    names = (
        list(options.features)
        if options.features
        else [c for c, dtype in t.schema().items() if c not in NOT_FEATURES and dtype.is_string()]
    )
    names = [c for c in names if c not in skip and c in t.columns]
    if not names:
        return []
    levels = t.aggregate(**{c: t[c].nunique() for c in names}).to_pyarrow().to_pandas().iloc[0]
    return [c for c in names if 1 < int(levels[c]) <= options.max_levels]


def run_routing(
    data: pd.DataFrame | ir.Table,
    *,
    engagement_id: str,
    protected: tuple[str, ...],
    options: RoutingOptions | None = None,
) -> RoutingAudit:
    """Audit routing decisions for dependence on protected attributes and their proxies."""
    options = options or RoutingOptions()
    if isinstance(data, pd.DataFrame):
        # through Arrow: ibis' pandas path trips pandas 3 deprecation warnings
        t = ibis.memtable(pa.Table.from_pandas(data, preserve_index=False))
    else:
        t = data
    _check(t, protected, options)
    legitimate = tuple(c for c in options.legitimate if c in t.columns and c not in protected)
    notes = [f"legitimate factors held constant: {', '.join(legitimate) or 'none found'}"]
    skip = {options.outcome, *protected, *legitimate}
    features = candidate_features(t, options, skip)
    tests: list[ConditionalTest] = []
    proxies: list[ProxyAssociation] = []
    insufficient: list[str] = []
    for attr in protected:
        known, rows, missing = _with_value(t, attr)
        if missing:
            notes.append(
                f"{attr}: null in {missing:,} of {rows:,} rows ({numbers.percent(missing / rows)}),"
                " left out: a customer whose group is unknown is in no group"
            )
        if rows == missing:
            insufficient.append(f"{attr}: null in all {rows:,} rows: insufficient data")
            continue
        found, associations = _audit_attribute(known, attr, legitimate, features, options)
        tests += [replace(x, missing=missing) for x in found]
        proxies += associations
    _judge(tests, options)
    insufficient += [
        f"{x.attribute}: insufficient data: {x.n:,} rows with a value"
        + (f" ({x.missing:,} null)" if x.missing else "")
        + f", no stratum of legitimate factors where both it and {options.outcome} vary"
        for x in tests
        if not x.judged
    ]
    return RoutingAudit(
        engagement_id=engagement_id,
        outcome=options.outcome,
        legitimate=legitimate,
        tests=tests,
        proxies=proxies,
        findings=[_finding(x, engagement_id, options) for x in tests if x.flagged],
        notes=notes,
        insufficient=insufficient,
    )


def _with_value(t: ir.Table, attr: str) -> tuple[ir.Table, int, int]:
    """The rows where ``attr`` has a value, with the counts of all rows and of nulls."""
    counts = t.aggregate(rows=t.count(), missing=t[attr].isnull().cast("int64").sum())
    found = counts.to_pyarrow().to_pylist()[0]
    return t.filter(t[attr].notnull()), int(found["rows"]), int(found["missing"] or 0)


def _audit_attribute(
    t: ir.Table,
    attr: str,
    legitimate: tuple[str, ...],
    features: list[str],
    options: RoutingOptions,
) -> tuple[list[ConditionalTest], list[ProxyAssociation]]:
    """The conditional test of one protected attribute, its proxies and their tests."""
    counts = _counts(t, [attr, options.outcome], legitimate)
    tests = [conditional_test(counts, attr, options.outcome, role="protected")]
    proxies = []
    for feature in (*legitimate, *features):
        table = contingency(_counts(t, [feature, attr], ()), feature, attr)
        v = cramers_v(table)
        proxy = v >= options.proxy_cramers_v
        proxies.append(
            ProxyAssociation(
                feature, attr, v, normalised_mutual_information(table), feature in legitimate, proxy
            )
        )
        if proxy and feature not in legitimate:
            fc = _counts(t, [feature, options.outcome], legitimate)
            tests.append(
                conditional_test(fc, feature, options.outcome, role="proxy", proxy_of=attr)
            )
    return tests, proxies


def _check(t: ir.Table, protected: tuple[str, ...], options: RoutingOptions) -> None:
    if not protected:
        raise InputError("name at least one protected attribute, e.g. --protected seg_region")
    missing = [c for c in (*protected, options.outcome) if c not in t.columns]
    if missing:
        raise InputError(
            f"routing decisions have no column(s) {', '.join(missing)}; columns are: "
            f"{', '.join(t.columns)}"
        )


def _judge(tests: list[ConditionalTest], options: RoutingOptions) -> None:
    adjusted = benjamini_hochberg([x.p_value for x in tests])
    for x, p in zip(tests, adjusted, strict=True):
        x.p_adjusted = float(p)
        x.flagged = not math.isnan(p) and p < options.alpha and x.cramers_v >= options.min_cramers_v


def _finding(x: ConditionalTest, engagement_id: str, options: RoutingOptions) -> Finding:
    what = f"{x.attribute} (a proxy of {x.proxy_of})" if x.role == "proxy" else x.attribute
    return Finding(
        key=f"parity:{engagement_id}:routing:{x.attribute}",
        source="parity",
        engagement_id=engagement_id,
        severity="major",
        title=f"Routing ({options.outcome}) depends on {what} beyond legitimate factors",
        detail=(
            f"Within {x.strata} strata of legitimate factors, {x.attribute} predicts "
            f"{options.outcome}: G={x.statistic:.1f} on {x.dof} df, BH-adjusted "
            f"{numbers.p_value(x.p_adjusted)}, Cramér's V={x.cramers_v:.2f}."
        ),
        evidence={
            "attribute": x.attribute,
            "role": x.role,
            "proxy_of": x.proxy_of,
            "n": x.n,
            "g": round(x.statistic, 4),
            "dof": x.dof,
            "p_adjusted": x.p_adjusted,
            "cramers_v": round(x.cramers_v, 4),
        },
    )
