from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from stagegids.selectors import dashboard_for_user


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "stagegids/dashboard.html", dashboard_for_user(request.user))
