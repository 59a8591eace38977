"""Views every app shares."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages (such as the admin) that do not link one.
    return redirect(static("favicon.svg"), permanent=True)
