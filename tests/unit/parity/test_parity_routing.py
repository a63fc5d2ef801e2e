"""Routing audit statistics against scipy, and planted routing bias found (or not)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats.contingency import association

from fairshore.parity.routing import (
    _g_and_chi2,
    cramers_v,
    normalised_mutual_information,
    run_routing,
)

TABLE = np.array([[30.0, 10.0, 5.0], [12.0, 25.0, 18.0]])


def test_g_and_pearson_match_scipy() -> None:
    g, chi2, dof = _g_and_chi2(TABLE)
    ref_g = stats.chi2_contingency(TABLE, correction=False, lambda_="log-likelihood")
    ref_chi2 = stats.chi2_contingency(TABLE, correction=False)
    assert g == pytest.approx(ref_g.statistic)
    assert chi2 == pytest.approx(ref_chi2.statistic)
    assert dof == ref_chi2.dof


def test_cramers_v_matches_scipy() -> None:
    assert cramers_v(TABLE) == pytest.approx(association(TABLE.astype(int), method="cramer"))


def test_mutual_information_of_a_copy_is_one() -> None:
    assert normalised_mutual_information(np.diag([10.0, 20.0, 5.0])) == pytest.approx(1.0)
    assert normalised_mutual_information(np.full((2, 2), 10.0)) == pytest.approx(0.0)


def _decisions(n: int, *, bias: float, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    region = rng.choice(["north", "south"], n)
    language = rng.choice(["en", "es"], n)
    postcode = np.where(region == "north", rng.choice(["10", "11"], n), rng.choice(["20", "21"], n))
    # legitimate: Spanish goes to the Spanish queue; bias: the south is sent to the slow one
    slow = rng.random(n) < np.where(region == "south", 0.3 + bias, 0.3)
    queue = np.where(language == "es", "q-es", np.where(slow, "q-en-slow", "q-en-fast"))
    return pd.DataFrame({"language": language, "channel": "voice", "priority": "0",
                         "seg_region": region, "postcode": postcode, "queue": queue})  # fmt: skip


def test_planted_routing_bias_and_its_proxy_are_found() -> None:
    audit = run_routing(_decisions(6000, bias=0.2, seed=1), engagement_id="e",
                        protected=("seg_region",))  # fmt: skip
    flagged = {x.attribute for x in audit.tests if x.flagged}
    assert flagged == {"seg_region", "postcode"}
    assert any(p.feature == "postcode" and p.proxy for p in audit.proxies)
    assert len(audit.findings) == 2


def test_routing_by_language_alone_is_not_a_finding() -> None:
    for seed in range(3):
        audit = run_routing(_decisions(6000, bias=0.0, seed=seed), engagement_id="e",
                            protected=("seg_region",))  # fmt: skip
        assert audit.findings == []


def _krk(voice: int, chat: int, *, seed: int) -> pd.DataFrame:
    # telco-krk's shape: the voice platform sends no customer segment (null), chat does
    rng = np.random.default_rng(seed)
    n = voice + chat
    channel = np.array(["voice"] * voice + ["chat"] * chat)
    region = np.where(channel == "voice", None, rng.choice(["north", "south"], n))
    queue = np.where(channel == "voice", "q-voice", rng.choice(["q-a", "q-b"], n))
    return pd.DataFrame({"channel": channel, "priority": np.where(channel == "voice", "1", "0"),
                         "seg_region": region, "queue": queue})  # fmt: skip


def test_null_segments_are_insufficient_data_not_no_finding() -> None:
    # every row null (the 17,915 voice rows alone): nothing to test, and said so
    audit = run_routing(_krk(17915, 0, seed=2), engagement_id="telco-krk",
                        protected=("seg_region",))  # fmt: skip
    assert audit.findings == [] and audit.tests == [] and audit.proxies == []
    assert audit.insufficient == ["seg_region: null in all 17,915 rows: insufficient data"]


def test_null_segment_rows_are_left_out_not_a_group() -> None:
    # with "(missing)" as a group, channel and priority tracked it perfectly (proxies)
    audit = run_routing(_krk(1800, 1200, seed=3), engagement_id="telco-krk",
                        protected=("seg_region",))  # fmt: skip
    assert not any(p.proxy for p in audit.proxies)
    (test,) = audit.tests
    assert (test.n, test.missing, test.judged) == (1200, 1800, True)
    assert "seg_region: null in 1,800 of 3,000 rows (60.0 %), left out" in audit.notes[1]
    assert audit.insufficient == []


def test_an_untestable_attribute_is_insufficient_with_its_counts() -> None:
    data = _krk(50, 400, seed=4).assign(queue="q-one")  # one queue: nothing varies
    audit = run_routing(data, engagement_id="e", protected=("seg_region",))
    assert audit.findings == [] and not audit.tests[0].judged
    assert audit.insufficient == [
        "seg_region: insufficient data: 400 rows with a value (50 null), no stratum of "
        "legitimate factors where both it and queue vary"
    ]
