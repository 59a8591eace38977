"""Assessments, the intern's reflection and the next step arrive with the evaluation issue."""
