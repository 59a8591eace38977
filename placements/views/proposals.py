"""Proposing a placement (the school), registering one (the company), and answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placements.forms.proposals import (
    AcceptForm,
    ProposalForm,
    PupilSearchForm,
    RegistrationForm,
)
from placements.models import Placement
from placements.selectors.core import schools_coordinated_by
from placements.services.lifecycle import placement_accept
from placements.services.proposals import placement_propose, placement_register
from placements.views.lifecycle import placement_for_transition, redirect_after_answer
from stagegids.core.http import add_service_error


def _proposal_form(request: HttpRequest, schools: QuerySet) -> ProposalForm:
    if request.method == "POST":
        return ProposalForm(request.POST, schools=schools)
    # "Propose a placement" beside a pupil fills in the pupil; the pupil search narrows
    # the list (and fills in the one match); anything else is ignored.
    initial = {"student": request.GET.get("student", "")}
    search = PupilSearchForm(request.GET)
    words = search.cleaned_data["pupil"] if search.is_valid() else ""
    return ProposalForm(initial=initial, schools=schools, pupil_search=words)


def _save_new(request: HttpRequest, form: ModelForm, service) -> Placement | None:
    """The new placement of a posted, valid ``form``, saved through ``service`` (proposing or
    registering); None when there is nothing to save or the service refuses (the refusal then
    shows on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    placement = form.save(commit=False)
    try:
        service(placement, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as refused:
        add_service_error(form, refused)
        return None
    return placement


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_propose_view(request: HttpRequest) -> HttpResponse:
    """A coordinator proposes a placement of a pupil to a company."""
    schools = schools_coordinated_by(request.user)
    if not schools.exists():
        raise Http404
    form = _proposal_form(request, schools)
    placement = _save_new(request, form, placement_propose)
    if placement is None:
        context = {"form": form, "search": PupilSearchForm(request.GET or None)}
        return render(request, "placements/placement_propose.html", context)
    messages.success(
        request,
        _("Proposal sent: %(company)s answers it on their dashboard.")
        % {"company": placement.company.name},
    )
    return redirect(placement)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_register_view(request: HttpRequest) -> HttpResponse:
    """Someone at a company registers a placement for a pupil who approached it."""
    if not request.user.company_memberships.exists():
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, user=request.user)
    placement = _save_new(request, form, placement_register)
    if placement is None:
        return render(request, "placements/placement_register.html", {"form": form})
    messages.success(
        request,
        _("The placement is registered; %(school)s confirms it.")
        % {"school": placement.student.school.name},
    )
    return redirect(placement)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def placement_accept_view(request: HttpRequest, public_id) -> HttpResponse:
    """Someone at the company accepts the school's proposal, choosing the supervisor."""
    placement = placement_for_transition(request, public_id, "accept")
    if placement is None:
        return redirect("placements:detail", public_id=public_id)
    data = request.POST if request.method == "POST" else None
    form = AcceptForm(data, placement=placement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            placement_accept(placement, by=request.user, supervisor=form.cleaned_data["supervisor"])
        except ValidationError as refused:
            add_service_error(form, refused)
        else:
            messages.success(request, _("You accepted the proposal: the placement is planned."))
            return redirect_after_answer(request, placement)
    return render(
        request, "placements/placement_accept.html", {"placement": placement, "form": form}
    )
