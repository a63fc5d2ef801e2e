"""Redaction operators: one small class per file, found through ``registry.operator``."""

from fairshore.privacy.operators.base import OperatorParams, RedactionOperator
from fairshore.privacy.operators.registry import OPERATORS, needs_key, operator

__all__ = ["OPERATORS", "OperatorParams", "RedactionOperator", "needs_key", "operator"]
