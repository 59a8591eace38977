"""Every write to schools, pupils and placements goes through these functions.

One module per part of the placement's journey; the names most callers need are
re-exported here.
"""

from placements.services.core import (
    placement_rule_errors,
    placement_save,
    student_rule_errors,
    student_save,
)

__all__ = [
    "placement_rule_errors",
    "placement_save",
    "student_rule_errors",
    "student_save",
]
