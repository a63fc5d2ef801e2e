"""Mapping files shipped with Fairshore (package data)."""
