"""QA parity on constructed evaluations: a known gap is found, equal groups are not."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from fairshore.quality.parity import audit_qa_parity, qa_audit_options


def _evaluations(*, gap: float, critical_gap: float, seed: int = 3, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for language in ("en", "es", "pl"):
        worse = language == "es"
        for i in range(n):
            fail = rng.random() < 0.02 + (critical_gap if worse else 0.0)
            score = float(np.clip(rng.normal(84 - (gap if worse else 0.0), 6), 0, 100))
            rows.append(
                {
                    "language": language,
                    "channel": ("voice", "chat")[i % 2],
                    "total": 0.0 if fail else round(score, 1),
                    "auto_fail": bool(fail),
                }
            )
    return pd.DataFrame(rows)


def test_a_planted_score_and_critical_error_gap_is_found() -> None:
    audit = audit_qa_parity(
        _evaluations(gap=6, critical_gap=0.08), engagement_id="e1", dimension="language"
    )
    keys = sorted(f.key for f in audit.findings)
    assert keys == [
        "quality:e1:parity:vendor:language=es:qa_critical_error",
        "quality:e1:parity:vendor:language=es:qa_score",
    ]
    score = next(f for f in audit.frames if f.outcome.name == "qa_score")
    es = next(g for g in score.groups if g.group == "es")
    assert es.worse_than_rest and es.effect < -0.147
    assert score.best_group in ("en", "pl")


def test_equal_groups_raise_nothing() -> None:
    for seed in range(5):
        audit = audit_qa_parity(
            _evaluations(gap=0, critical_gap=0, seed=seed), engagement_id="e1", dimension="language"
        )
        assert audit.findings == [], [f.title for f in audit.findings]


def test_score_test_and_interval_match_scipy() -> None:
    """Reference: scipy.stats.mannwhitneyu and the Student t interval (scipy.stats.t)."""
    data = _evaluations(gap=3, critical_gap=0)
    audit = audit_qa_parity(
        data,
        engagement_id="e1",
        dimension="language",
        options=qa_audit_options(controls=()),
    )
    score = next(f for f in audit.frames if f.outcome.name == "qa_score")
    es = next(g for g in score.groups if g.group == "es")
    x = data.loc[data.language == "es", "total"].to_numpy()
    y = data.loc[data.language != "es", "total"].to_numpy()
    ref = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")
    assert np.isclose(es.p_value, ref.pvalue)
    lo, hi = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert np.isclose(es.ci_low, lo) and np.isclose(es.ci_high, hi)
    assert np.isclose(es.value, x.mean())


def test_critical_errors_use_parity_rate_statistics() -> None:
    """Reference: scipy.stats.fisher_exact / the pooled z test on the same 2x2 table."""
    data = _evaluations(gap=0, critical_gap=0.08)
    audit = audit_qa_parity(
        data, engagement_id="e1", dimension="language", options=qa_audit_options(controls=())
    )
    frame = next(f for f in audit.frames if f.outcome.name == "qa_critical_error")
    es = next(g for g in frame.groups if g.group == "es")
    k1 = int(data.loc[data.language == "es", "auto_fail"].sum())
    k2 = int(data.loc[data.language != "es", "auto_fail"].sum())
    table = np.array([[k1, 400 - k1], [k2, 800 - k2]])
    chi2 = stats.chi2_contingency(table, correction=False)
    assert es.test == "two_proportion_z"
    assert np.isclose(es.p_value, chi2.pvalue)
    assert es.successes == k1 and es.impact_ratio < 1


def test_small_groups_are_shown_not_judged() -> None:
    data = _evaluations(gap=20, critical_gap=0, n=20)
    audit = audit_qa_parity(data, engagement_id="e1", dimension="language")
    assert audit.findings == []
    assert {g.status for f in audit.frames for g in f.groups} == {"too_small"}
    assert audit.to_dict()["outcomes"][0]["kind"] == "score"  # type: ignore[index]


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_row_order_does_not_change_the_audit(seed: int) -> None:
    data = _evaluations(gap=3, critical_gap=0.03, n=120)
    shuffled = data.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    a = audit_qa_parity(data, engagement_id="e1", dimension="language")
    b = audit_qa_parity(shuffled, engagement_id="e1", dimension="language")
    assert [f.key for f in a.findings] == [f.key for f in b.findings]
    for fa, fb in zip(a.frames, b.frames, strict=True):
        for ga, gb in zip(fa.groups, fb.groups, strict=True):
            assert ga.group == gb.group
            assert np.isclose(ga.value, gb.value) and np.isclose(ga.p_value, gb.p_value)
            assert np.isclose(ga.adjusted_p_value, gb.adjusted_p_value, equal_nan=True)
