"""Every write to placements goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.enums import PROGRAMMES_NEEDING_SBB, VOID_STATUSES
from placements.models import (
    Placement,
    PlacementKind,
    Programme,
    School,
    SchoolMembership,
    SchoolRole,
    Student,
)
from placements.services.checklists import checklist_sync
from placements.services.feedback import feedback_propose_midterm
from placements.working_time import band_of, plan_problems
from stagegids.core.models import User


def student_rule_errors(student: Student) -> dict[str, str]:
    """The teacher who follows a pupil must teach at the pupil's school."""
    if (
        student.teacher_id
        and student.school_id
        and not SchoolMembership.objects.filter(
            school_id=student.school_id, user_id=student.teacher_id, role=SchoolRole.TEACHER
        ).exists()
    ):
        return {"teacher": _("Choose a teacher of %(school)s.") % {"school": student.school.name}}
    return {}


@transaction.atomic
def student_save(student: Student, *, by: User) -> Student:
    """Save a new or changed pupil after checking its fields and its teacher.

    Side effects: inserts or updates the Student row; raises ValidationError otherwise.
    """
    student.full_clean()
    if errors := student_rule_errors(student):
        raise ValidationError(errors)
    student.save()
    return student


def placement_rule_errors(placement: Placement, *, discreet: bool = False) -> dict[str, str]:
    """Check the rules that cross relations; return the messages keyed by field.

    ``discreet`` words the overlap without the pupil's name and the other placement's
    dates, for a company that knows the pupil only by number and surname.

    - a leerwerktraject is only for vmbo-b pupils;
    - leerwerktraject, pro and vso placements need a company whose SBB recognition is
      valid on the start date;
    - the supervisor must belong to the placement's company;
    - a pupil has no two overlapping placements (cancelled ones do not count);
    - the agreed days and hours keep to the working-time limits of the pupil's age band
      (``placements.working_time``).
    """
    errors: dict[str, str] = {}
    student = placement.student if placement.student_id else None
    company = placement.company if placement.company_id else None
    kind, start, end = placement.kind, placement.start_date, placement.end_date

    if student and kind == PlacementKind.LEERWERKTRAJECT and student.programme != Programme.VMBO_B:
        errors["kind"] = _("A leerwerktraject is only possible for vmbo-b pupils.")
    needs_sbb = kind == PlacementKind.LEERWERKTRAJECT or (
        student is not None and student.programme in PROGRAMMES_NEEDING_SBB
    )
    if company and start and needs_sbb and not company.sbb_valid_on(start):
        errors["company"] = _(
            "This placement needs an SBB-recognised company, and %(company)s has no "
            "recognition that is valid on %(date)s."
        ) % {"company": company.name, "date": date_format(start)}
    if (
        company
        and placement.supervisor_id
        and not company.memberships.filter(user_id=placement.supervisor_id).exists()
    ):
        errors["supervisor"] = _("The supervisor must work at %(company)s.") % {
            "company": company.name
        }
    if student and start and end and start <= end:
        overlapping = (
            Placement.objects.filter(student=student, start_date__lte=end, end_date__gte=start)
            .exclude(status__in=VOID_STATUSES)
            .exclude(pk=placement.pk)
            .order_by("start_date")
            .first()
        )
        if overlapping and placement.status not in VOID_STATUSES and discreet:
            errors["start_date"] = _(
                "The pupil already has a placement in this period. Agree on another "
                "period with the pupil."
            )
        elif overlapping and placement.status not in VOID_STATUSES:
            errors["start_date"] = _(
                "%(student)s already has a placement from %(start)s to %(end)s "
                "that overlaps this period."
            ) % {
                "student": student.full_name,
                "start": date_format(overlapping.start_date),
                "end": date_format(overlapping.end_date),
            }
    for name, message in plan_problems(placement, band_of(placement)).items():
        errors.setdefault(name, message)
    return errors


@transaction.atomic
def placement_save(placement: Placement, *, by: User) -> Placement:
    """Save a new or changed placement after checking every rule of the domain.

    Side effects: inserts or updates the Placement row; a new placement, or one whose
    kind changed, gets its checklist from the templates (``checklist_sync``); a new one, or
    one whose dates changed, gets its mid-term evaluation planned
    (``feedback_propose_midterm``). Raises
    ValidationError (keyed by field) when a rule is broken; then nothing is saved.
    """
    # Lock the pupil's row so two simultaneous saves cannot both pass the overlap check.
    Student.objects.select_for_update().filter(pk=placement.student_id).first()
    placement.full_clean()
    errors = placement_rule_errors(placement)
    if errors:
        raise ValidationError(errors)
    before = Placement.objects.filter(pk=placement.pk).values("kind", "start_date", "end_date")
    before = before.first() or {}
    placement.save()
    if before.get("kind") != placement.kind:
        checklist_sync(placement)
    if (before.get("start_date"), before.get("end_date")) != (
        placement.start_date,
        placement.end_date,
    ):
        feedback_propose_midterm(placement, by=by)
    return placement


@transaction.atomic
def school_set_teachers_may_approve(school: School, *, by: User, allowed: bool) -> School:
    """Let the school's teachers approve their pupils' assessments, or stop them.

    Side effects: updates the school's ``teachers_may_approve``.
    """
    school.teachers_may_approve = allowed
    school.save(update_fields=["teachers_may_approve"])
    return school
