"""The placements app's models, one module per part of the placement's journey.

The choices of their fields are defined in ``placements.enums`` and re-exported here
beside the models that use them; the named groups of statuses live only in
``placements.enums``.
"""

from placements.enums import (
    Absence,
    ExportFormat,
    ExportStatus,
    ImportFormat,
    InsuranceAnswer,
    InvitationRole,
    Phase,
    PlacementKind,
    PlacementStatus,
    Programme,
    SchoolRole,
    TaskLevel,
    Weekday,
)
from placements.models.checklists import ChecklistItem, ChecklistItemTemplate
from placements.models.contact import FeedbackMoment, Message, MessageReadMark
from placements.models.core import (
    LEERWERKTRAJECT_MAX_HOURS,
    LEERWERKTRAJECT_MIN_HOURS,
    LINTSTAGE_MIN_DAYS,
    Placement,
    School,
    SchoolMembership,
    Student,
)
from placements.models.exports import ExportFile
from placements.models.history import StatusChange
from placements.models.imports import StudentImport
from placements.models.intake import Intake, SupportNeedsAccess
from placements.models.invitations import INVITATION_VALID_FOR, Invitation, token_hash
from placements.models.journal import MAX_HOURS_PER_DAY, DayLog, Task, TaskRecord
from placements.models.minors import (
    MAX_PUPIL_AGE,
    MIN_PUPIL_AGE,
    AgeBand,
    ForbiddenWork,
    SafeWork,
)
from placements.models.notifications import NotificationPreference, SentReminder, ThreadNotice

__all__ = [
    "INVITATION_VALID_FOR",
    "LEERWERKTRAJECT_MAX_HOURS",
    "LEERWERKTRAJECT_MIN_HOURS",
    "LINTSTAGE_MIN_DAYS",
    "MAX_HOURS_PER_DAY",
    "MAX_PUPIL_AGE",
    "MIN_PUPIL_AGE",
    "Absence",
    "AgeBand",
    "ChecklistItem",
    "ChecklistItemTemplate",
    "DayLog",
    "ExportFile",
    "ExportFormat",
    "ExportStatus",
    "FeedbackMoment",
    "ForbiddenWork",
    "ImportFormat",
    "InsuranceAnswer",
    "Intake",
    "Invitation",
    "InvitationRole",
    "Message",
    "MessageReadMark",
    "NotificationPreference",
    "Phase",
    "Placement",
    "PlacementKind",
    "PlacementStatus",
    "Programme",
    "SafeWork",
    "School",
    "SchoolMembership",
    "SchoolRole",
    "SentReminder",
    "StatusChange",
    "Student",
    "StudentImport",
    "SupportNeedsAccess",
    "Task",
    "TaskLevel",
    "TaskRecord",
    "ThreadNotice",
    "Weekday",
    "token_hash",
]
