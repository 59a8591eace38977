"""Pages that combine several apps: the dashboard, the placement page and the companies
directory. Each asks the apps' selectors for its parts; none of them writes."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from companies.forms import CompanySearchForm
from evaluations.selectors import evaluations_overview
from placements.forms import SchoolSettingsForm
from placements.models import SchoolRole
from placements.selectors.checklists import checklist_overview
from placements.selectors.core import placement_for_user
from placements.selectors.intake import intake_overview
from placements.selectors.lifecycle import lifecycle_overview
from placements.views.feedback import feedback_section
from placements.views.hours import hours_section
from placements.views.messages import message_section
from placements.views.worklog import worklog_section
from stagegids.workspace.companies import companies_for_user, company_directory, company_overview
from stagegids.workspace.selectors import dashboard_for_user


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = dashboard_for_user(request.user)
    context["school_forms"] = [
        (m.school, SchoolSettingsForm(instance=m.school, auto_id=f"id_school{m.school_id}_%s"))
        for m in context["school_memberships"]
        if m.role == SchoolRole.COORDINATOR
    ]
    return render(request, "stagegids/dashboard.html", context)


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


@require_safe
@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    """A page of the user's companies by name, or of those that match the search."""
    form = CompanySearchForm(request.GET)
    query = form.query
    page = company_directory(request.user, query=query, page=request.GET.get("page"))
    keep = urlencode({"q": query}) if query else ""
    context = {"form": form, "page": page, "q": query, "query": keep}
    return render(request, "companies/company_list.html", context)


@require_safe
@login_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(companies_for_user(request.user), pk=pk)
    context = company_overview(company, user=request.user)
    return render(request, "companies/company_detail.html", context)
