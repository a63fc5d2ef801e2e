"""A report's line chart draws its reference line (vl-convert, no network)."""

from __future__ import annotations

import re

from fairshore.reporting.charts import line_chart, to_svg


def test_the_target_is_a_dashed_red_rule_at_its_value() -> None:
    points = [{"m": "2026-06", "v": 50.0, "s": "a"}, {"m": "2026-07", "v": 150.0, "s": "a"}]
    chart = line_chart("t", points, x="m", y="v", series="s", y_title="% of target", rule_at=100.0)
    svg = to_svg(chart)
    rule = re.search(
        r'<line transform="translate\(\d+,(\d+)\)"[^>]*stroke="#cf222e" '
        r'stroke-dasharray="4,4"',
        svg,
    )
    assert rule, "no dashed red rule"
    # The axis is made nice to 0-160 over 160 px: 100 lies 60 px below the top.
    assert int(rule.group(1)) == 60
    bare = to_svg(line_chart("t", points, x="m", y="v", series="s", y_title="% of target"))
    assert "#cf222e" not in bare
