"""Evidence-layered method after EcoVadis: policies, actions, results within each pillar."""

from __future__ import annotations

from fractions import Fraction

from fairshore.vetting.methods.base import Line, MethodResult
from fairshore.vetting.methods.weighted import WeightedMethod, pillar_weighted_score
from fairshore.vetting.model import Layer, Rubric

# EcoVadis management indicators: policies ~25 %, actions ~40 %, results ~35 %.
LAYER_WEIGHTS: dict[Layer, Fraction] = {
    "policy": Fraction(25),
    "action": Fraction(40),
    "result": Fraction(35),
}


class LayeredMethod(WeightedMethod):
    """Within a pillar, each layer (policy/action/result) carries its EcoVadis weight.

    Layers without a scored question leave the denominator. Evidence principle: a
    declaration is credited only when evidence is provided, so unevidenced and
    self-declared claims earn nothing.
    """

    id = "layered"
    version = 1
    description = (
        "EcoVadis-style layers (policies 25 %, actions 40 %, results 35 %); "
        "no credit without evidence."
    )
    unevidenced = Fraction(0)
    self_declared = Fraction(0)

    def groups(self, rubric: Rubric, lines: list[Line]) -> dict[str, dict[str, Fraction]]:
        out: dict[str, dict[str, Fraction]] = {}
        for pillar in rubric.pillars:
            active = [ln for ln in lines if ln.question.pillar == pillar.id and ln.active]
            by_layer: dict[Layer, list[Line]] = {}
            for ln in active:
                by_layer.setdefault(ln.question.layer, []).append(ln)
            layer_total = sum((LAYER_WEIGHTS[layer] for layer in by_layer), Fraction(0))
            shares: dict[str, Fraction] = {}
            for layer, members in by_layer.items():
                weight = sum((ln.question.weight for ln in members), Fraction(0))
                for ln in members:
                    shares[ln.question.id] = (
                        LAYER_WEIGHTS[layer] / layer_total * ln.question.weight / weight
                    )
            if shares:
                out[pillar.id] = shares
        return out

    def score(self, rubric: Rubric, lines: list[Line]) -> MethodResult:
        return pillar_weighted_score(self, rubric, lines, self.groups(rubric, lines))
