"""Views every app shares."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages (such as the admin) that do not link one.
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Django admin's login page (``admin.site.login``): the portal's own login instead, so
    the second factor and the failed-login limits apply to the admin too.

    Staff who are logged in already go on to the admin; anybody else logged in goes to
    their dashboard with a word why (the login would only send them back here).
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if request.user.is_authenticated:
        if not request.user.is_staff:
            messages.error(request, _("Django admin is for the portal's staff only."))
            return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
        safe = url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(next_url if safe else reverse("admin:index"))
    query = f"?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else ""
    return redirect(reverse("account_login") + query)
