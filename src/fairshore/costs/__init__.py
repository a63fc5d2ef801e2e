"""Total cost of ownership scenarios with Monte Carlo uncertainty."""
