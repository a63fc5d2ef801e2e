"""The Ethical BPO Scorecard: rubrics, questionnaires, evidence, scoring, ranking."""
