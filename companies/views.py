"""The companies directory: read-only pages, scoped by ``companies.selectors``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from companies.selectors import companies_for_user, company_directory, company_overview


@require_safe
@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    companies = company_directory(request.user)
    return render(request, "companies/company_list.html", {"companies": companies})


@require_safe
@login_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(companies_for_user(request.user), pk=pk)
    context = company_overview(company, user=request.user)
    return render(request, "companies/company_detail.html", context)
