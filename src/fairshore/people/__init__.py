"""Agent welfare, living-wage benchmarks and the anonymous worker voice."""
