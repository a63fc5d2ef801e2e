"""Reading a sharing policy: YAML, validated, every error named by its place in the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from fairshore.errors import PrivacyError
from fairshore.interactions.schema import TABLES
from fairshore.privacy.model import SharingPolicy
from fairshore.privacy.operators import OPERATORS


def parse_policy(text: str, *, source: str = "policy") -> SharingPolicy:
    """A policy from YAML text; raises ``PrivacyError`` naming each problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PrivacyError(f"{source} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PrivacyError(f"{source} must be a mapping with engagement_id, tables, ...")
    try:
        policy = SharingPolicy.model_validate(data)
    except ValidationError as exc:
        raise PrivacyError(f"invalid sharing policy {source}: {_message(exc)}") from None
    problems = check_against_schema(policy)
    if problems:
        raise PrivacyError(f"invalid sharing policy {source}: {'; '.join(problems)}")
    return policy


def load_policy(path: Path) -> SharingPolicy:
    """A policy from a YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PrivacyError(f"cannot read the sharing policy {path}: {exc.strerror}") from None
    return parse_policy(text, source=str(path))


def policy_sha256(policy: SharingPolicy) -> str:
    """A fingerprint of the policy's content, recorded in each share manifest."""
    return hashlib.sha256(policy.model_dump_json().encode("utf-8")).hexdigest()


def check_against_schema(policy: SharingPolicy) -> list[str]:
    """Tables and fields the canonical schema does not know, and unknown operators."""
    problems: list[str] = []
    if policy.free_text_operator not in OPERATORS:
        problems.append(
            f"free_text_operator: {policy.free_text_operator!r} is not one of "
            f"{', '.join(sorted(OPERATORS))}"
        )
    for table, rules in policy.tables.items():
        if table not in TABLES:
            problems.append(f"tables.{table}: unknown table; use one of {', '.join(TABLES)}")
            continue
        known = set(TABLES[table].names)
        for field in rules.fields:
            if field not in known and not field.startswith("seg_"):
                problems.append(f"tables.{table}.fields.{field}: not a column of {table}")
    return problems


def _message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "policy"
        parts.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)
