"""Project-wide middleware."""

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

# Only our own origin: no inline scripts or styles, no third-party hosts.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


# Nothing here needs a camera, a microphone, the location or a payment; passkeys
# (publickey-credentials-get) stay allowed for this origin.
PERMISSIONS_POLICY = ", ".join(
    [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
        "publickey-credentials-get=(self)",
    ]
)

#: The only methods the portal answers; every form posts, every page is a GET.
ALLOWED_METHODS = ("GET", "HEAD", "POST")

Middleware = Callable[[HttpRequest], HttpResponse]


#: C0 control characters and DEL: no query string of the portal needs them, and
#: PostgreSQL refuses a NUL in any text it is asked to compare.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def control_characters_ignored(get_response: Middleware) -> Middleware:
    """Drop control characters from the query string's names and values, so ``?q=%00``
    searches for nothing instead of failing in the database (in the portal and in Django
    admin alike). Form fields refuse NUL with a message (Django's own validator)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%" in query or _CONTROL_CHARACTERS.search(query):
            params = request.GET
            if any(
                _CONTROL_CHARACTERS.search(text)
                for key, values in params.lists()
                for text in (key, *values)
            ):
                clean = QueryDict(mutable=True)
                for key, values in params.lists():
                    clean.setlist(
                        _CONTROL_CHARACTERS.sub("", key),
                        [_CONTROL_CHARACTERS.sub("", value) for value in values],
                    )
                clean._mutable = False
                request.GET = clean
        return get_response(request)

    return middleware


def allowed_methods(get_response: Middleware) -> Middleware:
    """PUT, PATCH, DELETE, OPTIONS and the like answer 405 everywhere (class-based views
    from libraries would otherwise treat a PUT as a POST)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return get_response(request)

    return middleware


def content_security_policy(get_response: Middleware) -> Middleware:
    """The Content-Security-Policy and Permissions-Policy on every response, static files
    included."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def no_store(get_response: Middleware) -> Middleware:
    """``Cache-Control: no-store`` on every page and file this server renders: they hold
    minors' data, and a shared phone or a proxy must not keep a copy. (Static files are
    served by whitenoise before this runs, with their own long cache headers.)"""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    return middleware


def session_timeouts(get_response: Middleware) -> Middleware:
    """End a session ``SESSION_MAX_AGE`` seconds after the login, or after
    ``SESSION_IDLE_TIMEOUT`` seconds without a request (phones are shared on site).

    The time of the last request is written at most once a minute, so a busy user does
    not cost a session write per request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        # The health check answers without loading a session (or the user).
        if request.path_info != reverse("healthz") and request.user.is_authenticated:
            now = int(time.time())
            # Both are set on login (``stagegids.core.signals``); a session from before
            # this rule gets them on its next request.
            started = request.session.setdefault("started_at", now)
            seen = request.session.get("seen_at", now)
            if (
                now - started > settings.SESSION_MAX_AGE
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
            elif now - seen >= 60 or "seen_at" not in request.session:
                request.session["seen_at"] = now
        return get_response(request)

    return middleware


def htmx_login_redirect(get_response: Middleware) -> Middleware:
    """An htmx request of a session that has ended would follow the redirect to the login
    page and swap its whole HTML (navigation bar and all) into the part of the page it
    updates. Instead it gets ``HX-Redirect``: the browser goes to the login page, which
    leads back to the page the user was on (``HX-Current-URL``), not to the URL the
    request posted to."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not getattr(request, "htmx", False) or response.status_code not in (301, 302):
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response["Location"]).path != login_path:
            return response
        back = request.htmx.current_url or ""
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        back_path = urlsplit(back)
        next_url = back_path.path + (f"?{back_path.query}" if back_path.query else "")
        query = urlencode({REDIRECT_FIELD_NAME: next_url}) if next_url else ""
        return HttpResponseClientRedirect(f"{login_path}?{query}" if query else login_path)

    return middleware


def language_from_cookie(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Dutch unless the user picked another language with the switch in the footer.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, which
    shows an installer with an English phone an English portal they never asked for.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response

    return middleware


def admin_needs_second_factor(get_response: Middleware) -> Middleware:
    """Staff open Django admin only with a second factor, used in this session.

    A staff user without an authenticator app or passkey is sent to the page that sets
    one up; one who has a second factor but logged in without it (a session from before
    it was set up) confirms it first. The admin's login and logout stay open (its login
    leads to allauth's, see ``stagegids.core.views.admin_login``); users who are not
    staff meet the admin's own refusal.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        # The path first: other pages do not load the user (or the session) here.
        if _is_guarded_admin_path(request.path) and user.is_authenticated and user.is_staff:
            if not is_mfa_enabled(user):
                messages.warning(
                    request,
                    _(
                        "Django admin needs two-factor login. Set up an authenticator app "
                        "(or a passkey) first; then the administration opens."
                    ),
                )
                return HttpResponseRedirect(reverse("mfa_index"))
            if not _used_second_factor(request):
                messages.info(
                    request,
                    _("Confirm with your authenticator app or passkey to open Django admin."),
                )
                url = _second_factor_confirmation_url(request)
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return HttpResponseRedirect(f"{url}?{query}")
        return get_response(request)

    return middleware


def _is_guarded_admin_path(path: str) -> bool:
    open_paths = {reverse("admin:login"), reverse("admin:logout")}
    return path.startswith(reverse("admin:index")) and path not in open_paths


def _used_second_factor(request: HttpRequest) -> bool:
    """Whether this session's logins (as allauth records them) include a second factor:
    a code, a recovery code or a passkey, at login or when confirming later."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def _second_factor_confirmation_url(request: HttpRequest) -> str:
    """allauth's page that asks for the user's second factor (an app's code or a
    recovery code before a security key)."""
    methods = get_account_adapter(request).get_reauthentication_methods(request.user)
    return next(m["url"] for m in methods if m["id"].startswith("mfa_reauthenticate"))
