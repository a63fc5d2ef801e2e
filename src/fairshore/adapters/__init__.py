"""Connections to the outside: the relational database and the analytics lake."""
