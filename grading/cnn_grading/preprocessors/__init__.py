"""nbgrader preprocessors, one per file."""
