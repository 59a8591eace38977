"""Filling in, submitting and reviewing an evaluation.

The company side fills in a draft (or a returned evaluation) and submits it; from then
on everyone sees it read-only, and the school approves it or returns it with a comment.
The services check every rule again, so a crafted POST changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from evaluations import services
from evaluations.forms import EvaluationForm, ReviewForm
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus
from evaluations.selectors import (
    STATUS_BADGES,
    criteria_with_scores,
    evaluation_events,
    evaluation_for,
    evaluation_kind,
    funnel_steps,
)
from placements.access import PlacementAccess, require
from placements.models import Placement
from placements.selectors.core import placement_for_user
from stagegids.core.http import add_service_error


def _edit_url(placement: Placement, kind: str) -> str:
    return reverse("evaluations:edit", kwargs={"public_id": placement.public_id, "kind": kind})


def _load(request: HttpRequest, public_id, kind: str):
    """The placement (404 outside the user's scope), the access, the kind (404 when
    unknown) and the evaluation of that kind, or None."""
    placement, access = placement_for_user(request.user, public_id)
    kind = evaluation_kind(kind)
    return placement, access, kind, evaluation_for(placement, kind)


#: The fields the read-only page shows, per section.
OVERALL = ("overall_remarks", "qualities_seen")
REFLECTION = (
    "reflection_experience",
    "reflection_expectations",
    "reflection_work_here",
    "reflection_room",
    "reflection_tips",
)
NEXT_STEP = ("funnel_stage", "what_became_clearer", "agreed_next_step", "follow_up_offer")


def _answers(evaluation: Evaluation, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, answer) per field, labelled as on the form; a choice by its text."""
    answers = []
    for name in names:
        field = Evaluation._meta.get_field(name)
        value = getattr(evaluation, f"get_{name}_display")() if field.choices else None
        answers.append((capfirst(field.verbose_name), value or getattr(evaluation, name)))
    return answers


def _read_only(evaluation: Evaluation) -> dict:
    overall = OVERALL + (("other_direction",) if evaluation.trade_does_not_suit else ())
    return {
        "overall_answers": _answers(evaluation, overall),
        "reflection_answers": _answers(evaluation, REFLECTION),
        "next_step_answers": _answers(evaluation, NEXT_STEP),
    }


def _page(
    request: HttpRequest,
    placement: Placement,
    access: PlacementAccess,
    kind: EvaluationKind,
    evaluation: Evaluation | None,
    *,
    form: EvaluationForm | None = None,
    review_form: ReviewForm | None = None,
) -> HttpResponse:
    """The evaluation's page: the form while the company may change it, else read-only
    with, for the school while it is submitted, the review form."""
    may_fill, may_review = access.may_fill_assessments, access.may_review_assessments
    context = {"placement": placement, "access": access, "kind": kind, "evaluation": evaluation}
    context |= {"may_fill": may_fill, "may_review": may_review}
    if evaluation is None:
        return render(request, "evaluations/evaluation_detail.html", context)
    criteria = criteria_with_scores(evaluation)
    context |= {"criteria": criteria, "events": evaluation_events(evaluation)}
    context |= {"status_badge": STATUS_BADGES[evaluation.status]}
    context |= {"funnel_steps": funnel_steps(evaluation.funnel_stage)}
    if may_fill and evaluation.is_editable:
        form = form or EvaluationForm(evaluation=evaluation, criteria=criteria)
        return render(request, "evaluations/evaluation_form.html", context | {"form": form})
    refused = [form, review_form]
    if may_review and evaluation.status == EvaluationStatus.SUBMITTED:
        context["review_form"] = review_form or ReviewForm()
        refused = [form]  # the review form shows its own errors
    # A refused POST whose form this page does not show (a crafted save of a locked
    # evaluation, a review of one that is no longer submitted) shows its message on top.
    context["refusals"] = [e for f in refused if f is not None for e in f.non_field_errors()]
    return render(request, "evaluations/evaluation_detail.html", context | _read_only(evaluation))


def _start(request: HttpRequest, placement: Placement, kind: EvaluationKind) -> HttpResponse:
    try:
        services.evaluation_start(placement, kind=kind, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{placement.get_absolute_url()}#evaluations")
    return redirect(_edit_url(placement, kind))


def _saved(
    request: HttpRequest, evaluation: Evaluation
) -> tuple[EvaluationForm, Evaluation | None]:
    """The posted form and the evaluation saved from it, or None when the form or the
    service (not editable, someone else saved first) refused it: then nothing changed."""
    form = EvaluationForm(
        request.POST, evaluation=evaluation, criteria=criteria_with_scores(evaluation)
    )
    if not form.is_valid():
        return form, None
    try:
        saved = services.evaluation_save(evaluation, by=request.user, **form.service_arguments())
    except ValidationError as error:
        add_service_error(form, error)
        return form, None
    return form, saved


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def evaluation_edit(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    """GET shows the evaluation (or a button to start it); POST starts it when it does
    not exist yet, else saves the draft."""
    placement, access, kind, evaluation = _load(request, public_id, kind)
    if request.method != "POST":
        return _page(request, placement, access, kind, evaluation)
    require(access.may_fill_assessments)
    if evaluation is None or "version" not in request.POST:
        return _start(request, placement, kind)
    form, saved = _saved(request, evaluation)
    if saved is None:
        return _page(request, placement, access, kind, evaluation, form=form)
    messages.success(request, _("Saved as a draft."))
    return redirect(_edit_url(placement, kind))


@require_POST
@login_required
def evaluation_submit(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    """Save what was typed, then submit it; what is still missing keeps it a draft."""
    placement, access, kind, evaluation = _load(request, public_id, kind)
    require(access.may_fill_assessments)
    if evaluation is None:
        raise Http404
    form, saved = _saved(request, evaluation)
    if saved is None:
        return _page(request, placement, access, kind, evaluation, form=form)
    try:
        services.evaluation_submit(saved, by=request.user, version=saved.version)
    except ValidationError as error:
        if not (missing := services.missing_answers(saved)):
            # Refused for another reason (someone else submitted it meanwhile): say so.
            messages.error(request, " ".join(error.messages))
            return redirect(_edit_url(placement, kind))
        return _page(request, placement, access, kind, saved, form=_marked(request, saved, missing))
    messages.success(request, _("Submitted: the school will now review it."))
    return redirect(f"{placement.get_absolute_url()}#evaluations")


def _marked(request: HttpRequest, saved: Evaluation, missing: dict[str, str]) -> EvaluationForm:
    """The form as it was posted (now at the saved version), with each missing answer
    marked at its own field: the criterion without a score, the empty remarks."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    form = EvaluationForm(data, evaluation=saved, criteria=criteria_with_scores(saved))
    form.is_valid()  # it was valid a moment ago: the errors below are the only ones
    for name, message in missing.items():
        if name in form.fields:
            form.add_error(name, message)
    count = len(missing)
    form.add_error(
        None,
        ngettext(
            "Saved as a draft, but not submitted yet: %(count)s answer is missing, marked below.",
            "Saved as a draft, but not submitted yet: %(count)s answers are missing, marked below.",
            count,
        )
        % {"count": count},
    )
    return form


def _decide(evaluation: Evaluation, form: ReviewForm, *, by) -> Evaluation:
    comment = form.cleaned_data["comment"]
    if form.cleaned_data["decision"] == ReviewForm.APPROVE:
        return services.evaluation_approve(evaluation, by=by, comment=comment)
    return services.evaluation_return(evaluation, by=by, comment=comment)


@require_POST
@login_required
def evaluation_review(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    """The school approves a submitted evaluation, or returns it with a comment."""
    placement, access, kind, evaluation = _load(request, public_id, kind)
    require(access.may_review_assessments)
    if evaluation is None:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            decided = _decide(evaluation, form, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The evaluation is now %(status)s.") % {"status": decided.get_status_display()},
            )
            return redirect(f"{placement.get_absolute_url()}#evaluations")
    return _page(request, placement, access, kind, evaluation, review_form=form)
