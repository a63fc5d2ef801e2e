"""Redacting free text: detect with ``PiiDetector``, replace with an operator.

Replacement runs through Presidio's ``AnonymizerEngine`` with one custom operator per
entity type, so the spans Presidio's analyzer reports are replaced the way Presidio
replaces them (right to left, offsets intact).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache, partial

from fairshore.privacy.detection import PiiDetector
from fairshore.privacy.model import RedactedText
from fairshore.privacy.operators import OperatorParams, RedactionOperator, operator


class Redactor:
    """Detects and replaces personal data in texts.

    Parameters
    ----------
    operator
        How a detected value is replaced (``operators.operator(name, params)``).
    detector
        The detector (default: every built-in finder).
    """

    def __init__(self, operator: RedactionOperator, *, detector: PiiDetector | None = None) -> None:
        from presidio_anonymizer import AnonymizerEngine  # seconds to import: when needed
        from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

        self.operator = operator
        self.detector = detector or PiiDetector()
        self._result = RecognizerResult
        self._engine = AnonymizerEngine()  # type: ignore[no-untyped-call]
        self._configs = {
            entity: OperatorConfig("custom", {"lambda": _bound(operator.replace, entity)})
            for entity in self.detector.entities
        }

    def redact(self, text: str, *, known: Mapping[str, str] | None = None) -> RedactedText:
        """``text`` with its personal data replaced, and what was found."""
        detections = self.detector.detect(text, known=known)
        if not detections:
            return RedactedText(text=text, detections=())
        results = [self._result(d.entity, d.start, d.end, d.score) for d in detections]
        out = self._engine.anonymize(text=text, analyzer_results=results, operators=self._configs)
        return RedactedText(text=out.text, detections=tuple(detections))

    def redact_many(
        self,
        texts: Iterable[str | None],
        *,
        known: Iterable[Mapping[str, str] | None] | None = None,
        counts: Counter[str] | None = None,
    ) -> list[str | None]:
        """Redact a batch; ``counts`` (if given) gathers detections per entity type."""
        knowns = iter(known) if known is not None else None
        out: list[str | None] = []
        for text in texts:
            kv = next(knowns) if knowns is not None else None
            if text is None or text == "":
                out.append(text)
                continue
            result = self.redact(text, known=kv)
            if counts is not None:
                counts.update(d.entity for d in result.detections)
            out.append(result.text)
        return out


def _bound(replace: Callable[[str, str], str], entity: str) -> Callable[[str], str]:
    return partial(_call, replace, entity)


def _call(replace: Callable[[str, str], str], entity: str, value: str) -> str:
    return replace(value, entity)


@lru_cache(maxsize=1)
def _labelling_redactor() -> Redactor:
    return Redactor(operator("redact", OperatorParams()))


def redact_personal_data(text: str) -> RedactedText:
    """``text`` with every personal datum replaced by its type (``<PERSON>``, ``<EMAIL_ADDRESS>``).

    The same detection and operator as ``fairshore privacy redact`` with its default
    ``--operator redact``: nothing of a replaced value survives, and no key is needed.
    """
    return _labelling_redactor().redact(text)
