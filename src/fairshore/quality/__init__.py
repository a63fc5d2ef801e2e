"""QA forms, evaluations, audit sampling and calibration."""
