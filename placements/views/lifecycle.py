from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placements.forms.checklists import CancelForm
from placements.selectors.access import placement_for_user
from placements.services.lifecycle import TRANSITION_SERVICES, TRANSITIONS, placement_cancel


@require_POST
@login_required
def placement_transition(request: HttpRequest, public_id, action: str) -> HttpResponse:
    """Move the placement on; a refused guard says what is missing and changes nothing."""
    placement, _access = placement_for_user(request.user, public_id)
    if action not in TRANSITION_SERVICES:
        raise Http404
    try:
        TRANSITION_SERVICES[action](placement, by=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The placement is now %(status)s.") % {"status": placement.get_status_display()},
        )
    return redirect(f"{placement.get_absolute_url()}#status")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_cancel_view(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    if not TRANSITIONS["cancel"].may(access):
        raise PermissionDenied
    if placement.status not in TRANSITIONS["cancel"].sources:
        messages.error(
            request,
            _("This placement is %(status)s and can no longer be cancelled.")
            % {"status": placement.get_status_display()},
        )
        return redirect(placement.get_absolute_url())
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            placement_cancel(placement, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The placement is cancelled."))
            return redirect(placement.get_absolute_url())
    return render(
        request, "placements/placement_cancel.html", {"placement": placement, "form": form}
    )
