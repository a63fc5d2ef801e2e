"""Relational state through SQLAlchemy: tables, migrations and repositories."""

from fairshore.adapters.db.database import Database

__all__ = ["Database"]
