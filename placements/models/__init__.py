"""The placements app's models, one module per part of the placement's journey."""

from placements.models.core import (
    LEERWERKTRAJECT_MAX_HOURS,
    LEERWERKTRAJECT_MIN_HOURS,
    LINTSTAGE_MIN_DAYS,
    PROGRAMMES_NEEDING_SBB,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    SchoolMembership,
    SchoolRole,
    Student,
    Weekday,
)

__all__ = [
    "LEERWERKTRAJECT_MAX_HOURS",
    "LEERWERKTRAJECT_MIN_HOURS",
    "LINTSTAGE_MIN_DAYS",
    "PROGRAMMES_NEEDING_SBB",
    "Placement",
    "PlacementKind",
    "PlacementStatus",
    "Programme",
    "School",
    "SchoolMembership",
    "SchoolRole",
    "Student",
    "Weekday",
]
