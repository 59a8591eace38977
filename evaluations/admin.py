"""Evaluation models are registered here once they exist (evaluation issue)."""
