"""API schemas are the services' result types, derived in one place (``public``)."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

from fairshore.entrypoints.web.public import present, public
from fairshore.entrypoints.web.schemas_analytics import ParityGroupPublic, RankRowPublic
from fairshore.parity.model import GroupResult
from fairshore.vetting.ranking import RankRow


def test_a_derived_schema_has_the_result_fields_in_order_plus_what_it_adds() -> None:
    source = [f.name for f in dataclasses.fields(GroupResult)]
    assert list(ParityGroupPublic.model_fields) == [*source, "flagged"]
    assert list(public(GroupResult, exclude=("test",)).model_fields) == [
        n for n in source if n != "test"
    ]


def test_nan_is_null_and_exact_numbers_are_json_numbers() -> None:
    group = GroupResult(group="es", n=40, value=0.5, ci_low=0.4, ci_high=0.6, status="judged")
    assert math.isnan(group.impact_ratio)
    shown = present(ParityGroupPublic, group, flagged=False)
    assert shown.impact_ratio is None and shown.value == 0.5
    row = RankRow(
        vendor_id="andes",
        rank=1,
        total=Fraction(1631, 22),
        band="good",
        eligible=True,
        first_share=1.0,
        pillars={"labour": Fraction(1, 3), "voice": None},
    )
    data = present(RankRowPublic, row, vendor_name="Andes").model_dump(mode="json")
    assert data["total"] == 1631 / 22 and data["pillars"] == {"labour": 1 / 3, "voice": None}
