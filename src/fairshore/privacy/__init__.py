"""Sharing policy, redaction, incidents and breach clocks, access anomalies."""
