"""Sharing policy validation: every mistake named by its place in the file."""

from __future__ import annotations

import pyarrow as pa
import pytest

from fairshore.errors import PrivacyError
from fairshore.privacy.minimisation import Minimiser
from fairshore.privacy.policy import parse_policy
from fairshore.privacy.pseudonyms import PseudonymKey

GOOD = """
engagement_id: telco-mnl
retention_days: 90
processing_locations: [PH]
tables:
  interactions:
    default: share
    fields:
      customer_ref: pseudonymise
      arrived_at: {action: generalise, generalise_to: month, reason: time of day not needed}
      seg_region: {action: generalise, generalise_to: region, keep_chars: 2}
      csat: withhold
  access_events:
    fields:
      record_ref: pseudonymise
      agent_ref: share
"""


def test_good_policy_parses() -> None:
    policy = parse_policy(GOOD)
    assert policy.tables["interactions"].rule("customer_ref").action == "pseudonymise"
    assert policy.tables["interactions"].rule("channel").action == "share"  # table default
    assert policy.tables["access_events"].rule("source").action == "withhold"  # default default


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("customer_ref: pseudonymise", "customer_ref: scramble"),
            "tables.interactions.fields.customer_ref.action: Input should be",
        ),
        (
            (
                "{action: generalise, generalise_to: month, reason: time of day not needed}",
                "generalise",
            ),
            "needs 'generalise_to'",
        ),
        (("processing_locations: [PH]", "processing_locations: [Philippines]"), "ISO 3166 alpha-2"),
        (("processing_locations: [PH]", "processing_locations: []"), "processing_locations"),
        (("retention_days: 90", "retention_days: 0"), "retention_days"),
        (("  access_events:", "  payroll:"), "tables.payroll: unknown table"),
        (
            ("      csat: withhold", "      csat_score: withhold"),
            "tables.interactions.fields.csat_score: not a column of interactions",
        ),
        (
            ("retention_days: 90", "retention_days: 90\nsubprocessors: [acme]"),
            "'subprocessors_allowed' is false",
        ),
        (
            ("retention_days: 90", "retention_days: 90\nfree_text_operator: shred"),
            "free_text_operator",
        ),
        (("retention_days: 90", "retention_days: 90\nretention: 30"), "retention: Extra inputs"),
    ],
)
def test_policy_errors_are_named(change: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(PrivacyError, match="invalid sharing policy") as err:
        parse_policy(text)
    assert message in str(err.value)


def test_yaml_errors_are_privacy_errors() -> None:
    with pytest.raises(PrivacyError, match="not valid YAML"):
        parse_policy("tables: [unclosed")
    with pytest.raises(PrivacyError, match="must be a mapping"):
        parse_policy("- a\n- b")


def test_minimiser_applies_each_rule() -> None:
    policy = parse_policy(GOOD)
    key = PseudonymKey(b"k" * 32)
    batch = pa.table(
        {
            "customer_ref": ["c1", "c2", "c1"],
            "arrived_at": pa.array([0, 10**12, 2 * 10**12], pa.timestamp("us", "UTC")),
            "seg_region": ["ncr-south", "Visayas", None],
            "csat": [5.0, 4.0, 1.0],
            "channel": ["voice", "chat", "email"],
        }
    )
    out = Minimiser("interactions", policy.tables["interactions"], key=key, redactor=None).apply(
        batch
    )
    assert "csat" not in out.column_names
    refs = out.column("customer_ref").to_pylist()
    assert refs[0] == refs[2] != refs[1] and "c1" not in refs
    assert out.column("arrived_at").to_pylist() == ["1970-01", "1970-01", "1970-01"]
    assert out.column("seg_region").to_pylist() == ["NC", "VI", None]
    assert out.column("channel").to_pylist() == ["voice", "chat", "email"]


def test_redact_rule_cleans_free_text_fields() -> None:
    from fairshore.privacy.operators import OperatorParams, operator
    from fairshore.privacy.redaction import Redactor

    policy = parse_policy(GOOD.replace("      csat: withhold", "      reason: redact"))
    redactor = Redactor(operator("redact", OperatorParams()))
    minimiser = Minimiser(
        "interactions",
        policy.tables["interactions"],
        key=PseudonymKey(b"k" * 32),
        redactor=redactor,
    )
    out = minimiser.apply(pa.table({"reason": ["refund to ana@example.com", None, "billing"]}))
    assert out.column("reason").to_pylist() == ["refund to <EMAIL_ADDRESS>", None, "billing"]
    assert minimiser.redacted == {"EMAIL_ADDRESS": 1}
