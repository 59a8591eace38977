"""The placements app's models, one module per part of the placement's journey."""

from placements.models.checklists import ChecklistItem, ChecklistItemTemplate, Phase
from placements.models.contact import FeedbackMoment, Message, MessageReadMark
from placements.models.core import (
    JOURNAL_STATUSES,
    LEERWERKTRAJECT_MAX_HOURS,
    LEERWERKTRAJECT_MIN_HOURS,
    LINTSTAGE_MIN_DAYS,
    PROGRAMMES_NEEDING_SBB,
    PROPOSAL_STATUSES,
    VOID_STATUSES,
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
from placements.models.history import StatusChange
from placements.models.imports import ImportFormat, StudentImport
from placements.models.intake import InsuranceAnswer, Intake, SupportNeedsAccess
from placements.models.journal import (
    MAX_HOURS_PER_DAY,
    Absence,
    DayLog,
    Task,
    TaskLevel,
    TaskRecord,
)

__all__ = [
    "JOURNAL_STATUSES",
    "LEERWERKTRAJECT_MAX_HOURS",
    "LEERWERKTRAJECT_MIN_HOURS",
    "LINTSTAGE_MIN_DAYS",
    "MAX_HOURS_PER_DAY",
    "PROGRAMMES_NEEDING_SBB",
    "PROPOSAL_STATUSES",
    "VOID_STATUSES",
    "Absence",
    "ChecklistItem",
    "ChecklistItemTemplate",
    "DayLog",
    "FeedbackMoment",
    "ImportFormat",
    "InsuranceAnswer",
    "Intake",
    "Message",
    "MessageReadMark",
    "Phase",
    "Placement",
    "PlacementKind",
    "PlacementStatus",
    "Programme",
    "School",
    "SchoolMembership",
    "SchoolRole",
    "StatusChange",
    "Student",
    "StudentImport",
    "SupportNeedsAccess",
    "Task",
    "TaskLevel",
    "TaskRecord",
    "Weekday",
]
