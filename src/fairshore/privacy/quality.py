"""Precision and recall of the detector on a labelled corpus, per entity type.

A gold span counts as found when a detection of the same type overlaps it; a
detection counts as correct when it overlaps a gold span of its type. Known-value
detections are not scored (the corpus records carry no structured fields).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from fairshore.privacy.model import Detection


class Detects(Protocol):
    """Anything that finds personal data in a text (our detector, or a baseline)."""

    def detect(self, text: str, *, known: Mapping[str, str] | None = None) -> list[Detection]:
        """Detections in ``text``."""
        ...


class GoldSpan(BaseModel):
    type: str
    start: int
    end: int


class LabelledText(BaseModel):
    id: str
    lang: str
    text: str
    entities: list[GoldSpan]


class EntityScore(BaseModel):
    """Counts and rates of one entity type."""

    entity: str
    support: int
    predicted: int
    true_positives: int
    false_negatives: int
    false_positives: int
    precision: float | None
    recall: float | None


class QualityReport(BaseModel):
    """Per-entity scores over a corpus, with the misses for inspection."""

    texts: int
    scores: list[EntityScore]
    misses: list[str]
    false_alarms: list[str]

    def score(self, entity: str) -> EntityScore:
        for s in self.scores:
            if s.entity == entity:
                return s
        raise KeyError(entity)


def load_corpus(path: Path) -> list[LabelledText]:
    """Read a JSON-lines corpus."""
    with path.open(encoding="utf-8") as fh:
        return [LabelledText.model_validate(json.loads(line)) for line in fh if line.strip()]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(corpus: Iterable[LabelledText], detector: Detects) -> QualityReport:
    """Run ``detector`` over ``corpus`` and score it per entity type."""
    counts: dict[str, list[int]] = {}  # entity -> [support, predicted, tp_gold, tp_pred]
    misses: list[str] = []
    false_alarms: list[str] = []
    n = 0
    for item in corpus:
        n += 1
        found = [d for d in detector.detect(item.text) if d.entity != "KNOWN_VALUE"]
        for gold in item.entities:
            c = counts.setdefault(gold.type, [0, 0, 0, 0])
            c[0] += 1
            if any(_hit(d, gold) for d in found):
                c[2] += 1
            else:
                misses.append(f"{item.id} {gold.type}: {item.text[gold.start : gold.end]!r}")
        for det in found:
            c = counts.setdefault(det.entity, [0, 0, 0, 0])
            c[1] += 1
            if any(_hit(det, g) for g in item.entities):
                c[3] += 1
            else:
                false_alarms.append(f"{item.id} {det.entity}: {item.text[det.start : det.end]!r}")
    scores = [
        EntityScore(
            entity=entity,
            support=c[0],
            predicted=c[1],
            true_positives=c[2],
            false_negatives=c[0] - c[2],
            false_positives=c[1] - c[3],
            precision=c[3] / c[1] if c[1] else None,
            recall=c[2] / c[0] if c[0] else None,
        )
        for entity, c in sorted(counts.items())
    ]
    return QualityReport(texts=n, scores=scores, misses=misses, false_alarms=false_alarms)


def _hit(det: Detection, gold: GoldSpan) -> bool:
    return det.entity == gold.type and _overlaps(det.start, det.end, gold.start, gold.end)


class LanguageRecall(BaseModel):
    """Recall of one entity type in one language.

    ``found`` counts gold spans a detection overlaps (as ``evaluate`` does);
    ``covered`` those whose every character a detection covers: a name half redacted
    ("<PERSON> Fernández") is found but not covered.
    """

    lang: str
    support: int
    found: int
    covered: int
    false_alarms: int

    @property
    def recall(self) -> float | None:
        return self.found / self.support if self.support else None

    @property
    def covered_recall(self) -> float | None:
        return self.covered / self.support if self.support else None


def recall_by_language(
    corpus: Iterable[LabelledText], detector: Detects, *, entity: str
) -> list[LanguageRecall]:
    """Per language: how many ``entity`` spans were found, fully covered, or falsely alarmed."""
    counts: dict[str, list[int]] = {}  # lang -> [support, found, covered, false alarms]
    for item in corpus:
        c = counts.setdefault(item.lang, [0, 0, 0, 0])
        found = [d for d in detector.detect(item.text) if d.entity == entity]
        gold = [g for g in item.entities if g.type == entity]
        for g in gold:
            c[0] += 1
            c[1] += any(_hit(d, g) for d in found)
            covered = {i for d in found for i in range(d.start, d.end)}
            c[2] += all(i in covered for i in range(g.start, g.end))
        c[3] += sum(not any(_hit(d, g) for g in gold) for d in found)
    return [
        LanguageRecall(lang=lang, support=c[0], found=c[1], covered=c[2], false_alarms=c[3])
        for lang, c in sorted(counts.items())
    ]
