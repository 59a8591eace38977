"""Views every app shares."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

#: Seconds a client (a load balancer, a browser) waits before asking again while the
#: database is unavailable.
RETRY_AFTER_SECONDS = 5


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 while this instance reaches its database,
    503 (with Retry-After) while it does not.

    No login, and nothing personal: the session middleware never loads a session for
    this path (``stagegids.core.middleware.session_timeouts``), so no session is read or
    written and no cookie is set; plain http is not redirected to https
    (``SECURE_REDIRECT_EXEMPT``).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unavailable (%s)", type(error).__name__)
        return JsonResponse(
            {"status": "database unavailable"},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return JsonResponse({"status": "ok"})


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
