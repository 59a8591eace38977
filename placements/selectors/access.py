"""What a user may do with one placement they can see."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from companies.models import CompanyMembership
from placements.enums import OPEN_STATUSES
from placements.models import (
    Placement,
    PlacementStatus,
    SchoolMembership,
    SchoolRole,
)
from placements.selectors.core import placements_for_user
from stagegids.core.models import User


@dataclass(frozen=True)
class PlacementAccess:
    """The roles ``user`` has for one placement; views and templates ask this object."""

    is_staff: bool = False
    #: True while the placement's journal is written in: agreed on and not yet finished
    #: (not a proposal, not completed, declined or cancelled).
    is_open: bool = True
    is_supervisor: bool = False
    is_company_admin: bool = False
    #: Works at the placement's company, in any role.
    is_company_member: bool = False
    #: The school proposed the placement to the company: anyone there may answer it.
    is_proposal: bool = False
    #: The company registered the placement: the pupil's school confirms or declines it.
    is_registration: bool = False
    is_coordinator: bool = False
    is_teacher: bool = False
    #: The school lets the pupil's teacher approve assessments (coordinators always may).
    teachers_may_approve: bool = False

    @property
    def company_side(self) -> bool:
        """The placement's supervisor or an admin of its company."""
        return self.is_supervisor or self.is_company_admin

    @property
    def answers_proposal(self) -> bool:
        """Works at the company the school proposed this placement to."""
        return self.is_proposal and self.is_company_member

    @property
    def may_post_message(self) -> bool:
        """The two sides talk in the thread; so does whoever answers a proposal."""
        return self.company_side or self.school_side or self.answers_proposal

    @property
    def school_side(self) -> bool:
        """A coordinator of the pupil's school or the teacher who follows the pupil."""
        return self.is_coordinator or self.is_teacher

    @property
    def may_review_assessments(self) -> bool:
        """Coordinators and admins; the pupil's teacher when the school allows it."""
        return (
            self.is_coordinator or self.is_staff or (self.is_teacher and self.teachers_may_approve)
        )

    @property
    def may_see_support_needs(self) -> bool:
        """Special personal data of a minor: the supervisor, coordinators and teacher only."""
        return self.is_supervisor or self.is_coordinator or self.is_teacher


def placement_access(user: User, placement: Placement) -> PlacementAccess:
    """Work out ``user``'s roles for ``placement`` with two queries."""
    company_roles = list(
        CompanyMembership.objects.filter(user=user, company_id=placement.company_id).values_list(
            "is_company_admin", flat=True
        )
    )
    school_roles = set(
        SchoolMembership.objects.filter(
            user=user, school_id=placement.student.school_id
        ).values_list("role", flat=True)
    )
    return PlacementAccess(
        is_staff=user.is_staff,
        is_open=placement.status in OPEN_STATUSES,
        is_supervisor=bool(company_roles) and placement.supervisor_id == user.pk,
        is_company_admin=any(company_roles),
        is_company_member=bool(company_roles),
        is_proposal=placement.status == PlacementStatus.PROPOSED,
        is_registration=placement.status == PlacementStatus.REGISTERED,
        is_coordinator=SchoolRole.COORDINATOR in school_roles,
        is_teacher=SchoolRole.TEACHER in school_roles and placement.student.teacher_id == user.pk,
        teachers_may_approve=placement.student.school.teachers_may_approve,
    )


def placement_for_user(user: User, public_id) -> tuple[Placement, PlacementAccess]:
    """The placement with ``public_id`` if ``user`` may see it (else 404), with the access."""
    placement = get_object_or_404(
        placements_for_user(user).select_related("student__teacher", "intake"),
        public_id=public_id,
    )
    return placement, placement_access(user, placement)


def require(allowed: bool) -> None:
    """Refuse a write action with 403 to someone who may only read the placement."""
    if not allowed:
        raise PermissionDenied


__all__ = ["PlacementAccess", "placement_access", "placement_for_user", "require"]
