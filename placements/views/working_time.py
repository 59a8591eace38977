"""The placement page's section "Working time and age": the law for minors applied to
the agreed days and hours, and the school's part in it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placements.access import PlacementAccess, require
from placements.forms.working_time import SafeWorkForm, WorkingTimeForm
from placements.models import Placement
from placements.selectors.core import placement_for_user
from placements.selectors.working_time import forbidden_work_for, safe_work_of, working_time_of
from placements.services.working_time import (
    SAFE_WORK_FIELDS,
    placement_age_rules_confirm,
    placement_working_time_save,
    safe_work_update,
)


def working_time_section(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the section: the figures, the limits, and the school's form."""
    form = WorkingTimeForm(placement=placement) if access.may_state_age else None
    return {
        "working_time": working_time_of(placement),
        "working_time_form": form,
        "safe_work": safe_work_of(placement),
        "forbidden_work": forbidden_work_for(placement.pupil_age),
    }


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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def safe_work_edit(request: HttpRequest, public_id) -> HttpResponse:
    """The company describes the pupil's tasks, risks and measures, beside the work the
    law does not allow at the pupil's age, and confirms both."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_edit_safe_work)
    instance = safe_work_of(placement)
    form = SafeWorkForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in SAFE_WORK_FIELDS}
        try:
            safe_work_update(placement, by=request.user, **changes)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(request, _("The tasks, risks and measures are saved."))
        return redirect(f"{placement.get_absolute_url()}#safe-work")
    context = {
        "placement": placement,
        "form": form,
        "forbidden_work": forbidden_work_for(placement.pupil_age),
    }
    return render(request, "placements/safe_work_form.html", context)
