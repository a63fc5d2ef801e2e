"""The parity audit end to end over a workspace lake of synthetic interactions."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from parity_synthetic import interactions, to_arrow, write_lake

from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError
from fairshore.metrics.periods import parse_period
from fairshore.parity.audit import run_audit
from fairshore.parity.model import AuditOptions, DesignedDifference
from fairshore.parity.services import audit_parity

OUTCOMES = ("answered", "sl_met", "fcr", "csat_top2", "escalated", "wait")


def test_planted_language_wait_gap_is_found(workspace: Workspace) -> None:
    write_lake(workspace.lake, interactions(12_000, seed=11, slow_language="es"))
    audit = audit_parity(workspace, engagement_id="telco-krk", by="language",
                         options=AuditOptions(outcomes=OUTCOMES))  # fmt: skip
    keys = {f.key for f in audit.findings}
    assert "parity:telco-krk:language=es:wait" in keys
    assert {f.evidence["group"] for f in audit.findings} == {"es"}
    wait = audit.frame("wait")
    es = next(g for g in wait.groups if g.group == "es")
    assert es.impact_ratio < 0.5 and es.effect_size in ("medium", "large")
    # abandonment censors the slow group's waits: Kaplan-Meier median exceeds the answered one
    assert es.km_median is not None and es.km_median > es.value


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_no_finding_when_groups_are_treated_equally(seed: int) -> None:
    table = ibis.memtable(to_arrow(interactions(8_000, seed=seed)))
    dimensions = ("language", "seg_region", "seg_accessibility") if seed == 1 else ("language",)
    for dimension in dimensions:
        audit = run_audit(table, engagement_id="e", dimension=dimension,
                          options=AuditOptions(outcomes=OUTCOMES))  # fmt: skip
        assert audit.findings == [], [f.title for f in audit.findings]


def test_mix_only_difference_is_flagged_raw_and_cleared_after_adjustment() -> None:
    # en customers mostly call, pl customers mostly chat; within a channel they are equal
    df = interactions(16_000, seed=7, languages=("en", "pl"), voice_share={"en": 0.85, "pl": 0.15})
    table = ibis.memtable(to_arrow(df))
    audit = run_audit(table, engagement_id="e", dimension="language",
                      options=AuditOptions(outcomes=("answered", "wait")))  # fmt: skip
    for name in ("answered", "wait"):
        en = next(g for g in audit.frame(name).groups if g.group == "en")
        assert en.flagged_raw and not en.flagged_adjusted, name
        assert en.mix_note == "raw difference explained by the mix of controls"
        assert en.adjusted_impact_ratio > 0.9
    assert audit.findings == []


def test_group_rates_and_ratios_equal_fairlearn() -> None:
    from fairlearn.metrics import MetricFrame, selection_rate

    df = interactions(3_000, seed=5)
    options = AuditOptions(outcomes=("csat_top2", "escalated"), controls=())
    table = ibis.memtable(to_arrow(df))
    audit = run_audit(table, engagement_id="e", dimension="language", options=options)
    responders = df[df["csat"].notna()]
    for name, data, y in (
        ("csat_top2", responders, (responders["csat"] >= 4).astype(int)),
        ("escalated", df[df["answered_at"].notna()],
         df.loc[df["answered_at"].notna(), "escalated"].astype(int)),
    ):  # fmt: skip
        mf = MetricFrame(metrics=selection_rate, y_true=y, y_pred=y,
                         sensitive_features=data["language"])  # fmt: skip
        ours = audit.frame(name)
        pd.testing.assert_series_equal(
            ours.by_group.sort_index(), mf.by_group.sort_index(), check_names=False
        )
        assert ours.overall == pytest.approx(mf.overall)
        assert ours.ratio() == pytest.approx(mf.ratio())
        assert ours.difference() == pytest.approx(mf.difference())
        assert ours.ratio(method="to_overall") == pytest.approx(mf.ratio(method="to_overall"))


def test_small_groups_are_shown_not_judged_and_designed_tiers_are_excluded() -> None:
    df = interactions(4_000, seed=9)
    df.loc[df.index[:20], "seg_region"] = "islands"
    table = ibis.memtable(to_arrow(df))
    audit = run_audit(table, engagement_id="e", dimension="seg_region",
                      options=AuditOptions(outcomes=("answered",), min_group_size=50))  # fmt: skip
    islands = next(g for g in audit.frame("answered").groups if g.group == "islands")
    assert islands.status == "too_small" and math.isnan(islands.p_adjusted)
    tiers = run_audit(table, engagement_id="e", dimension="seg_tier",
                      options=AuditOptions(outcomes=("wait",)))  # fmt: skip
    premium = next(g for g in tiers.frame("wait").groups if g.group == "premium")
    assert premium.status == "designed"
    assert tiers.frame("wait").best_group == "standard"


def test_promised_differential_is_checked() -> None:
    # premium is promised waits no worse than standard / 0.9; here everyone waits alike
    table = ibis.memtable(to_arrow(interactions(6_000, seed=4)))
    promise = DesignedDifference("seg_tier", "premium", promised_ratio=0.5)
    audit = run_audit(table, engagement_id="e", dimension="seg_tier",
                      options=AuditOptions(outcomes=("wait",), designed=(promise,)))  # fmt: skip
    standard = next(g for g in audit.frame("wait").groups if g.group == "standard")
    assert standard.promised_ratio == 0.5
    assert standard.ratio_to_designed == pytest.approx(1.0, abs=0.15)
    assert audit.findings == []


def test_tone_of_replies_is_audited_in_english_only() -> None:
    df = interactions(2_000, seed=3, languages=("en", "es"))
    rng = np.random.default_rng(0)
    kind = rng.random(len(df)) < np.where(df["seg_region"] == "south", 0.3, 0.9)
    df["reply_text"] = np.where(kind, "Thank you so much, happy to help!", "Read the manual. No.")
    df.loc[df["language"] == "es", "reply_text"] = "Gracias por su paciencia"
    audit = run_audit(ibis.memtable(to_arrow(df)), engagement_id="e", dimension="seg_region",
                      options=AuditOptions(outcomes=("tone_positive",)))  # fmt: skip
    frame = audit.frame("tone_positive")
    south = next(g for g in frame.groups if g.group == "south")
    assert south.value == pytest.approx(0.3, abs=0.05)
    assert south.not_covered and south.not_covered > 300
    assert any("not covered" in n for n in audit.notes)
    assert [f.evidence["group"] for f in audit.findings] == ["south"]


def test_period_and_errors(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        audit_parity(workspace, engagement_id="telco-krk", by="language")
    write_lake(workspace.lake, interactions(1_000, seed=2))
    with pytest.raises(InputError, match="seg_region"):
        audit_parity(workspace, engagement_id="telco-krk", by="nationality")
    with pytest.raises(InputError, match="unknown outcome"):
        audit_parity(workspace, engagement_id="telco-krk", by="language",
                     options=replace(AuditOptions(), outcomes=("happiness",)))  # fmt: skip
    empty = audit_parity(
        workspace, engagement_id="telco-krk", by="language", period=parse_period("2026-05")
    )
    assert empty.frames == [] and empty.notes
    march = audit_parity(
        workspace, engagement_id="telco-krk", by="language", period=parse_period("2026-03")
    )
    assert sum(g.n for g in march.frame("answered").groups) == 1_000


def test_tone_from_a_separate_replies_file(workspace: Workspace, tmp_path: Path) -> None:
    df = interactions(1_500, seed=8, languages=("en", "de"))
    write_lake(workspace.lake, df)
    south = df["seg_region"] == "south"
    replies = pd.DataFrame({
        "interaction_id": df["interaction_id"],
        "reply_text": np.where(south, "No. Terrible question.", "Glad to help, thanks!"),
    })  # fmt: skip
    path = tmp_path / "replies.csv"
    replies.to_csv(path, index=False)
    audit = audit_parity(workspace, engagement_id="telco-krk", by="seg_region", replies=path,
                         options=AuditOptions(outcomes=("tone_positive",)))  # fmt: skip
    frame = audit.frame("tone_positive")
    values = {g.group: g.value for g in frame.groups}
    assert values == {"north": 1.0, "south": 0.0}
    assert all(g.not_covered and g.not_covered > 0 for g in frame.groups)  # the German replies
    assert [f.evidence["group"] for f in audit.findings] == ["south"]


def test_a_differential_beyond_the_promise_is_a_finding() -> None:
    # premium is promised waits at least half of standard's (ratio 0.5); standard waits 4x
    df = interactions(6_000, seed=6)
    standard = df["seg_tier"] == "standard"
    delay = df.loc[standard, "answered_at"] - df.loc[standard, "arrived_at"]
    df.loc[standard, "answered_at"] = df.loc[standard, "arrived_at"] + 4 * delay
    promise = DesignedDifference("seg_tier", "premium", promised_ratio=0.5)
    audit = run_audit(ibis.memtable(to_arrow(df)), engagement_id="e", dimension="seg_tier",
                      options=AuditOptions(outcomes=("wait",), designed=(promise,)))  # fmt: skip
    std = next(g for g in audit.frame("wait").groups if g.group == "standard")
    assert std.ratio_to_designed is not None and std.ratio_to_designed < 0.5
    assert [f.key for f in audit.findings] == ["parity:e:seg_tier=standard:wait"]


def test_hour_band_uses_the_engagements_local_time(workspace: Workspace) -> None:
    from datetime import date

    from fairshore.engagements import services as engagements
    from fairshore.parity.outcomes import hour_band
    from fairshore.parity.services import engagement_utc_offset

    engagements.add_vendor(workspace, id="vistula", name="Vistula")
    engagements.add_engagement(
        workspace, id="telco-krk", vendor_id="vistula", name="Krakow",
        timezone="Europe/Warsaw", channels=["voice"], languages=["pl"],
    )  # fmt: skip
    assert engagement_utc_offset(workspace, "telco-krk", on=date(2026, 1, 15)) == 1.0
    assert engagement_utc_offset(workspace, "telco-krk", on=date(2026, 7, 15)) == 2.0
    assert engagement_utc_offset(workspace, "nope", on=None) is None
    at = pa.array([1_768_519_800_000_000], pa.timestamp("us", tz="UTC"))  # 2026-01-15 23:30Z
    t = ibis.memtable(pa.table({"at": at}))
    bands = t.select(utc=hour_band(t.at), local=hour_band(t.at, utc_offset_hours=1.0))
    assert bands.to_pyarrow().to_pylist() == [{"utc": "18-24", "local": "00-06"}]


def test_a_gap_in_the_tail_of_waits_is_judged_at_the_p90() -> None:
    # most contacts of every language are answered at once (median wait 0 s for all),
    # Spanish callers who do wait, wait four times longer: the median ratio says 1.00
    df = interactions(12_000, seed=3, slow_language="es", slow_factor=4.0)
    at_once = np.random.default_rng(3).random(len(df)) < 0.7
    df.loc[at_once & df["answered_at"].notna(), "answered_at"] = df["arrived_at"]
    audit = run_audit(ibis.memtable(to_arrow(df)), engagement_id="e", dimension="language",
                      options=AuditOptions(outcomes=("wait",)))  # fmt: skip
    es = next(g for g in audit.frame("wait").groups if g.group == "es")
    assert es.value == 0.0 and es.impact_ratio == 1.0
    assert es.p90 is not None and es.p90_impact_ratio < 0.5
    [finding] = audit.findings
    assert finding.severity == "major" and "at the p90" in finding.title
    assert finding.evidence["p90_impact_ratio"] == round(es.p90_impact_ratio, 6)
