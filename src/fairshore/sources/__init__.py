"""Connectors: pull the evidence from where it lives (helpdesks, telephony) on a schedule.

Public API: :mod:`fairshore.sources.services` (``add_source``, ``add_file_source``,
``list_sources``, ``sync_source``, ``sync_due``) and the models in
:mod:`fairshore.sources.model`.
"""
