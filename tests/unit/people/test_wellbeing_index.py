"""The wellbeing index's arithmetic and its worsening finding; the pulse's k-anonymity."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.people import pulse, wellbeing

BENCH = wellbeing.shipped_benchmarks()


def _month(occupancy: float) -> list[wellbeing.WellbeingPart]:
    return [wellbeing.part("occupancy", occupancy, BENCH, "")]


def test_every_part_has_a_cited_benchmark() -> None:
    assert set(BENCH) == set(wellbeing.PARTS)
    assert all(b.source and b.kind for b in BENCH.values())
    # the published figures the parts are judged against (ethics-standards.md, kpi-definitions.md)
    assert BENCH["occupancy"].limit == 0.85
    assert BENCH["overtime_share"].limit == pytest.approx(12 / 60)


def test_score_and_index() -> None:
    assert wellbeing.score(0.9, 0.85) == pytest.approx(0.85 / 0.9)
    assert wellbeing.score(0.3, 0.0) == pytest.approx(0.7)
    parts = [*_month(0.9), wellbeing.part("shrinkage", None, BENCH, "no hours")]
    assert wellbeing.index(parts) == pytest.approx(100 * 0.85 / 0.9)  # unscored part left out
    assert wellbeing.index([wellbeing.part("shrinkage", None, BENCH, "")]) is None


def _site(occupancies: list[float]) -> wellbeing.Wellbeing:
    months = [(date(2026, i + 1, 1), _month(o)) for i, o in enumerate(occupancies)]
    site = wellbeing.site_months("s1", months)
    return wellbeing.Wellbeing(engagement_id="e", sites=[site], benchmarks=list(BENCH.values()))


def test_three_falls_in_a_row_raise_a_finding() -> None:
    result = _site([0.8, 0.9, 0.95, 1.0])  # index 100, 94.4, 89.5, 85
    assert result.sites[0].falling_months == 3
    (found,) = wellbeing.worsening_findings("e", result)
    assert found.key == "people:e:s1:wellbeing"
    assert found.severity == "major"  # 15 points over the run: 10 or more is major
    assert found.value == pytest.approx(85.0)
    assert "occupancy 1" in found.detail and "Call Centre Helper" in found.detail


def test_a_slow_drift_is_minor() -> None:
    (found,) = wellbeing.worsening_findings("e", _site([0.86, 0.87, 0.88, 0.89]))
    assert found.severity == "minor"  # 85/0.86 -> 85/0.89: about 3.3 points


def test_a_recovery_resets_the_run() -> None:
    result = _site([0.9, 1.0, 0.86, 0.95])
    assert result.sites[0].falling_months == 1
    assert wellbeing.worsening_findings("e", result) == []


def _responses(quarter_day: date, scores: list[int], site: str | None = None) -> list:
    return [
        pulse.new_response(engagement_id="e", site_id=site, score=s, today=quarter_day)
        for s in scores
    ]


def test_enps_promoters_minus_detractors() -> None:
    # kpi-definitions.md: NPS = % promoters (9-10) - % detractors (0-6)
    group = pulse.enps([10, 9, 9, 8, 7, 6, 0, 5, 10, 3], quarter="2026-Q1", site_id=None, k=5)
    assert group.enps == pytest.approx(100 * (4 - 4) / 10)
    group = pulse.enps([10, 10, 9, 8, 1], quarter="2026-Q1", site_id=None, k=5)
    assert group.enps == pytest.approx(40.0)


def test_a_site_under_k_hides_every_site_of_its_quarter() -> None:
    day = date(2026, 5, 1)
    responses = _responses(day, [9] * 6, "a") + _responses(day, [2] * 3, "b")
    report = pulse.pulse_report("e", responses, declared=40.0, declared_source="q")
    (q,) = report.quarters
    assert (q.responses, q.enps) == (9, pytest.approx(100 * (6 - 3) / 9))
    # site a alone (6) would be shown, but the total minus a reveals b's 3
    assert all(s.suppressed and s.enps is None for s in report.sites)
    assert report.gap == pytest.approx((q.enps or 0) - 40.0)


def test_a_score_outside_0_to_10_is_refused() -> None:
    from fairshore.errors import InputError

    with pytest.raises(InputError, match="0 to 10"):
        pulse.new_response(engagement_id="e", site_id=None, score=11, today=date(2026, 1, 1))


def test_a_part_that_gains_a_figure_does_not_hide_a_fall() -> None:
    before = _month(0.9)
    after = [*_month(0.95), wellbeing.part("shrinkage", 0.1, BENCH, "")]
    assert (wellbeing.index(after) or 0) > (wellbeing.index(before) or 0)  # the mix improved
    # like for like, occupancy alone: 85/0.95 - 85/0.9 points
    assert wellbeing.change(before, after) == pytest.approx(100 * (0.85 / 0.95 - 0.85 / 0.9))
