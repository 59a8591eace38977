"""Scoped reads: every view gets placements through these."""

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from companies.models import CompanyMembership
from placements.access import PlacementAccess, placement_access
from placements.models import Placement, PlacementStatus, School, SchoolMembership, SchoolRole
from stagegids.core.models import User


def roles_q(user: User) -> Q:
    """The placements ``user`` takes part in, as a filter:

    - supervisor: the placements they supervise at a company they still belong to, and
      the school's proposals to that company (anyone there may answer them);
      a company admin: every placement of that company;
    - coordinator: every placement of the school's pupils;
    - teacher: the placements of the pupils they follow at their school.
    """
    companies = CompanyMembership.objects.filter(user=user)
    schools = SchoolMembership.objects.filter(user=user)
    return (
        Q(supervisor=user, company_id__in=companies.values("company_id"))
        | Q(status=PlacementStatus.PROPOSED, company_id__in=companies.values("company_id"))
        | Q(company_id__in=companies.filter(is_company_admin=True).values("company_id"))
        | Q(student__school_id__in=schools.filter(role=SchoolRole.COORDINATOR).values("school_id"))
        | Q(
            student__teacher=user,
            student__school_id__in=schools.filter(role=SchoolRole.TEACHER).values("school_id"),
        )
    )


def placements_for_user(user: User) -> QuerySet[Placement]:
    """The placements ``user`` may see, with pupil, school, company and supervisor joined:
    staff all of them, anyone else those they take part in (``roles_q``)."""
    placements = Placement.objects.select_related(
        "student", "student__school", "company", "supervisor"
    )
    if not user.is_authenticated or not user.is_active:
        return placements.none()
    if user.is_staff:
        return placements
    return placements.filter(roles_q(user))


def schools_coordinated_by(user: User) -> QuerySet[School]:
    """The schools ``user`` coordinates (staff: every school)."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    if user.is_staff:
        return School.objects.all()
    return School.objects.filter(
        pk__in=SchoolMembership.objects.filter(user=user, role=SchoolRole.COORDINATOR).values(
            "school_id"
        )
    )


def placement_for_user(user: User, public_id: uuid.UUID) -> tuple[Placement, PlacementAccess]:
    """The placement with ``public_id`` if ``user`` may see it (else 404), with what they
    may do with it (``placements.access``)."""
    placement = get_object_or_404(
        placements_for_user(user).select_related("student__teacher", "intake"),
        public_id=public_id,
    )
    return placement, placement_access(user, placement)
