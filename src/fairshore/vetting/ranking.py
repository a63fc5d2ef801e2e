"""Ranking vendors side by side, and how robust the winner is to the weights chosen.

Weight sensitivity: each draw multiplies every pillar weight by an independent
uniform factor in ``[1 - spread, 1 + spread]`` (seeded), recomputes each vendor's
total from its pillar scores, and counts who ranks first (ties share the draw).
Knocked-out vendors rank after every eligible vendor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from fairshore.vetting.model import Rubric, Score


@dataclass(frozen=True)
class RankRow:
    """One vendor's place, score, and share of perturbed draws it wins."""

    vendor_id: str
    rank: int
    total: Fraction
    band: str
    eligible: bool
    first_share: float
    pillars: dict[str, Fraction | None]
    # What the answers alone would score, shown beside the evidence-adjusted total, and
    # how many claims the data contradicts (filled by the ranking use case).
    declared_total: Fraction | None = None
    contradicted: int = 0


@dataclass(frozen=True)
class Ranking:
    """Vendors in rank order with the sensitivity settings used."""

    method: str
    rows: tuple[RankRow, ...]
    draws: int
    spread: float
    seed: int


def _order_key(score: Score) -> tuple[bool, Fraction, str]:
    return (not score.eligible, -score.total, score.vendor_id)


def rank(
    rubric: Rubric,
    scores: Sequence[Score],
    *,
    draws: int = 1000,
    spread: float = 0.5,
    seed: int = 20251101,
    pillar_weighted: bool = True,
) -> Ranking:
    """Rank ``scores`` (same rubric and method) and measure weight sensitivity."""
    ordered = sorted(scores, key=_order_key)
    shares = first_shares(
        rubric, ordered, draws=draws, spread=spread, seed=seed, pillar_weighted=pillar_weighted
    )
    rows = []
    for i, s in enumerate(ordered):
        same = [j for j, o in enumerate(ordered[:i]) if _order_key(o)[:2] == _order_key(s)[:2]]
        place = (same[0] if same else i) + 1
        rows.append(
            RankRow(
                vendor_id=s.vendor_id,
                rank=place,
                total=s.total,
                band=s.band,
                eligible=s.eligible,
                first_share=shares[s.vendor_id],
                pillars={p.pillar_id: p.score for p in s.pillars},
            )
        )
    method = ordered[0].method if ordered else ""
    return Ranking(method=method, rows=tuple(rows), draws=draws, spread=spread, seed=seed)


def first_shares(
    rubric: Rubric,
    scores: Sequence[Score],
    *,
    draws: int,
    spread: float,
    seed: int,
    pillar_weighted: bool,
) -> dict[str, float]:
    """Share of perturbed-weight draws in which each vendor ranks first."""
    if not scores:
        return {}
    pool = [s for s in scores if s.eligible] or list(scores)
    matrix = np.array(
        [[float(p.score) if p.score is not None else np.nan for p in s.pillars] for s in pool]
    )
    base = np.array([float(p.weight) for p in rubric.pillars])
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, len(base)))
    if pillar_weighted and matrix.shape[1] == len(base):
        weights = factors * base  # draws x pillars
        present = ~np.isnan(matrix)  # vendors x pillars
        filled = np.nan_to_num(matrix)
        totals = (weights @ filled.T) / (weights @ present.T)  # draws x vendors
    else:
        totals = np.tile(np.array([float(s.total) for s in pool]), (draws, 1))
    best = totals.max(axis=1, keepdims=True)
    winners = np.isclose(totals, best, rtol=0, atol=1e-9)
    wins = (winners / winners.sum(axis=1, keepdims=True)).sum(axis=0) / draws
    out = {s.vendor_id: 0.0 for s in scores}
    out.update({s.vendor_id: float(w) for s, w in zip(pool, wins, strict=True)})
    return out
