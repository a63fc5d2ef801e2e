"""The SLA as a moral contract: contract files, evaluation and service credits."""
