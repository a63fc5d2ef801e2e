"""QA figures rolled up from per-agent-month counts: hand-computed case and invariants."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.errors import IngestError
from fairshore.interactions.adapters.qa_export import qa_export_mapping
from fairshore.quality.figures import period_label, roll_up


def _evaluated(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"vendor_id": "v", "agent_ref": a, "month": m, "n": n, "score_sum": 80.0 * n,
             "passes": n, "fails": 0}
            for a, m, n in rows
        ]
    )  # fmt: skip


def test_hand_computed_coverage_with_an_unevaluated_active_agent() -> None:
    evaluated = _evaluated([("a1", "2026-03", 5), ("a2", "2026-03", 2), ("a1", "2026-04", 4)])
    active = pd.DataFrame(
        {
            "vendor_id": "v",
            "agent_ref": ["a1", "a2", "a3", "a1", "a2"],
            "month": ["2026-03", "2026-03", "2026-03", "2026-04", "2026-04"],
        }
    )
    out = roll_up(evaluated, active, keys=["vendor_id"], period="month", min_per_agent_month=4)
    march = out[out["_period"] == "2026-03"].iloc[0]
    # 7 evaluations over 3 active agents (a3 never evaluated); 1 of 3 reaches 4
    assert march["qa_coverage"] == pytest.approx(7 / 3)
    assert march["qa_coverage_share"] == pytest.approx(1 / 3)
    april = out[out["_period"] == "2026-04"].iloc[0]
    assert april["qa_coverage"] == pytest.approx(4 / 2) and april["qa_coverage_share"] == 0.5
    whole = roll_up(evaluated, active, keys=[], period="quarter", min_per_agent_month=4)
    assert whole["_period"].tolist() == ["2026-Q1", "2026-Q2"]
    assert period_label("2026-12", "quarter") == "2026-Q4" and period_label("2026-12", None) is None


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a1", "a2", "a3"]), st.sampled_from(["2026-01", "2026-02"]),
                  st.integers(1, 9)),
        min_size=1, max_size=12, unique_by=lambda t: (t[0], t[1]),
    )
)  # fmt: skip
def test_evaluations_add_up_and_coverage_stays_a_share(rows: list[tuple[str, str, int]]) -> None:
    evaluated = _evaluated(rows)
    active = pd.DataFrame(
        [{"vendor_id": "v", "agent_ref": a, "month": m} for a in ("a1", "a2", "a3")
         for m in ("2026-01", "2026-02")]
    )  # fmt: skip
    out = roll_up(evaluated, active, keys=["vendor_id"], period="month", min_per_agent_month=4)
    assert out["qa_evaluations"].sum() == sum(n for _, _, n in rows)
    assert ((out["qa_coverage_share"] >= 0) & (out["qa_coverage_share"] <= 1)).all()
    # every agent is active both months, so coverage x active = evaluations
    assert (out["qa_coverage"] * out["qa_active_agent_months"]).sum() == pytest.approx(
        out["qa_evaluations"].sum()
    )


def test_a_bad_export_mapping_names_its_problem() -> None:
    with pytest.raises(IngestError, match="needs a mapping"):
        qa_export_mapping({})
    with pytest.raises(IngestError, match="layout"):
        qa_export_mapping({"format": "qa-export", "columns": {"evaluation_id": "Id"}})
    with pytest.raises(IngestError, match="long_items"):
        qa_export_mapping({"layout": "long", "columns": {"evaluation_id": "Id"}})
    with pytest.raises(IngestError, match="evaluation_id"):
        qa_export_mapping({"layout": "wide", "columns": {"total": "Score"}})
