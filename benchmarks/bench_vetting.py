"""Scoring cost of exact arithmetic: the full scorer vs a float weighted average.

Scores ``FAIRSHORE_BENCH_VENDORS`` synthetic assessments (default 200) of the default
rubric with the exact (``Fraction``) scorer, rules and evidence included, and compares
with a baseline measured in the same run: a plain float weighted average over the same
credits (what a spreadsheet scorecard computes). Prints the ratio exact / baseline.
"""

from __future__ import annotations

import os
import random
import time
from datetime import date
from decimal import Decimal

from fairshore.vetting.answers import credit
from fairshore.vetting.methods import get_method
from fairshore.vetting.model import Answer, Assessment, Evidence
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.scoring import score

AS_OF = date(2026, 10, 31)


def _assessments(n: int) -> list[Assessment]:
    rubric = get_rubric()
    rng = random.Random(7)
    out = []
    for i in range(n):
        answers = {}
        for q in rubric.questions:
            if q.type == "yes_no":
                answers[q.id] = Answer(q.id, rng.random() < 0.7)
            elif q.type == "single_choice":
                answers[q.id] = Answer(q.id, rng.choice(q.option_ids))
            elif q.type == "multiple_choice":
                answers[q.id] = Answer(q.id, tuple(o for o in q.option_ids if rng.random() < 0.5))
            elif q.type in ("number", "percentage"):
                answers[q.id] = Answer(q.id, Decimal(rng.randint(0, 100)))
            elif q.type == "date":
                answers[q.id] = Answer(q.id, date(2025, rng.randint(1, 12), 1))
            else:
                answers[q.id] = Answer(q.id, "text")
        out.append(Assessment(f"v{i}", rubric.id, rubric.version, ("s",), {}, answers))
    return out


def _float_baseline(assessments: list[Assessment]) -> list[float]:
    rubric = get_rubric()
    pillar_w = {p.id: float(p.weight) for p in rubric.pillars}
    totals = []
    for a in assessments:
        total, wsum = 0.0, 0.0
        for p in rubric.pillars:
            qs = [q for q in rubric.pillar_questions(p.id) if q.weight > 0]
            qw = sum(float(q.weight) for q in qs)
            ps = sum(
                float(q.weight) * float(credit(q, a.answers[q.id].value, as_of=AS_OF)) for q in qs
            )
            total += pillar_w[p.id] * ps / qw
            wsum += pillar_w[p.id]
        totals.append(100 * total / wsum)
    return totals


def main() -> None:
    n = int(os.environ.get("FAIRSHORE_BENCH_VENDORS", "200"))
    rubric, method = get_rubric(), get_method("weighted")
    assessments = _assessments(n)
    docs = [
        Evidence("0" * 64, "v", "iso27001", "x", ("*",), None, None, "verified_by_auditor", "f")
    ]
    t0 = time.perf_counter()
    _float_baseline(assessments)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in assessments:
        score(rubric, a, docs, method=method, as_of=AS_OF)
    exact = time.perf_counter() - t0
    print(f"vendors scored: {n} x {len(rubric.questions)} questions")
    print(f"baseline (float weighted average): {baseline * 1000 / n:.3f} ms/vendor")
    print(f"exact scorer (fractions, evidence, rules): {exact * 1000 / n:.3f} ms/vendor")
    print(f"ratio exact / baseline: {exact / baseline:.1f}x")


if __name__ == "__main__":
    main()
