"""Project-wide middleware."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

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
        if request.user.is_authenticated:
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
