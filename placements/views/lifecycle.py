from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.forms.checklists import CancelForm
from placements.forms.proposals import DeclineForm
from placements.models import Placement, PlacementStatus
from placements.selectors.core import placement_for_user, placements_for_user
from placements.selectors.lifecycle import next_step
from placements.services.lifecycle import (
    TRANSITION_SERVICES,
    TRANSITIONS,
    placement_cancel,
    placement_decline,
)
from stagegids.core.http import add_service_error


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


@require_safe
@login_required
def placement_next_step(request: HttpRequest, public_id) -> HttpResponse:
    """The box "Next step" alone, which the placement page fetches again after a change
    in the journal (a ticked item) may have given the step what it waited for."""
    placement, access = placement_for_user(request.user, public_id)
    context = {"placement": placement, "next_step": next_step(placement, access)}
    return render(request, "placements/detail/_next_step.html", context)


def placement_for_transition(
    request: HttpRequest, public_id, name: str | Callable[[Placement], str]
) -> Placement | None:
    """The placement if ``request.user`` may take transition ``name`` on it (else 404 or
    403); None, with a message, when its status does not allow it (any more). ``name``
    may be a function of the placement, for a step named after its status."""
    placement, access = placement_for_user(request.user, public_id)
    transition = TRANSITIONS[name(placement) if callable(name) else name]
    if not transition.may(access):
        raise PermissionDenied
    if placement.status not in transition.sources:
        messages.error(
            request,
            _("This placement is %(status)s, so “%(action)s” is not possible.")
            % {"status": placement.get_status_display(), "action": transition.label},
        )
        return None
    return placement


def redirect_after_answer(request: HttpRequest, placement: Placement) -> HttpResponse:
    """To the placement, or to the dashboard when the answer took it out of the user's
    sight (someone at the company who declined, or accepted it for a colleague)."""
    if placements_for_user(request.user).filter(pk=placement.pk).exists():
        return redirect(placement)
    return redirect("dashboard")


@dataclass(frozen=True)
class ReasonStep:
    """A transition that asks why: its form, page and the message once it is done."""

    form_class: type[forms.Form]
    template: str
    done: Promise


CANCEL = ReasonStep(
    CancelForm, "placements/placement_cancel.html", gettext_lazy("The placement is cancelled.")
)
DECLINE = ReasonStep(
    DeclineForm,
    "placements/placement_decline.html",
    gettext_lazy("The placement is declined; the other side reads your reason."),
)


def _with_reason(
    request: HttpRequest,
    public_id,
    name: str | Callable[[Placement], str],
    step: ReasonStep,
    service: Any,
) -> HttpResponse:
    placement = placement_for_transition(request, public_id, name)
    if placement is None:
        return redirect("placements:detail", public_id=public_id)
    form = step.form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(placement, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as refused:
            add_service_error(form, refused)
        else:
            messages.success(request, step.done)
            return redirect_after_answer(request, placement)
    return render(request, step.template, {"placement": placement, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_cancel_view(request: HttpRequest, public_id) -> HttpResponse:
    return _with_reason(request, public_id, "cancel", CANCEL, placement_cancel)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_decline_view(request: HttpRequest, public_id) -> HttpResponse:
    """The company declines the school's proposal, or the school the company's, saying why."""
    return _with_reason(request, public_id, _decline_name, DECLINE, placement_decline)


def _decline_name(placement: Placement) -> str:
    # The school declines a company's registration; the company the school's proposal.
    return "reject" if placement.status == PlacementStatus.REGISTERED else "decline"
