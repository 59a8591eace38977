"""Pages that combine several apps: the dashboard, the placement page and the companies
directory. Each asks the apps' selectors for its parts; none of them writes (but for the
placement page's read mark of its thread). The first three keep their content in the
shared cache (``stagegids.core.page_cache``): the selectors run only when it is not
there."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from companies.forms import CompanySearchForm
from evaluations.selectors import evaluations_overview
from placements.access import Memberships, memberships_of
from placements.forms import SchoolSettingsForm
from placements.models import SchoolRole
from placements.selectors.checklists import checklist_overview
from placements.selectors.core import placement_for_user
from placements.selectors.intake import intake_overview
from placements.selectors.lifecycle import lifecycle_overview
from placements.stamps import of_placement, scopes_of_user
from placements.views.feedback import feedback_section
from placements.views.hours import hours_section
from placements.views.messages import message_section
from placements.views.working_time import working_time_section
from placements.views.worklog import worklog_section
from stagegids.core.page_cache import render_cached
from stagegids.workspace.companies import companies_for_user, company_directory, company_overview
from stagegids.workspace.selectors import dashboard_for_user, dashboard_memberships


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    company_memberships, school_memberships = dashboard_memberships(user)
    scopes = scopes_of_user(user, Memberships.of(company_memberships, school_memberships))

    def context() -> dict[str, Any]:
        memberships = (company_memberships, school_memberships)
        context = dashboard_for_user(user, memberships=memberships)
        context["school_forms"] = [
            (m.school, SchoolSettingsForm(instance=m.school, auto_id=f"id_school{m.school_id}_%s"))
            for m in context["school_memberships"]
            if m.role == SchoolRole.COORDINATOR
        ]
        return context

    return render_cached(
        request,
        "stagegids/dashboard.html",
        page="dashboard",
        scopes=scopes,
        context=context,
    )


@require_safe
@login_required
def placement_detail(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)

    def context() -> dict[str, Any]:
        context = {"placement": placement, "access": access}
        # One section of the page per part of the placement's journey.
        context |= lifecycle_overview(placement, access)
        if context["proposal"] is None:
            # A proposal, or a declined one, has no journey yet: only its terms and thread.
            context |= evaluations_overview(placement, access)
            context |= checklist_overview(placement, access)
            context |= intake_overview(placement, access)
            context |= working_time_section(placement, access)
            context |= hours_section(placement, access)
            context |= worklog_section(placement, access)
            context |= feedback_section(placement, access)
        context |= message_section(placement, access, user=request.user)
        return context

    return render_cached(
        request,
        "placements/placement_detail.html",
        page="placement",
        scopes=of_placement(placement),
        context=context,
        frame={"placement": placement},
    )


@require_safe
@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    """A page of the user's companies by name, or of those that match the search."""

    # Staff see every company: neither the scopes nor the directory need their roles.
    memberships = None if request.user.is_staff else memberships_of(request.user)

    def context() -> dict[str, Any]:
        form = CompanySearchForm(request.GET)
        query = form.query
        number = request.GET.get("page")
        page = company_directory(request.user, query=query, page=number, memberships=memberships)
        keep = urlencode({"q": query}) if query else ""
        return {"form": form, "page": page, "q": query, "query": keep}

    return render_cached(
        request,
        "companies/company_list.html",
        page="companies",
        scopes=scopes_of_user(request.user, memberships),
        context=context,
    )


@require_safe
@login_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(companies_for_user(request.user), pk=pk)
    context = company_overview(company, user=request.user)
    return render(request, "companies/company_detail.html", context)
