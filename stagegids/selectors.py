"""Reads for the role-aware dashboard."""

from typing import Any

from django.db.models import Count

from placements.models import PlacementStatus, SchoolRole
from placements.selectors import placements_for_user
from stagegids.models import User

#: Placements that still need attention from the people involved.
OPEN_STATUSES = [
    PlacementStatus.DRAFT,
    PlacementStatus.PLANNED,
    PlacementStatus.ACTIVE,
    PlacementStatus.CLOSING,
]
DASHBOARD_LIST_SIZE = 20


def dashboard_for_user(user: User) -> dict[str, Any]:
    """What the dashboard shows ``user``, one section per role they have.

    Runs a fixed number of queries: the memberships, then one list or count per role.
    """
    company_memberships = list(user.company_memberships.select_related("company"))
    school_memberships = list(user.school_memberships.select_related("school"))
    visible = placements_for_user(user).order_by("start_date", "pk")
    open_visible = visible.filter(status__in=OPEN_STATUSES)
    context: dict[str, Any] = {
        "company_memberships": company_memberships,
        "school_memberships": school_memberships,
    }
    if company_memberships:
        company_ids = [m.company_id for m in company_memberships]
        context["interns"] = list(
            open_visible.filter(company_id__in=company_ids)[:DASHBOARD_LIST_SIZE]
        )
    coordinated = [m.school_id for m in school_memberships if m.role == SchoolRole.COORDINATOR]
    if coordinated or user.is_staff:
        school_placements = (
            visible.filter(student__school_id__in=coordinated) if coordinated else visible
        )
        counts = dict(
            school_placements.order_by()
            .values_list("status")
            .annotate(total=Count("pk"))
            .values_list("status", "total")
        )
        context["status_counts"] = [
            (value, label, counts.get(value, 0)) for value, label in PlacementStatus.choices
        ]
        context["school_open"] = list(
            school_placements.filter(status__in=OPEN_STATUSES)[:DASHBOARD_LIST_SIZE]
        )
    if any(m.role == SchoolRole.TEACHER for m in school_memberships):
        context["followed"] = list(open_visible.filter(student__teacher=user)[:DASHBOARD_LIST_SIZE])
    return context
