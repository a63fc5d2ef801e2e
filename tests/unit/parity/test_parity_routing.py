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
