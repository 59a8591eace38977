from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from placements.forms import SchoolSettingsForm
from placements.models import SchoolRole
from stagegids.selectors import dashboard_for_user


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
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages (such as the admin) that do not link one.
    return redirect(static("favicon.svg"), permanent=True)
