"""Scoped reads: every view gets placements through these."""

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from placements.access import Memberships, PlacementAccess, memberships_of, placement_access
from placements.models import Placement, PlacementStatus, School, SchoolMembership, SchoolRole
from stagegids.core.models import User


def roles_q(user: User, memberships: Memberships | None = None) -> Q:
    """The placements ``user`` takes part in, as a filter, from their ``memberships``:

    - supervisor: the placements they supervise at a company they still belong to, and
      the school's proposals to that company (anyone there may answer them);
    - company admin: every placement of that company;
    - coordinator: every placement of the school's pupils;
    - teacher: the placements of the pupils they follow at their school.

    Only the roles the user has become part of the filter, with their ids written out,
    so PostgreSQL plans each list from the user's own rows and indexes: the company side
    reads placements by company and supervisor, the school side pupils by school and
    teacher. A user on both sides gets the union of both sets' keys (one OR across the
    pupil's and the placement's columns would read every placement).
    """
    m = memberships if memberships is not None else memberships_of(user)
    company_side = school_side = Q(pk__in=[])
    if m.companies:
        company_side = Q(supervisor=user, company_id__in=m.companies) | Q(
            status=PlacementStatus.PROPOSED, company_id__in=m.companies
        )
        if m.admin_of:
            company_side |= Q(company_id__in=m.admin_of)
    if m.coordinates:
        school_side = Q(school_id__in=m.coordinates)
    if m.teaches_at:
        school_side |= Q(student__teacher=user, school_id__in=m.teaches_at)
    if not m.companies:
        return school_side
    if not (m.coordinates or m.teaches_at):
        return company_side
    either = (
        Placement.objects.filter(company_side)
        .order_by()
        .values("pk")
        .union(Placement.objects.filter(school_side).order_by().values("pk"))
    )
    return Q(pk__in=either)


def placements_for_user(user: User, memberships: Memberships | None = None) -> QuerySet[Placement]:
    """The placements ``user`` may see, with pupil, school, company and supervisor joined:
    staff all of them, anyone else those they take part in (``roles_q``; pass the user's
    ``memberships`` when known)."""
    placements = Placement.objects.select_related(
        "student", "student__school", "company", "supervisor"
    )
    if not user.is_authenticated or not user.is_active:
        return placements.none()
    if user.is_staff:
        return placements
    return placements.filter(roles_q(user, memberships))


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
    memberships = memberships_of(user) if user.is_authenticated else Memberships()
    placement = get_object_or_404(
        placements_for_user(user, memberships).select_related(
            "student__teacher", "intake", "safe_work"
        ),
        public_id=public_id,
    )
    return placement, placement_access(user, placement, memberships=memberships)
