"""Reads for the role-aware dashboard."""

import datetime
from typing import Any

from placements.access import Memberships, invitable_roles
from placements.enums import OPEN_STATUSES, SchoolRole
from placements.selectors import placements_for_user
from placements.selectors.checklists import with_checklist_progress
from placements.selectors.messages import unread_messages_for_user
from stagegids.core.models import User
from stagegids.workspace.attention import (
    attention_lists,
    awaiting_review,
    company_proposal_lists,
    coordinated_placements,
    placement_charts,
    returned_assessments,
)

DASHBOARD_LIST_SIZE = 20


def dashboard_memberships(user: User) -> tuple[list, list]:
    """``user``'s company and school memberships with their company and school (two
    queries), as ``dashboard_for_user`` takes them."""
    return (
        list(user.company_memberships.select_related("company")),
        list(user.school_memberships.select_related("school")),
    )


def dashboard_for_user(
    user: User,
    *,
    today: datetime.date | None = None,
    memberships: tuple[list, list] | None = None,
) -> dict[str, Any]:
    """What the dashboard shows ``user``, one section per role they have.

    Runs a fixed number of queries: the memberships (unless given, as loaded by
    ``dashboard_memberships``), then one list or count per role. A coordinator (staff:
    for every school) also gets ``attention``, the lists that need action on ``today``
    (default: today), one query each, and ``charts``, two queries.
    """
    company_memberships, school_memberships = memberships or dashboard_memberships(user)
    memberships = Memberships.of(company_memberships, school_memberships)
    visible = placements_for_user(user, memberships).order_by("start_date", "pk")
    open_visible = with_checklist_progress(visible.filter(status__in=OPEN_STATUSES))
    context: dict[str, Any] = {
        "company_memberships": company_memberships,
        "school_memberships": school_memberships,
        "may_invite": bool(
            invitable_roles(
                user,
                company_memberships=company_memberships,
                school_memberships=school_memberships,
            )
        ),
    }
    if company_memberships:
        company_ids = [m.company_id for m in company_memberships]
        context["interns"] = list(
            open_visible.filter(company_id__in=company_ids)[:DASHBOARD_LIST_SIZE]
        )
        context["company_proposals"] = company_proposal_lists(
            visible.filter(company_id__in=company_ids), today=today
        )
        context["returned_assessments"] = returned_assessments(
            visible.filter(company_id__in=company_ids)
        )
    coordinated = [m.school_id for m in school_memberships if m.role == SchoolRole.COORDINATOR]
    if coordinated or user.is_staff:
        school_placements = coordinated_placements(user, memberships=memberships).order_by(
            "start_date", "pk"
        )
        context["attention"] = attention_lists(school_placements, today=today)
        charts = placement_charts(school_placements, today=today)
        context["charts"] = charts
        context["status_counts"] = [
            (bar.key, bar.label, bar.value) for bar in charts["by_status"].bars
        ]
        context["school_open"] = list(
            with_checklist_progress(school_placements.filter(status__in=OPEN_STATUSES))[
                :DASHBOARD_LIST_SIZE
            ]
        )
    teaching = [m for m in school_memberships if m.role == SchoolRole.TEACHER]
    if teaching:
        context["followed"] = list(open_visible.filter(student__teacher=user)[:DASHBOARD_LIST_SIZE])
    if approving := [m.school_id for m in teaching if m.school.teachers_may_approve]:
        # A teacher whose school lets teachers approve reviews their own pupils' ones.
        context["to_review"] = awaiting_review(
            visible.filter(student__teacher=user, school_id__in=approving)
        )
    # Staff read the threads without taking part, so they get no unread list.
    if not user.is_staff and (company_memberships or school_memberships):
        unread = unread_messages_for_user(visible, user=user, limit=DASHBOARD_LIST_SIZE)
        context["unread_messages"] = [(placement, placement.unread_count) for placement in unread]
    return context
