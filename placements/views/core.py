from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evaluations.selectors import evaluations_overview
from placements.forms import PlacementFilterForm
from placements.selectors import placements_for_user
from placements.selectors.access import placement_for_user
from placements.selectors.checklists import checklist_overview, with_checklist_progress
from placements.selectors.intake import intake_overview
from placements.selectors.lifecycle import lifecycle_overview
from placements.views.feedback import feedback_section
from placements.views.hours import hours_section
from placements.views.messages import message_section
from placements.views.worklog import worklog_section

PAGE_SIZE = 25


@require_safe
@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    placements = with_checklist_progress(placements_for_user(request.user))
    form = PlacementFilterForm(request.GET)
    form.is_valid()  # a filter with a nonsense value drops out of cleaned_data: ignored
    data = form.cleaned_data
    if data.get("status"):
        placements = placements.filter(status=data["status"])
    if data.get("kind"):
        placements = placements.filter(kind=data["kind"])
    if search := data.get("q"):
        placements = placements.filter(
            Q(student__given_name__icontains=search)
            | Q(student__surname__icontains=search)
            | Q(company__name__icontains=search)
        )
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "placements/placement_list.html", {"form": form, "page": page})


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
