"""Total cost of ownership of sourcing options, Monte Carlo, and the price of a living wage."""
