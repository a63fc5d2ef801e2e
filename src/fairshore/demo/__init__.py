"""The deterministic demo scenario generator."""
