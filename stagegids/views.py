from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from stagegids.selectors import dashboard_for_user


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "stagegids/dashboard.html", dashboard_for_user(request.user))


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages (such as the admin) that do not link one.
    return redirect(static("favicon.svg"), permanent=True)
