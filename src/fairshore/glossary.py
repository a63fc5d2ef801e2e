"""Plain-language explanations of the statistical and contact-centre labels the app shows.

One home for the words: the web pages' hover titles (``<abbr title>``) and the
``/glossary`` page both read ``TERMS``. A KPI's exact formula is not repeated here;
``formula`` looks it up in ``fairshore.metrics.model.KPI_DEFINITIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairshore.metrics.model import KPI_DEFINITIONS, LIVE_CHANNELS


@dataclass(frozen=True)
class Term:
    """One label: what the page shows, what it means in plain words, and where it comes from.

    Parameters
    ----------
    key
        Stable name used by templates (``term('impact_ratio')``).
    label
        The label as pages print it.
    text
        The plain-language explanation (one or two sentences).
    source
        The published standard or paper the definition follows.
    kpi
        The KPI name whose pinned formula applies, if any.
    """

    key: str
    label: str
    text: str
    source: str
    kpi: str | None = None

    @property
    def formula(self) -> str | None:
        """The pinned formula of the KPI this label names (docs/kpis.md), if any."""
        return next((d.definition for d in KPI_DEFINITIONS if d.name == self.kpi), None)


_ICMI = 'ICMI (International Customer Management Institute), "Service Level Calculations"'
_COPC = "COPC CX Standard for Customer Experience Operations"
_WFM = "Workforce-management usage as taught by ICMI and COPC"
_BH = "Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1):289-300"
_UGESP = "EEOC Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4(D)"

TERMS: tuple[Term, ...] = (
    Term(
        "service_level",
        "Service level",
        "Share of contacts answered within the threshold (20 s by default), counting "
        "customers who hung up within a few seconds as neither missed nor answered late.",
        _ICMI,
        "service_level",
    ),
    Term(
        "asa",
        "ASA",
        "Average speed of answer: how long, on average, a customer waited before a person "
        "answered. For e-mail and other tickets it is the time to the first reply.",
        _COPC,
        "asa_s",
    ),
    Term(
        "abandon_rate",
        "Abandon rate",
        "Share of customers who gave up waiting before anyone answered.",
        _COPC,
        "abandon_rate",
    ),
    Term(
        "aht",
        "AHT",
        "Average handle time: talk or work time an agent spent on a contact, including "
        "hold and wrap-up.",
        _COPC,
        "aht_s",
    ),
    Term(
        "fcr",
        "FCR",
        "First contact resolution: share of customers whose issue was solved the first "
        "time, without having to come back.",
        _COPC,
        "fcr_rate",
    ),
    Term(
        "csat_top2",
        "CSAT top-2",
        "Share of surveyed customers who gave 4 or 5 out of 5 for satisfaction.",
        _COPC,
        "csat_top2",
    ),
    Term(
        "occupancy",
        "Occupancy",
        "Share of agents' signed-in time spent handling contacts; above about 85-90 % "
        "sustained, agents have no breathing space between contacts.",
        _WFM,
    ),
    Term(
        "shrinkage",
        "Shrinkage",
        "Share of paid time agents are not available to take contacts: breaks, training, "
        "meetings, absence.",
        _WFM,
    ),
    Term(
        "attrition",
        "Attrition",
        "Share of agents who left, out of the average headcount; the annual figure "
        "counts the twelve months to the month shown.",
        "SHRM annual turnover (leavers / average headcount)",
    ),
    Term(
        "enps",
        "eNPS",
        "Employee Net Promoter Score: the share of agents who would recommend working "
        "here (9-10 of 10) minus the share who would not (0-6), from -100 to +100.",
        "Reichheld (2003), Harvard Business Review 81(12), applied to employees",
    ),
    Term(
        "live_channel",
        "Live channel",
        "A channel where the customer waits on the line for an answer: "
        + ", ".join(LIVE_CHANNELS)
        + ". Measured in seconds.",
        _ICMI,
    ),
    Term(
        "deferred_channel",
        "Deferred channel",
        "A channel answered later (e-mail, web forms, social posts, other tickets); its "
        "first response is measured in hours and never averaged with live channels.",
        _COPC,
    ),
    Term(
        "impact_ratio",
        "Impact ratio",
        "A group's favourable outcome divided by the best group's: 1.00 means as well "
        "served as the best group, 0.80 means a fifth worse. Below 0.80 breaks the "
        "four-fifths rule.",
        _UGESP,
    ),
    Term(
        "four_fifths",
        "Four-fifths rule",
        "A group served less than 80 % as well as the best group is taken as evidence of "
        "adverse impact, unless the difference is small-sample noise.",
        _UGESP,
    ),
    Term(
        "confidence_interval",
        "95 % interval",
        "The range the true value lies in with 95 % confidence, given how many contacts "
        "were seen; wide intervals mean few contacts.",
        "Wilson (1927) score interval for rates; bootstrap percentile interval for times",
    ),
    Term(
        "gap",
        "Gap",
        "How far a group is from the best group: percentage points for rates, seconds for times.",
        _UGESP,
    ),
    Term(
        "p_bh",
        "p (BH)",
        "Chance of seeing a difference this large if the group were really served like "
        "everyone else, corrected for testing many groups at once; below 0.05 counts as "
        "significant.",
        _BH,
    ),
    Term(
        "adjusted",
        "Adjusted",
        "The comparison repeated within like-for-like contacts (same channel, priority "
        "and hour of day), so a group is not blamed for the mix of contacts it has.",
        "Mantel & Haenszel (1959), J. Natl. Cancer Inst. 22(4):719-748",
    ),
    Term(
        "judged",
        "Judged",
        "A group large enough (30 contacts or more) and not deliberately served "
        "differently, so its difference is tested and can raise a finding.",
        _UGESP,
    ),
    Term(
        "too_small",
        "Too small",
        "Fewer contacts than the minimum group size: shown, but not judged, because "
        "the difference could be chance.",
        _UGESP,
    ),
    Term(
        "designed",
        "Designed",
        "A group served differently on purpose (e.g. a premium tier with its own queue); "
        "it is shown but never flagged, and its promised ratio is checked instead.",
        "Fairshore parity rules, docs/parity.md",
    ),
    Term(
        "ratio_to_designed",
        "Judged/designed",
        "A judged group's value divided by the designed group's: checked against the "
        "ratio the contract promises between the two.",
        "Fairshore parity rules, docs/parity.md",
    ),
    Term(
        "service_credit",
        "Service credit",
        "Money the vendor owes back when a contract term is breached, capped at a "
        "share of the monthly fee; meeting terms later can earn it back.",
        "Fairshore contracts, docs/contracts.md",
    ),
)

_BY_KEY = {t.key: t for t in TERMS}


def term(key: str) -> Term:
    """The term named ``key``; an unknown key is a programming error, raised at once."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no glossary term {key!r}; known: {', '.join(_BY_KEY)}") from None


def find(name: str) -> Term | None:
    """The term named ``name`` or explaining the KPI ``name`` (``asa_s``), if any."""
    return _BY_KEY.get(name) or next((t for t in TERMS if t.kpi == name), None)
