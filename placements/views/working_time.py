"""The placement page's section "Working time and age": the law for minors applied to
the agreed days and hours, and the school's part in it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from placements.access import PlacementAccess, require
from placements.forms.working_time import WorkingTimeForm
from placements.models import Placement
from placements.selectors.core import placement_for_user
from placements.selectors.working_time import working_time_of
from placements.services.working_time import (
    placement_age_rules_confirm,
    placement_working_time_save,
)


def working_time_section(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the section: the figures, the limits, and the school's form."""
    form = WorkingTimeForm(placement=placement) if access.may_state_age else None
    return {"working_time": working_time_of(placement), "working_time_form": form}


def _back(placement: Placement) -> HttpResponse:
    return redirect(f"{placement.get_absolute_url()}#working-time")


@require_POST
@login_required
def working_time_save(request: HttpRequest, public_id) -> HttpResponse:
    """The school states the pupil's age and its lesson hours."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_state_age)
    form = WorkingTimeForm(request.POST)
    if not form.is_valid():
        context = {"placement": placement, "form": form}
        return render(request, "placements/working_time_form.html", context)
    try:
        placement_working_time_save(placement, by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The age and the school hours are saved."))
    return _back(placement)


@require_POST
@login_required
def age_rules_confirm(request: HttpRequest, public_id) -> HttpResponse:
    """The school confirms a placement the rules for minors do not decide."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_state_age)
    try:
        placement_age_rules_confirm(placement, by=request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Confirmed: the placement fits the rules for minors."))
    return _back(placement)
