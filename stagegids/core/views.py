"""Views every app shares."""

import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import defaults
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
        response = JsonResponse(
            {"status": "database unavailable"},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
        return _logged_already(response)
    return JsonResponse({"status": "ok"})


#: PostgreSQL's SQLSTATEs (and their classes) that say the server cannot be used right
#: now, rather than that a query failed: a connection exception (08…), a shutdown, crash
#: or start-up (57P01 to 57P04) and too many connections (53300).
UNAVAILABLE_SQLSTATES = ("08", "57P", "53300")


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` says that the database cannot be reached (down, restarting, the
    connection lost, no connection free in the pool) rather than that a query failed.

    A query that fails (a statement timeout, a missing table, a deadlock) is a bug or an
    overload to look into, and stays a server error.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    # psycopg's error: no SQLSTATE when the server never answered (refused, closed,
    # psycopg_pool's PoolTimeout); SQLite's errors have none and are never "unavailable".
    sqlstate = getattr(error.__cause__, "sqlstate", "")
    return sqlstate is None or sqlstate.startswith(UNAVAILABLE_SQLSTATES)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the retry page (503) when the database cannot be reached, the
    usual 500 page otherwise.

    Django calls it for every uncaught exception, from a view or from a middleware (the
    session or the user loaded by ``session_timeouts``), while that exception is being
    handled; with ``DEBUG`` on it shows its own error page instead.
    """
    error = sys.exception()
    if not is_database_unavailable(error):
        return defaults.server_error(request)
    logger.warning(
        "Database unavailable, answered 503: %s %s (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        # The first line: where the connection failed (host and port), no query or data.
        next(iter(str(error).strip().splitlines()), ""),
    )
    return _logged_already(database_unavailable_page())


def database_unavailable_page() -> HttpResponse:
    """The retry page, rendered without a request (so without context processors) from a
    template that extends nothing: it reads nothing from the database."""
    content = render_to_string("503.html")
    response = HttpResponse(content, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _logged_already(response: HttpResponse) -> HttpResponse:
    """Mark ``response`` as logged (once, as a warning, by the caller): Django's own log
    of every 5xx answer (``django.utils.log.log_response``, at ERROR) checks this mark."""
    response._has_been_logged = True
    return response


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
