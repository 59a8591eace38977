from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evaluations.selectors import evaluations_overview
from placements.selectors.access import placement_for_user
from placements.selectors.checklists import checklist_overview
from placements.selectors.intake import intake_overview
from placements.selectors.lifecycle import lifecycle_overview
from placements.views.feedback import feedback_section
from placements.views.hours import hours_section
from placements.views.messages import message_section
from placements.views.overview import overview_page
from placements.views.worklog import worklog_section


@require_safe
@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    """The overview: filters, order and pages in the query string; exports and the bulk
    message work on the same set (``placements.views.overview``)."""
    context = overview_page(request, request.GET)
    return render(request, "placements/placement_list.html", context)


@require_safe
@login_required
def placement_detail(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    context = {"placement": placement, "access": access}
    # One section of the page per part of the placement's journey.
    context |= lifecycle_overview(placement, access)
    context |= evaluations_overview(placement, access)
    context |= checklist_overview(placement, access)
    context |= intake_overview(placement, access)
    context |= hours_section(placement, access)
    context |= worklog_section(placement, access)
    context |= feedback_section(placement, access)
    context |= message_section(placement, access, user=request.user)
    return render(request, "placements/placement_detail.html", context)
