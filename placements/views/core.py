from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from placements.access import memberships_of
from placements.forms import SchoolSettingsForm
from placements.selectors.core import schools_coordinated_by
from placements.services.core import school_set_teachers_may_approve
from placements.stamps import scopes_of_user
from placements.views.overview import overview_page
from stagegids.core.page_cache import render_cached


@require_safe
@login_required
def placement_list(request: HttpRequest) -> HttpResponse:
    """The overview: filters, order and pages in the query string; exports and the bulk
    message work on the same set (``placements.views.overview``)."""
    memberships = memberships_of(request.user)
    return render_cached(
        request,
        "placements/placement_list.html",
        page="overview",
        scopes=scopes_of_user(request.user, memberships),
        context=lambda: overview_page(request, request.GET, memberships=memberships),
    )


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
