"""Fairshore: outsource customer service ethically, and prove it with measured numbers."""

__version__ = "0.1.0"
