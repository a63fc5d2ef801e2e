"""Organisations, vendors, sites and engagements: who serves whose customers, where."""
