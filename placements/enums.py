"""The closed sets of the placements app: choices for its fields and the named groups of
statuses the code asks about. Kept apart from the models so that forms, selectors and
the apps above can use them without importing a model (and without import cycles)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Internship coordinator")
    TEACHER = "teacher", _("Teacher")


class InvitationRole(models.TextChoices):
    """The role an invitation gives: at a company (admin or supervisor) or at a school."""

    COMPANY_ADMIN = "company_admin", _("company admin")
    SUPERVISOR = "supervisor", _("supervisor")
    TEACHER = "teacher", _("teacher")
    COORDINATOR = "coordinator", _("internship coordinator")


#: The invitation roles at a company; the others are at a school.
COMPANY_ROLES = frozenset({InvitationRole.COMPANY_ADMIN, InvitationRole.SUPERVISOR})


class Programme(models.TextChoices):
    VMBO_B = "vmbo_b", _("vmbo basic vocational track (vmbo-b)")
    VMBO_K = "vmbo_k", _("vmbo advanced vocational track (vmbo-k)")
    VMBO_G = "vmbo_g", _("vmbo combined track (vmbo-g)")
    VMBO_T = "vmbo_t", _("vmbo theoretical track (vmbo-t)")
    PRO = "pro", _("praktijkonderwijs (pro)")
    VSO = "vso", _("special secondary education (vso)")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    OTHER = "other", _("other")


#: Programmes whose placements need a company with a valid SBB recognition.
PROGRAMMES_NEEDING_SBB = frozenset({Programme.PRO, Programme.VSO})


class PlacementKind(models.TextChoices):
    SNUFFELSTAGE = "snuffelstage", _("snuffelstage (orientation)")
    MEELOOPDAG = "meeloopdag", _("meeloopdag (job shadowing day)")
    LINTSTAGE = "lintstage", _("lintstage (one day a week)")
    BLOKSTAGE = "blokstage", _("blokstage (one block)")
    LEERWERKTRAJECT = "leerwerktraject", _("leerwerktraject (vmbo-b)")


class PlacementStatus(models.TextChoices):
    # In the order of the journey: the overview sorts statuses this way.
    PROPOSED = "proposed", _("proposed to the company")
    REGISTERED = "registered", _("registered by the company")
    DRAFT = "draft", _("draft")
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    CLOSING = "closing", _("closing")
    COMPLETED = "completed", _("completed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


#: Proposals waiting for an answer: the school's waits for the company, the company's for
#: the school. Neither is planned until the other side says yes.
PROPOSAL_STATUSES = frozenset({PlacementStatus.PROPOSED, PlacementStatus.REGISTERED})


#: Placements that never happen (declined) or stopped (cancelled): they hold no period of
#: the pupil's, so they do not count for overlaps.
VOID_STATUSES = frozenset({PlacementStatus.DECLINED, PlacementStatus.CANCELLED})


#: Placements agreed on and not finished (draft, planned, active, closing): their journal
#: (checklists, intake, hours, work log, feedback, assessments) is written in, they need
#: attention on the dashboards, and the company's SBB recognition still matters for them.
#: Before (a proposal) there is nothing to write yet; after, it is history.
OPEN_STATUSES = frozenset(
    {
        PlacementStatus.DRAFT,
        PlacementStatus.PLANNED,
        PlacementStatus.ACTIVE,
        PlacementStatus.CLOSING,
    }
)


#: Open placements that are under way or about to be: planned, active, closing (the
#: companies directory counts them as the company's current interns).
CURRENT_STATUSES = OPEN_STATUSES - {PlacementStatus.DRAFT}


#: Placements that were held to the end.
PAST_STATUSES = frozenset({PlacementStatus.COMPLETED})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    #: Allowed by the calendar; the law for minors refuses it for the younger pupils.
    SUNDAY = 6, _("Sunday")


class Phase(models.IntegerChoices):
    """The phases of a placement, in the order they happen."""

    BEFORE_START = 1, _("Before the start")
    FIRST_DAY = 2, _("The first day")
    DURING = 3, _("During the internship")
    CLOSING = 4, _("Closing")


class InsuranceAnswer(models.TextChoices):
    UNKNOWN = "unknown", _("not yet known")
    YES = "yes", _("yes")
    NO = "no", _("no")


class TaskLevel(models.IntegerChoices):
    """The guide's progression: first shown, then with a little help, then alone."""

    DEMONSTRATED = 1, _("demonstrated")
    WITH_HELP = 2, _("with help")
    INDEPENDENT = 3, _("independently")


class Absence(models.TextChoices):
    PRESENT = "present", _("present")
    SICK = "sick", _("sick")
    OTHER = "other", _("absent, other reason")


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (xlsx)"


class ExportFormat(models.TextChoices):
    """The file types the placement overview exports."""

    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (xlsx)"


class ExportStatus(models.TextChoices):
    """Where a background export of the overview stands."""

    PENDING = "pending", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class NotificationKind(models.TextChoices):
    """What a user can be emailed about; each can be switched off on its own."""

    PROPOSAL_RECEIVED = "proposal_received", _("A school proposes an intern to my company")
    PROPOSAL_ANSWERED = "proposal_answered", _("A company answers my school's proposal")
    REGISTRATION_RECEIVED = (
        "registration_received",
        _("A company registers an intern of my school"),
    )
    REGISTRATION_ANSWERED = "registration_answered", _("The school answers my registration")
    MESSAGE = "message", _("A new message in a placement's thread")
    ASSESSMENT_SUBMITTED = "assessment_submitted", _("An assessment waits for my review")
    ASSESSMENT_REVIEWED = "assessment_reviewed", _("The school returns or approves an assessment")
    REMINDER_START = (
        "reminder_start",
        _("Reminder: a placement starts within 3 days and is not ready yet"),
    )
    REMINDER_FEEDBACK = (
        "reminder_feedback",
        _("Reminder: a feedback moment is due tomorrow, or overdue"),
    )
    REMINDER_FINAL = (
        "reminder_final",
        _("Reminder: a placement has ended without a submitted final assessment"),
    )
    REMINDER_LINTSTAGE = "reminder_lintstage", _("Reminder: my intern's lintstage day is tomorrow")


#: Kinds sent only to those who switch them on (the others go to everyone concerned).
NOTIFICATIONS_OFF_BY_DEFAULT = frozenset({NotificationKind.REMINDER_LINTSTAGE})
