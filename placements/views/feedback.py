"""Feedback moments: planned by the company side, held and noted by both sides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placements.access import PlacementAccess, require
from placements.forms.journal import FeedbackMomentForm, FeedbackNotesForm, FeedbackPlanForm
from placements.models import FeedbackMoment, Placement
from placements.selectors.core import placement_for_user
from placements.selectors.feedback import (
    feedback_moment_for,
    feedback_moment_or_none,
    feedback_moments,
)
from placements.services.feedback import (
    feedback_moment_add,
    feedback_moment_delete,
    feedback_moment_mark_done,
    feedback_moment_record_notes,
    feedback_moment_reopen,
    feedback_moment_update,
)
from placements.views.today import back_to_today, wants_today
from stagegids.core.http import add_service_error


def feedback_section(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the placement page's section "Feedback moments"."""
    may_plan = access.may_plan_feedback
    return {
        "feedback_moments": feedback_moments(placement, today=timezone.localdate()),
        "feedback_may_plan": may_plan,
        "feedback_may_take_part": access.may_take_part_in_feedback,
        "feedback_form": FeedbackPlanForm(placement=placement) if may_plan else None,
    }


def _back(placement: Placement) -> HttpResponse:
    return redirect(f"{placement.get_absolute_url()}#feedback")


def _form_page(request: HttpRequest, placement: Placement, form: Form, **context) -> HttpResponse:
    context |= {"placement": placement, "form": form}
    return render(request, "placements/feedback/moment_form.html", context)


@require_POST
@login_required
def feedback_add(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_plan_feedback)
    form = FeedbackPlanForm(request.POST, placement=placement)
    if form.is_valid():
        try:
            moment = feedback_moment_add(placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Planned: %(title)s.") % {"title": moment.title})
            return _back(placement)
    return _form_page(request, placement, form)


def _save_edit(moment: FeedbackMoment, form: Form, *, may_plan: bool, by) -> None:
    if may_plan:
        feedback_moment_update(moment, by=by, **form.cleaned_data)
    else:
        feedback_moment_record_notes(moment, by=by, **form.cleaned_data)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feedback_edit(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_take_part_in_feedback)
    moment = feedback_moment_for(placement, pk)
    may_plan = access.may_plan_feedback
    data = request.POST if request.method == "POST" else None
    initial = {"title": moment.title, "planned_on": moment.planned_on, "notes": moment.notes}
    if may_plan:
        form = FeedbackMomentForm(data, initial=initial, placement=placement)
    else:
        form = FeedbackNotesForm(data, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            _save_edit(moment, form, may_plan=may_plan, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved: %(title)s.") % {"title": moment.title})
            return _back(placement)
    return _form_page(request, placement, form, moment=moment)


def _mark(request: HttpRequest, public_id, pk: int, service, message: str) -> HttpResponse:
    """Mark a moment done or open again through ``service``; ``message`` names its title."""
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_take_part_in_feedback)
    moment = service(feedback_moment_for(placement, pk), by=request.user)
    if wants_today(request):
        return back_to_today(request, placement, success=message % {"title": moment.title})
    messages.success(request, message % {"title": moment.title})
    return _back(placement)


@require_POST
@login_required
def feedback_done(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    return _mark(request, public_id, pk, feedback_moment_mark_done, _("Marked as done: %(title)s."))


@require_POST
@login_required
def feedback_reopen(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    return _mark(request, public_id, pk, feedback_moment_reopen, _("Reopened: %(title)s."))


@require_POST
@login_required
def feedback_delete(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_plan_feedback)
    moment = feedback_moment_or_none(placement, pk)
    if moment is None:  # a second click on the same button
        messages.info(request, _("This feedback moment was already deleted."))
        return _back(placement)
    try:
        feedback_moment_delete(moment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted: %(title)s.") % {"title": moment.title})
    return _back(placement)
