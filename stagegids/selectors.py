"""Reads for the role-aware dashboard."""

from typing import Any

from django.db.models import Count

from placements.models import PlacementStatus, SchoolRole
from placements.selectors import placements_for_user
from placements.selectors.checklists import with_checklist_progress
from placements.selectors.messages import unread_messages_for_user
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
    open_visible = with_checklist_progress(visible.filter(status__in=OPEN_STATUSES))
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
            with_checklist_progress(school_placements.filter(status__in=OPEN_STATUSES))[
                :DASHBOARD_LIST_SIZE
            ]
        )
    if any(m.role == SchoolRole.TEACHER for m in school_memberships):
        context["followed"] = list(open_visible.filter(student__teacher=user)[:DASHBOARD_LIST_SIZE])
    # Staff read the threads without taking part, so they get no unread list.
    if not user.is_staff and (company_memberships or school_memberships):
        unread = unread_messages_for_user(visible, user=user)[:DASHBOARD_LIST_SIZE]
        context["unread_messages"] = [(placement, placement.unread_count) for placement in unread]
    return context
