"""Who may do what: the one home of the portal's access rules.

Seeing a placement at all is the scoping selector's question
(``placements.selectors.core.placements_for_user``; outside it: 404). Once a user sees
one, ``placement_access`` works out their roles for it and the ``PlacementAccess`` it
returns answers every "may they …?" about it: tick, intake, support needs, hours, work
log, feedback, messages, assessments and each step of the lifecycle. A read-only user
asking for a write gets 403 (``require``).

Views, templates, forms and services ask this module; none of them repeats a rule.
``tests/placements/test_access_table.py`` checks every rule in one table of roles and actions.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When

from companies.models import CompanyMembership
from placements.enums import OPEN_STATUSES, InvitationRole, PlacementStatus, SchoolRole
from placements.models import Placement, SchoolMembership
from stagegids.core.models import User


class Tickable(Protocol):
    """A checklist item, as far as the rules need it."""

    school_may_tick: bool


@dataclass(frozen=True)
class PlacementAccess:
    """The roles a user has for one placement, and what they may do with it.

    The roles are fields (filled by ``placement_access``); every rule is a property or
    method named ``may_…`` built from them and from nothing else.
    """

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

    # --- the sides --------------------------------------------------------------------

    @property
    def company_side(self) -> bool:
        """The placement's supervisor or an admin of its company."""
        return self.is_supervisor or self.is_company_admin

    @property
    def school_side(self) -> bool:
        """A coordinator of the pupil's school or the teacher who follows the pupil."""
        return self.is_coordinator or self.is_teacher

    @property
    def answers_proposal(self) -> bool:
        """Works at the company the school proposed this placement to."""
        return self.is_proposal and self.is_company_member

    @property
    def _company_or_staff(self) -> bool:
        return self.company_side or self.is_staff

    @property
    def _coordinator_or_staff(self) -> bool:
        return self.is_coordinator or self.is_staff

    # --- the journal ------------------------------------------------------------------

    def may_tick(self, item: Tickable) -> bool:
        """The company side ticks every checklist item; the school side the items meant
        for it too. (A closed placement's checklist refuses every change with its own
        message: ``checklist_item_set_done``.)"""
        return self._company_or_staff or (self.school_side and item.school_may_tick)

    @property
    def may_edit_intake(self) -> bool:
        """Both sides fill in the intake of an open placement."""
        return self.is_open and (self.company_side or self.school_side or self.is_staff)

    @property
    def may_see_support_needs(self) -> bool:
        """Special personal data of a minor: the supervisor, coordinators and teacher only;
        not the company's other people, and not staff."""
        return self.is_supervisor or self.is_coordinator or self.is_teacher

    @property
    def may_edit_safe_work(self) -> bool:
        """The company describes the pupil's tasks, risks and measures, and confirms
        its risk assessment and the work the pupil will not do."""
        return self.is_open and self._company_or_staff

    @property
    def may_state_age(self) -> bool:
        """The school states the pupil's age and its lesson hours for the working-time
        rules for minors, and confirms where those rules do not decide."""
        return self.is_open and self._coordinator_or_staff

    @property
    def may_record_hours(self) -> bool:
        """The company side records the days of an open placement; the school side reads."""
        return self.is_open and self._company_or_staff

    @property
    def may_keep_worklog(self) -> bool:
        """The company side records what the intern did; the school side reads along."""
        return self.is_open and self._company_or_staff

    @property
    def may_plan_feedback(self) -> bool:
        """The company side plans, edits and deletes the feedback moments of an open
        placement."""
        return self.is_open and self._company_or_staff

    @property
    def may_take_part_in_feedback(self) -> bool:
        """Both sides take part in the conversations: they record notes and mark them done."""
        return self.is_open and (self.company_side or self.school_side or self.is_staff)

    @property
    def may_post_message(self) -> bool:
        """The two sides talk in the thread; so does whoever answers a proposal. Staff
        read it without taking part."""
        return self.company_side or self.school_side or self.answers_proposal

    # --- assessments ------------------------------------------------------------------

    @property
    def may_fill_assessments(self) -> bool:
        """The company side (or an admin) fills in the evaluations of an open placement."""
        return self.is_open and self._company_or_staff

    @property
    def may_review_assessments(self) -> bool:
        """Coordinators and admins approve or return them; the pupil's teacher when the
        school allows it."""
        return self._coordinator_or_staff or (self.is_teacher and self.teachers_may_approve)

    # --- the lifecycle (``placements.services.lifecycle.TRANSITIONS``) ------------------

    @property
    def may_answer_proposal(self) -> bool:
        """Accept or decline the school's proposal: anyone at the company, or an admin."""
        return self.is_company_member or self.is_staff

    @property
    def may_answer_registration(self) -> bool:
        """Confirm or decline the company's registration: a coordinator, or an admin."""
        return self._coordinator_or_staff

    @property
    def may_plan(self) -> bool:
        """draft → planned: the company side, a coordinator or an admin."""
        return self._company_or_staff or self.is_coordinator

    @property
    def may_start(self) -> bool:
        """planned → active: the company side or an admin (they know the first day)."""
        return self._company_or_staff

    @property
    def may_start_closing(self) -> bool:
        """active → closing: the company side, a coordinator or an admin."""
        return self._company_or_staff or self.is_coordinator

    @property
    def may_complete(self) -> bool:
        """closing → completed: a coordinator or an admin."""
        return self._coordinator_or_staff

    @property
    def may_cancel(self) -> bool:
        """A proposal is withdrawn by the side that made it (the other side declines it);
        an agreed placement is cancelled by the company side or a coordinator."""
        if self.is_proposal:
            return self._coordinator_or_staff
        if self.is_registration:
            return self._company_or_staff
        return self._company_or_staff or self.is_coordinator


#: How ``memberships_of`` tells a company admin from another member.
_ADMIN, _MEMBER = "company-admin", "company-member"


@dataclass(frozen=True)
class Memberships:
    """Where a user works: the ids of their companies and schools, by role."""

    companies: frozenset[int] = frozenset()
    admin_of: frozenset[int] = frozenset()
    coordinates: frozenset[int] = frozenset()
    teaches_at: frozenset[int] = frozenset()

    @classmethod
    def of(cls, company_memberships: Iterable, school_memberships: Iterable) -> "Memberships":
        """From membership rows already loaded (``CompanyMembership``, ``SchoolMembership``)."""
        company_memberships = list(company_memberships)
        school_memberships = list(school_memberships)
        return cls(
            companies=frozenset(m.company_id for m in company_memberships),
            admin_of=frozenset(m.company_id for m in company_memberships if m.is_company_admin),
            coordinates=frozenset(
                m.school_id for m in school_memberships if m.role == SchoolRole.COORDINATOR
            ),
            teaches_at=frozenset(
                m.school_id for m in school_memberships if m.role == SchoolRole.TEACHER
            ),
        )


def memberships_of(user: User) -> Memberships:
    """``user``'s company and school memberships, in one small query (both tables' rows
    for the user, from their indexes)."""
    company_rows = (
        CompanyMembership.objects.filter(user=user)
        .order_by()
        .values_list(
            "company_id",
            Case(When(is_company_admin=True, then=Value(_ADMIN)), default=Value(_MEMBER)),
        )
    )
    school_rows = (
        SchoolMembership.objects.filter(user=user).order_by().values_list("school_id", "role")
    )
    companies, admin_of, coordinates, teaches_at = set(), set(), set(), set()
    for pk, role in company_rows.union(school_rows, all=True):
        match role:
            case SchoolRole.COORDINATOR:
                coordinates.add(pk)
            case SchoolRole.TEACHER:
                teaches_at.add(pk)
            case _:
                companies.add(pk)
                if role == _ADMIN:
                    admin_of.add(pk)
    return Memberships(
        frozenset(companies), frozenset(admin_of), frozenset(coordinates), frozenset(teaches_at)
    )


def placement_access(
    user: User, placement: Placement, *, memberships: Memberships | None = None
) -> PlacementAccess:
    """Work out ``user``'s roles for ``placement`` from their ``memberships`` (looked up
    with one query when not given)."""
    m = memberships if memberships is not None else memberships_of(user)
    school_id = placement.school_id
    at_company = placement.company_id in m.companies
    return PlacementAccess(
        is_staff=user.is_staff,
        is_open=placement.status in OPEN_STATUSES,
        is_supervisor=at_company and placement.supervisor_id == user.pk,
        is_company_admin=placement.company_id in m.admin_of,
        is_company_member=at_company,
        is_proposal=placement.status == PlacementStatus.PROPOSED,
        is_registration=placement.status == PlacementStatus.REGISTERED,
        is_coordinator=school_id in m.coordinates,
        is_teacher=school_id in m.teaches_at and placement.student.teacher_id == user.pk,
        teachers_may_approve=placement.student.school.teachers_may_approve,
    )


# --- rules about a new placement, and about many at once ---------------------------------


def may_propose(user: User, *, school_id: int) -> bool:
    """Propose a placement for a pupil of school ``school_id`` to a company: the school's
    coordinators, or an admin."""
    return (
        user.is_staff
        or SchoolMembership.objects.filter(
            user=user, school_id=school_id, role=SchoolRole.COORDINATOR
        ).exists()
    )


def may_post_in_bulk(user: User) -> bool:
    """One message to many placements: anyone who belongs to a company or a school (each
    placement is checked again with ``may_post_message``). Staff and users without
    memberships read threads but never post in them."""
    return (
        CompanyMembership.objects.filter(user=user).exists()
        or SchoolMembership.objects.filter(user=user).exists()
    )


def may_download_in_bulk(user: User) -> bool:
    """The approved assessments as one ZIP: coordinators (for their schools) and admins."""
    return user.is_staff or user.school_memberships.filter(role=SchoolRole.COORDINATOR).exists()


# --- invitations into a role ---------------------------------------------------------------


def _coordinates(user: User, school_id: int | None) -> bool:
    return (
        school_id is not None
        and SchoolMembership.objects.filter(
            user=user, school_id=school_id, role=SchoolRole.COORDINATOR
        ).exists()
    )


def may_invite(
    user: User, *, role: str, company_id: int | None = None, school_id: int | None = None
) -> bool:
    """Invite someone into ``role``:

    - a company admin of company ``company_id``: a coordinator of school ``school_id``
      (the school that works with, or wants to work with, the company);
    - a supervisor of company ``company_id``: that company's admins;
    - a teacher of school ``school_id``: that school's coordinators;
    - a coordinator of school ``school_id``: an admin (staff).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if role == InvitationRole.COMPANY_ADMIN:
        return company_id is not None and _coordinates(user, school_id)
    if role == InvitationRole.SUPERVISOR:
        return (
            company_id is not None
            and CompanyMembership.objects.filter(
                user=user, company_id=company_id, is_company_admin=True
            ).exists()
        )
    if role == InvitationRole.TEACHER:
        return _coordinates(user, school_id)
    if role == InvitationRole.COORDINATOR:
        return user.is_staff and school_id is not None
    return False


def invitable_roles(
    user: User,
    *,
    company_memberships: list[CompanyMembership] | None = None,
    school_memberships: list[SchoolMembership] | None = None,
) -> list[str]:
    """The roles ``user`` may invite someone into somewhere (each place is checked again
    with ``may_invite``): what the invitations page offers. Pass the user's memberships
    when they are loaded already (the dashboard) to save the two queries."""
    if not user.is_authenticated or not user.is_active:
        return []
    if company_memberships is None:
        company_memberships = list(user.company_memberships.all())
    if school_memberships is None:
        school_memberships = list(user.school_memberships.all())
    coordinator = any(m.role == SchoolRole.COORDINATOR for m in school_memberships)
    company_admin = any(m.is_company_admin for m in company_memberships)
    roles = {
        InvitationRole.COMPANY_ADMIN: coordinator,
        InvitationRole.SUPERVISOR: company_admin,
        InvitationRole.TEACHER: coordinator,
        InvitationRole.COORDINATOR: user.is_staff,
    }
    return [role for role, allowed in roles.items() if allowed]


def require(allowed: bool) -> None:
    """Refuse a write action with 403 to someone who may only read the placement."""
    if not allowed:
        raise PermissionDenied


__all__ = [
    "PlacementAccess",
    "invitable_roles",
    "may_download_in_bulk",
    "may_invite",
    "may_post_in_bulk",
    "may_propose",
    "placement_access",
    "require",
]
