from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from placements.access import require
from placements.forms.checklists import IntakeForm
from placements.models import Intake
from placements.selectors.core import placement_for_user
from placements.selectors.intake import intake_of
from placements.services.intake import (
    INTAKE_FIELDS,
    intake_update,
    support_needs_record_view,
)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def intake_edit(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_edit_intake)
    intake = intake_of(placement) or Intake(placement=placement)
    show = access.may_see_support_needs
    form = IntakeForm(request.POST or None, instance=intake, show_support_needs=show)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in INTAKE_FIELDS}
        intake_update(placement, by=request.user, **changes)
        messages.success(request, _("The intake is saved."))
        return redirect(f"{placement.get_absolute_url()}#intake")
    if show and intake.support_needs:
        support_needs_record_view(placement, by=request.user)
    return render(request, "placements/intake_form.html", {"placement": placement, "form": form})


@require_safe
@login_required
def support_needs(request: HttpRequest, public_id) -> HttpResponse:
    """The pupil's support needs on a page of their own, so every view can be logged."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_see_support_needs)
    intake = intake_of(placement)
    if request.method == "GET":  # HEAD shows nothing, so it is not a view
        support_needs_record_view(placement, by=request.user)
    context = {"placement": placement, "intake": intake}
    return render(request, "placements/support_needs.html", context)
