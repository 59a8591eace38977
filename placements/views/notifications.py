from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placements.forms.notifications import NotificationSettingsForm
from placements.services.notifications import (
    notification_kinds_wanted,
    notification_preferences_set,
)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Which emails the user gets, one switch per kind."""
    initial = {"wanted": sorted(notification_kinds_wanted(request.user))}
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(request.user, wanted=set(form.cleaned_data["wanted"]))
        messages.success(request, _("Your email settings are saved."))
        return redirect("notification_settings")
    return render(request, "account/notification_settings.html", {"form": form})
