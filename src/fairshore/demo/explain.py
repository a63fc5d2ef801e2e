"""Which planted problem explains a finding: the demo's honesty check against ``truth.json``.

A finding is explained when a planted problem (or a planted contradicted claim) is at
the same engagement and the finding measures what the problem spoils: its source and
the words of its key (``sla:telco-blr:csat``, ``contract:telco-mnl:living_wage_floor``,
``parity:telco-krk:language=es:wait`` ...), and, for a problem of one month, a period
that meets that month or the next (the month the backlog drains). A finding that keeps
one key per condition (several months in one) matches in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fairshore.errors import InputError
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period, parse_period

SERIOUS = ("major", "critical")
# Engagement-level live service measures that one badly staffed language queue drags down.
LIVE_SERVICE = frozenset({"voice-service-level", "chat-service-level", "voice-abandon-rate"})


@dataclass(frozen=True)
class Rule:
    """What a planted problem of one kind spoils: sources, and key words (any one)."""

    sources: frozenset[str]
    words: frozenset[str] = frozenset()
    any_word_of_source: frozenset[str] = frozenset()
    within_period: bool = False


RULES: dict[str, Rule] = {
    "underpay": Rule(
        sources=frozenset({"contract", "pay", "vetting", "people", "audit"}),
        words=frozenset(
            {"living_wage_floor", "living_wage", "min_pay_to_living_wage", "living_wage_share"}
        ),
        any_word_of_source=frozenset({"pay", "audit"}),
    ),
    "language_wait_gap": Rule(
        sources=frozenset({"parity", "sla", "audit"}),
        words=frozenset({"language=es"}) | LIVE_SERVICE,
        any_word_of_source=frozenset({"audit"}),
    ),
    "understaffed_month": Rule(
        sources=frozenset({"sla", "contract", "people", "staffing", "audit"}),
        any_word_of_source=frozenset({"sla", "contract", "people", "staffing", "audit"}),
        within_period=True,
    ),
    # The July cut (80 % of the team let go at the end of June) is this engagement's
    # attrition, whatever period a finding about attrition covers.
    "understaffed_month:attrition": Rule(
        sources=frozenset({"contract", "vetting", "people"}),
        words=frozenset({"max_attrition", "attrition_rate", "attrition"}),
    ),
    "bulk_export": Rule(
        sources=frozenset({"access_anomaly", "audit"}),
        any_word_of_source=frozenset({"access_anomaly", "audit"}),
    ),
    "late_breach_notification": Rule(
        sources=frozenset({"contract", "privacy_incident", "vetting", "audit"}),
        words=frozenset({"breach_notification_hours"}),
        any_word_of_source=frozenset({"privacy_incident", "audit"}),
    ),
    # The accesses from abroad come over a network the agents never used: the access
    # anomaly detector's new-source flags that month are the same events.
    "residency_breach": Rule(
        sources=frozenset({"contract", "access_anomaly"}),
        words=frozenset({"data_residency"}),
        any_word_of_source=frozenset({"access_anomaly"}),
        within_period=True,
    ),
    "subcontracted_team": Rule(
        sources=frozenset({"contract"}), words=frozenset({"subcontracting"})
    ),
    "audit_refused": Rule(sources=frozenset({"contract"}), words=frozenset({"audit_rights"})),
    "wellbeing_decline": Rule(
        sources=frozenset({"people"}),
        words=frozenset({"wellbeing"}),
    ),
    "qa_inflation": Rule(
        sources=frozenset({"quality", "audit"}),
        any_word_of_source=frozenset({"quality"}),
    ),
}


@dataclass
class Explanation:
    """Findings sorted by what explains them, and planted problems no finding shows."""

    explained: dict[str, list[Finding]] = field(default_factory=dict)
    unexplained: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def serious_unexplained(self) -> list[Finding]:
        """Major or critical findings no planted problem explains."""
        return [f for f in self.unexplained if f.severity in SERIOUS]


def key_words(finding: Finding) -> set[str]:
    """The words of a finding's key and the measure named in its evidence."""
    words = set(finding.key.split(":"))
    for name in ("metric", "claim", "outcome", "kind", "term_id", "clause"):
        value = finding.evidence.get(name)
        if isinstance(value, str):
            words.add(value)
    return words


def _period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except (InputError, ValueError):  # a label the parser does not know: judge the rest
        return None


def _meets(finding: Finding, problem: Mapping[str, Any]) -> bool:
    """Whether the finding's period meets the problem's (and the month after it)."""
    seen = _period(finding.period)
    if seen is None:
        return True
    start = parse_period(problem["period"]["start"][:7])
    end = parse_period(problem["period"]["end"][:7]).shift(1)
    return seen.start < end.end and start.start < seen.end


def _matches(finding: Finding, rule: Rule, problem: Mapping[str, Any]) -> bool:
    if finding.source not in rule.sources:
        return False
    if finding.engagement_id not in (None, problem["engagement_id"]):
        return False
    if finding.engagement_id is None and problem["vendor_id"] not in finding.key:
        return False
    if rule.within_period and not _meets(finding, problem):
        return False
    if finding.source in rule.any_word_of_source:
        return True
    return bool(key_words(finding) & rule.words)


def _claim_matches(finding: Finding, claim: Mapping[str, str]) -> bool:
    words = key_words(finding)
    same_place = finding.engagement_id in (None, claim["engagement_id"])
    return (
        same_place
        and claim["claim"] in words
        and (claim["vendor_id"] in words or finding.engagement_id == claim["engagement_id"])
    )


def explain(truth: Mapping[str, Any], findings: Iterable[Finding]) -> Explanation:
    """Match every finding to the planted problem or claim of ``truth`` that explains it."""
    out = Explanation()
    problems: list[Mapping[str, Any]] = list(truth["problems"])
    for finding in findings:
        reason = _reason(finding, problems, truth.get("claims", []))
        if reason is None:
            out.unexplained.append(finding)
        else:
            out.explained.setdefault(reason, []).append(finding)
    out.missing = [p["kind"] for p in problems if p["kind"] not in out.explained]
    return out


def _reason(
    finding: Finding,
    problems: list[Mapping[str, Any]],
    claims: Iterable[Mapping[str, str]],
) -> str | None:
    for problem in problems:
        kind = problem["kind"]
        for name in (kind, f"{kind}:attrition"):
            rule = RULES.get(name)
            if rule is not None and _matches(finding, rule, problem):
                return str(kind)
    for claim in claims:
        if _claim_matches(finding, claim):
            return f"claim:{claim['vendor_id']}:{claim['claim']}"
    return None
