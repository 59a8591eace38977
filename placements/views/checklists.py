from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from placements.access import require
from placements.forms.checklists import ChecklistTickForm
from placements.selectors.checklists import phase_progress
from placements.selectors.core import placement_for_user
from placements.services.checklists import checklist_item_set_done
from placements.views.today import back_to_today, wants_today


@require_POST
@login_required
def checklist_item_update(request: HttpRequest, public_id, item_id: int) -> HttpResponse:
    """Tick or untick one item; htmx gets the phase's fragment back, others a redirect."""
    placement, access = placement_for_user(request.user, public_id)
    item = get_object_or_404(placement.checklist_items, pk=item_id)
    require(access.may_tick(item))
    form, error = ChecklistTickForm(request.POST), None
    if not form.is_valid():
        error = " ".join(message for errors in form.errors.values() for message in errors)
    else:
        try:
            checklist_item_set_done(item, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            error = refused.messages[0]
    if wants_today(request):
        return back_to_today(request, placement, error=error)
    if request.htmx:
        phase = phase_progress(placement, access, item.phase)
        context = {"placement": placement, "phase": phase, "open": True, "error": error}
        response = render(request, "placements/detail/_checklist_phase.html", context)
        if error is None:
            # The box "Next step" fetches itself again: the tick may be what it waited for.
            trigger_client_event(response, "journal-changed")
        return response
    if error:
        messages.error(request, error)
    return redirect(f"{placement.get_absolute_url()}#phase-{item.phase}")
