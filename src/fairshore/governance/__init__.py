"""Audits, findings and corrective actions, certificates, alerts, touchpoints."""
