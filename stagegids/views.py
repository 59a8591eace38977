from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stagegids.selectors import dashboard_for_user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "stagegids/dashboard.html", dashboard_for_user(request.user))
