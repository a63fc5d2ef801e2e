"""QA forms (versioned YAML shipped with the package) and scoring answers on them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError

from fairshore.errors import InputError, NotFoundError
from fairshore.quality.model import ItemScore, QaForm, ScoredEvaluation


def _names() -> list[str]:
    folder = resources.files("fairshore.quality") / "data" / "forms"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))


def parse_form(text: str, *, source: str) -> QaForm:
    """A QA form from its YAML text (``InputError`` naming the problem when invalid)."""
    try:
        data = yaml.safe_load(text)
        return QaForm.model_validate(data)
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: not valid YAML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "form"
        raise InputError(f"{source}: {where}: {first['msg']}") from None


@cache
def load_forms() -> tuple[QaForm, ...]:
    """Every packaged form, ordered by id then version."""
    folder = resources.files("fairshore.quality") / "data" / "forms"
    forms = [parse_form((folder / n).read_text("utf-8"), source=n) for n in _names()]
    return tuple(sorted(forms, key=lambda f: (f.id, _version_key(f.version))))


def _version_key(version: str) -> tuple[int, str]:
    return (int(version), "") if version.isdigit() else (0, version)


def get_form(form_id: str, version: str | None = None) -> QaForm:
    """A packaged form; the latest version when ``version`` is None."""
    matches = [f for f in load_forms() if f.id == form_id]
    if version is not None:
        matches = [f for f in matches if f.version == version]
    if not matches:
        known = ", ".join(sorted({f"{f.id}@{f.version}" for f in load_forms()}))
        raise NotFoundError(f"no QA form {form_id}@{version or 'latest'}; known forms: {known}")
    return matches[-1]


def score_evaluation(form: QaForm, answers: Mapping[str, float]) -> ScoredEvaluation:
    """Score answers on a form.

    Parameters
    ----------
    form
        The QA form.
    answers
        Item id -> share of the item achieved, 0..1 (1 = fully met). Items not
        answered count as not applicable and leave the denominator.

    Returns
    -------
    ScoredEvaluation
        ``raw_total`` is points earned over points applicable, scaled to 100; a
        critical item answered 0 fails the evaluation (``total`` 0, ``auto_fail``),
        the usual "auto-fail" convention of contact-centre QA forms.

    Examples
    --------
    >>> form = get_form("contact-centre", "1")
    >>> score_evaluation(form, {i.id: 1.0 for i in form.items}).total
    100.0
    """
    known = {i.id for i in form.items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise InputError(f"items not on form {form.id}@{form.version}: {', '.join(unknown)}")
    bad = sorted(k for k, v in answers.items() if not 0 <= v <= 1)
    if bad:
        raise InputError(f"answers must be between 0 and 1: {', '.join(bad)}")
    items = tuple(
        ItemScore(i.id, answers[i.id] * i.weight, i.weight, i.critical)
        for i in form.items
        if i.id in answers
    )
    possible = sum(s.max for s in items)
    raw = 100 * sum(s.score for s in items) / possible if possible else 0.0
    failed = tuple(s.item_id for s in items if s.critical and s.score == 0)
    by_section = {}
    for section in form.sections:
        scored = [s for s in items if s.item_id in {i.id for i in section.items}]
        top = sum(s.max for s in scored)
        if top:
            by_section[section.id] = round(100 * sum(s.score for s in scored) / top, 2)
    total = 0.0 if failed else round(raw, 2)
    return ScoredEvaluation(
        form_id=form.id,
        form_version=form.version,
        total=total,
        raw_total=round(raw, 2),
        auto_fail=bool(failed),
        passed=not failed and total >= form.pass_mark,
        failed_critical=failed,
        by_section=by_section,
        items=items,
    )
