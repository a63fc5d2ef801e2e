"""Engagement criticality: measured from the lake and the sharing policy, with typed-in
overrides recorded (the use cases live in :mod:`fairshore.vetting.criticality_services`)."""

from __future__ import annotations

from fairshore.vetting.criticality_services import (
    assess_criticality,
    list_criticality,
    override_criticality,
)

__all__ = ["assess_criticality", "list_criticality", "override_criticality"]
