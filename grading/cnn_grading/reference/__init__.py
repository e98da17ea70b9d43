"""The references the verdicts use."""
