"""Which cached pages each change retires (see ``stagegids.core.page_cache``).

Everything that belongs to a placement touches the scopes of its school and its company:
the dashboards, lists and placement pages of both sides read it. A pupil, a school or a
company also shows on the other side's pages (a pupil's name on the company's; the
company's name on the school's), so those touch every school or company they have a
placement with. A membership touches its user (what they may see) and its school or
company. What shows only on the user's own pages (read marks, notification settings)
touches only them. The guide's checklists and the task catalogue touch ``all``.
"""

from companies.models import Company, CompanyMembership
from placements.access import Memberships, memberships_of
from placements.models import (
    AgeBand,
    ChecklistItem,
    ChecklistItemTemplate,
    DayLog,
    ExportFile,
    FeedbackMoment,
    ForbiddenWork,
    Intake,
    Invitation,
    Message,
    MessageReadMark,
    NotificationPreference,
    Placement,
    SafeWork,
    School,
    SchoolMembership,
    SentReminder,
    StatusChange,
    Student,
    StudentImport,
    SupportNeedsAccess,
    Task,
    TaskRecord,
    ThreadNotice,
)
from stagegids.core.models import OutgoingEmail, User
from stagegids.core.page_cache import (
    ALL,
    ANY,
    company_scope,
    school_scope,
    user_scope,
    watch,
)


def scopes_of_user(user: User, memberships: Memberships | None = None) -> set[str]:
    """The scopes of what ``user`` sees on their lists and dashboard: their companies and
    schools (from ``memberships``, looked up when not given); for staff, everything."""
    if user.is_staff:
        return {ANY}
    m = memberships if memberships is not None else memberships_of(user)
    schools = m.coordinates | m.teaches_at
    return {*map(company_scope, m.companies), *map(school_scope, schools)}


def placement_scopes(placement_id: int | None) -> set[str]:
    """The scopes of the placement ``placement_id`` as it is in the database (one query);
    ``all`` when it is not there."""
    row = (
        Placement.objects.filter(pk=placement_id).values_list("school_id", "company_id").first()
        if placement_id is not None
        else None
    )
    return scopes_of_placement_row(*row) if row else {ALL}


def scopes_of_placement_row(school_id: int, company_id: int) -> set[str]:
    return {school_scope(school_id), company_scope(company_id)}


def of_placement(placement: Placement) -> set[str]:
    return scopes_of_placement_row(placement.school_id, placement.company_id)


def of_placement_part(row) -> set[str]:
    """A row with a ``placement``: that placement's scopes, without a query when the row
    came with its placement."""
    if type(row).placement.is_cached(row):
        return of_placement(row.placement)
    return placement_scopes(row.placement_id)


def _placement_column(column: str, **where) -> list[int]:
    """The distinct ``column`` values of the placements ``where`` says (one query)."""
    rows = Placement.objects.filter(**where).order_by().values_list(column, flat=True)
    return list(rows.distinct())


def _of_student(student: Student) -> set[str]:
    companies = _placement_column("company_id", student_id=student.pk)
    return {school_scope(student.school_id), *map(company_scope, companies)}


def of_school(school: School) -> set[str]:
    """The school and every company it has a placement with (one query)."""
    companies = _placement_column("company_id", school_id=school.pk)
    return {school_scope(school.pk), *map(company_scope, companies)}


def _of_company(company: Company) -> set[str]:
    schools = _placement_column("school_id", company_id=company.pk)
    return {company_scope(company.pk), *map(school_scope, schools)}


def _of_user_only(row) -> set[str]:
    return {user_scope(row.user_id)}


def _of_invitation(invitation: Invitation) -> set[str]:
    scopes = {user_scope(invitation.invited_by_id)}
    if invitation.company_id:
        scopes.add(company_scope(invitation.company_id))
    if invitation.school_id:
        scopes.add(school_scope(invitation.school_id))
    return scopes


def watch_models() -> None:
    """Connect the receivers; ``PlacementsConfig.ready`` calls this once."""
    # A user's name shows wherever they supervise, follow pupils or wrote a message, and
    # their flags decide what they see: a change of the user retires every page (rare).
    # A login only writes the time of the last login, which no page shows.
    watch(User, lambda user: {ALL}, quiet_fields=frozenset({"last_login"}))
    watch(OutgoingEmail, None)  # the outbox: on no page
    watch(Company, _of_company)
    watch(
        CompanyMembership,
        lambda m: {user_scope(m.user_id), company_scope(m.company_id)},
        moves=("user_id", "company_id"),
    )
    watch(School, of_school)
    watch(
        SchoolMembership,
        lambda m: {user_scope(m.user_id), school_scope(m.school_id)},
        moves=("user_id", "school_id"),
    )
    # A pupil's placements follow them to another school (``Student.save``).
    watch(Student, _of_student, moves=("school_id",))
    watch(Placement, of_placement, moves=("school_id", "company_id"))
    for part in (
        ChecklistItem,
        DayLog,
        FeedbackMoment,
        Intake,
        Message,
        SafeWork,
        StatusChange,
        TaskRecord,
    ):
        watch(part, of_placement_part)
    # Only the user's own unread counts and reminders depend on these; the access log of
    # support needs shows in Django admin only.
    for own in (MessageReadMark, ThreadNotice, SentReminder, SupportNeedsAccess):
        watch(own, _of_user_only)
    watch(NotificationPreference, _of_user_only)
    watch(ExportFile, None)  # the exports page is not cached
    watch(StudentImport, lambda upload: {school_scope(upload.school_id)})
    watch(Invitation, _of_invitation)
    watch(ChecklistItemTemplate, lambda row: {ALL})
    watch(Task, lambda row: {ALL})
    # The working-time limits show on every placement page.
    watch(AgeBand, lambda row: {ALL})
    watch(ForbiddenWork, lambda row: {ALL})
