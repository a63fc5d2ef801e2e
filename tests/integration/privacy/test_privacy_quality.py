"""Redaction quality on the labelled corpus (tests/data/privacy/corpus.jsonl).

Thresholds from the issue: recall >= 0.95 for e-mails, phones, cards and IBANs, and
precision >= 0.9 for them. ``python -m benchmarks.redaction_quality`` prints them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.privacy.detection import PiiDetector
from fairshore.privacy.quality import QualityReport, evaluate, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "data" / "privacy" / "corpus.jsonl"


@pytest.fixture(scope="module")
def report() -> QualityReport:
    corpus = load_corpus(CORPUS)
    assert len(corpus) >= 400
    assert {c.lang for c in corpus} == {"en", "es", "pl", "hi", "tl"}
    return evaluate(corpus, PiiDetector())


@pytest.mark.parametrize("entity", ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE"])
def test_required_entities(report: QualityReport, entity: str) -> None:
    score = report.score(entity)
    assert score.support >= 40
    assert score.recall is not None and score.recall >= 0.95
    assert score.precision is not None and score.precision >= 0.9


def test_every_other_entity_is_usable(report: QualityReport) -> None:
    for score in report.scores:
        assert score.precision is None or score.precision >= 0.9, score
        assert score.recall is None or score.recall >= 0.8, score
