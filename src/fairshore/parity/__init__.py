"""Fairness of service across customer groups, and the routing audit."""
