from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from evaluations.selectors import evaluations_overview
from placements.forms import SchoolSettingsForm
from placements.selectors.access import placement_for_user
from placements.selectors.checklists import checklist_overview
from placements.selectors.core import schools_coordinated_by
from placements.selectors.intake import intake_overview
from placements.selectors.lifecycle import lifecycle_overview
from placements.services.core import school_set_teachers_may_approve
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
    if context["proposal"] is None:
        # A proposal, or a declined one, has no journey yet: only its terms and thread.
        context |= evaluations_overview(placement, access)
        context |= checklist_overview(placement, access)
        context |= intake_overview(placement, access)
        context |= hours_section(placement, access)
        context |= worklog_section(placement, access)
        context |= feedback_section(placement, access)
    context |= message_section(placement, access, user=request.user)
    return render(request, "placements/placement_detail.html", context)


@require_POST
@login_required
def school_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator switches whether the school's teachers may approve assessments."""
    school = get_object_or_404(schools_coordinated_by(request.user), pk=pk)
    form = SchoolSettingsForm(request.POST, instance=school)
    if form.is_valid():
        allowed = form.cleaned_data["teachers_may_approve"]
        school_set_teachers_may_approve(school, by=request.user, allowed=allowed)
        messages.success(request, _("The settings of %(school)s are saved.") % {"school": school})
    return redirect("dashboard")
