"""Every write to evaluations: start, save a draft, submit, return, approve.

Each step locks the evaluation row and checks its status again, so a crafted or
repeated POST cannot change a submitted or approved evaluation. Saving checks the
version the user started from: when someone else saved in between, the later save is
refused instead of silently overwriting the earlier one.
"""

from operator import attrgetter
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from evaluations.enums import EDITABLE_STATUSES
from evaluations.models import (
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FormDefinition,
)
from placements.access import placement_access
from placements.enums import NotificationKind
from placements.models import Placement
from placements.services import notifications
from placements.services.lifecycle import Missing
from stagegids.core.models import User


class EvaluationChanges(TypedDict, total=False):
    """The fields of an evaluation the company fills in (scores are separate): any of
    them, the others keep their value."""

    overall_remarks: str
    qualities_seen: str
    trade_does_not_suit: bool
    other_direction: str
    reflection_experience: str
    reflection_expectations: str
    reflection_work_here: str
    reflection_room: str
    reflection_tips: str
    funnel_stage: str  # a FunnelStage
    what_became_clearer: str
    agreed_next_step: str
    follow_up_offer: str  # a FollowUpOffer


#: The names of those fields, for forms and print templates.
EVALUATION_FIELDS = frozenset(EvaluationChanges.__annotations__)


def current_definition() -> FormDefinition:
    """The newest published assessment form."""
    definition = FormDefinition.objects.filter(is_published=True).order_by("-version").first()
    if definition is None:
        raise ValidationError(_("There is no published assessment form yet; ask an admin."))
    return definition


def _require_company(placement: Placement, by: User) -> None:
    access = placement_access(by, placement)
    if not access.may_fill_assessments:
        raise PermissionDenied


def _require_school(placement: Placement, by: User) -> None:
    access = placement_access(by, placement)
    if not access.may_review_assessments:
        raise PermissionDenied


@transaction.atomic
def evaluation_start(placement: Placement, *, kind: str, by: User) -> Evaluation:
    """The placement's evaluation of ``kind``, created on the newest published form if
    it does not exist yet.

    Side effects: may insert the Evaluation and one empty CriterionScore per criterion.
    Raises PermissionDenied for anyone but the company side or an admin.
    """
    _require_company(placement, by)
    if kind == EvaluationKind.MIDTERM and not placement.has_midterm:
        raise ValidationError(
            _("A placement of a few days has no mid-term evaluation: fill in the final one.")
        )
    evaluation, created = Evaluation.objects.get_or_create(
        placement=placement,
        kind=EvaluationKind(kind),
        defaults={"definition": current_definition()},
    )
    if created:
        CriterionScore.objects.bulk_create(
            CriterionScore(evaluation=evaluation, criterion=criterion)
            for criterion in evaluation.definition.criteria.all()
        )
    return evaluation


def _lock_editable(evaluation: Evaluation, *, version: int) -> Evaluation:
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This evaluation is %(status)s and can no longer be changed.")
            % {"status": locked.get_status_display()}
        )
    if locked.version != version:
        raise ValidationError(
            _(
                "Someone else saved this evaluation while you were working on it. Your "
                "changes were not saved: reload the page, check their changes and enter "
                "yours again."
            ),
            code="stale",
        )
    return locked


@transaction.atomic
def evaluation_save(
    evaluation: Evaluation,
    *,
    by: User,
    version: int,
    scores: dict[int, tuple[int | None, str]],
    **changes: Unpack[EvaluationChanges],
) -> Evaluation:
    """Save the company's draft: the fields in ``changes`` and, per criterion id,
    (score, remark).

    Side effects: updates the evaluation (its version goes up by one) and its scores,
    and records a "saved" step. Raises ValidationError when the evaluation is no longer
    editable or someone else saved it since ``version``; then nothing changes.
    """
    _require_company(evaluation.placement, by)
    if unknown := set(changes) - EVALUATION_FIELDS:
        raise TypeError(f"Not evaluation fields: {sorted(unknown)}")
    locked = _lock_editable(evaluation, version=version)
    for name, value in changes.items():
        setattr(locked, name, value)
    if not locked.trade_does_not_suit:
        locked.other_direction = ""
    locked.full_clean(exclude=["placement", "definition"])
    locked.version = F("version") + 1
    locked.save()
    rows = {row.criterion_id: row for row in locked.scores.all()}
    for criterion_id, (score, remark) in scores.items():
        if criterion_id in rows:
            rows[criterion_id].score, rows[criterion_id].remark = score, remark
    CriterionScore.objects.bulk_update(rows.values(), ["score", "remark"])
    EvaluationEvent.objects.create(evaluation=locked, action=EvaluationEvent.Action.SAVED, by=by)
    locked.refresh_from_db()
    return locked


def missing_answers(evaluation: Evaluation) -> dict[str, str]:
    """What is still missing before the company can submit ``evaluation``, per field of
    its form: ``score_<criterion pk>`` for each criterion without a score, then the
    overall remarks, the agreed next step (final assessment) and the other direction
    (when the trade does not suit). One query (the empty scores)."""
    missing = {
        f"score_{criterion_id}": _("Give this criterion a score.")
        for criterion_id in evaluation.scores.filter(score__isnull=True)
        .order_by("criterion__order", "criterion_id")
        .values_list("criterion_id", flat=True)
    }
    if not evaluation.overall_remarks.strip():
        missing["overall_remarks"] = _("Write the overall remarks.")
    if evaluation.kind == EvaluationKind.FINAL and not evaluation.agreed_next_step.strip():
        missing["agreed_next_step"] = _("Write down the next step you agreed.")
    if evaluation.trade_does_not_suit and not evaluation.other_direction.strip():
        missing["other_direction"] = _(
            "Name a direction or sector that might suit the pupil better."
        )
    return missing


def submit_blockers(evaluation: Evaluation) -> list[str]:
    """What is still missing before the company can submit ``evaluation``, as sentences:
    the criteria without a score counted in one."""
    missing = missing_answers(evaluation)
    unscored = [name for name in missing if name.startswith("score_")]
    blockers = []
    if unscored:
        blockers.append(
            _("Give every criterion a score (%(count)s missing).") % {"count": len(unscored)}
        )
    blockers.extend(message for name, message in missing.items() if name not in unscored)
    return blockers


def completion_blockers(placement: Placement) -> list[Missing]:
    """What evaluations requires before ``placement`` completes: an approved final
    assessment; what is missing says where it stands and who moves it on. Registered with
    ``placements.services.lifecycle.register_completion_check`` in
    ``EvaluationsConfig.ready()``, so the placements app needs no import of this one."""
    status = (
        placement.evaluations.filter(kind=EvaluationKind.FINAL)
        .values_list("status", flat=True)
        .first()
    )
    if status == EvaluationStatus.APPROVED:
        return []
    url = reverse(
        "evaluations:edit", kwargs={"public_id": placement.public_id, "kind": EvaluationKind.FINAL}
    )
    fill = attrgetter("may_fill_assessments")
    if status is None:
        return [
            Missing(
                _("The company has not started the final assessment yet."),
                href=url,
                action=_("Start the final assessment"),
                may=fill,
                post=True,
            )
        ]
    if status == EvaluationStatus.DRAFT:
        text = _("The company fills in the final assessment and submits it to the school.")
        return [Missing(text, href=url, action=_("Fill in the final assessment"), may=fill)]
    if status == EvaluationStatus.RETURNED:
        text = _("The school returned the final assessment: the company revises and resubmits it.")
        return [Missing(text, href=url, action=_("Revise the final assessment"), may=fill)]
    return [
        Missing(
            _("The school has to approve the final assessment first."),
            href=f"{url}#review",
            action=_("Review the final assessment"),
            may=attrgetter("may_review_assessments"),
        )
    ]


@transaction.atomic
def evaluation_submit(evaluation: Evaluation, *, by: User, version: int) -> Evaluation:
    """draft/returned → submitted: from now on the company can only read it.

    Side effects: status, version and a "submitted" step; after the commit, an email to
    its reviewers (coordinators; the teacher where allowed). Raises ValidationError listing
    what is missing, or when it is not editable or stale.
    """
    _require_company(evaluation.placement, by)
    locked = _lock_editable(evaluation, version=version)
    if blockers := submit_blockers(locked):
        raise ValidationError(blockers)
    moved = _move(locked, EvaluationStatus.SUBMITTED, EvaluationEvent.Action.SUBMITTED, by=by)
    _tell(moved, NotificationKind.ASSESSMENT_SUBMITTED, by=by)
    return moved


def _lock_submitted(evaluation: Evaluation) -> Evaluation:
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted evaluation can be reviewed; this one is %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _move(evaluation: Evaluation, status: str, action: str, *, by: User, comment: str = ""):
    evaluation.status = status
    evaluation.version = F("version") + 1
    if status == EvaluationStatus.RETURNED:
        evaluation.review_comment = comment
    evaluation.save(update_fields=["status", "version", "review_comment", "updated_at"])
    EvaluationEvent.objects.create(evaluation=evaluation, action=action, by=by, comment=comment)
    evaluation.refresh_from_db()
    return evaluation


@transaction.atomic
def evaluation_return(evaluation: Evaluation, *, by: User, comment: str) -> Evaluation:
    """submitted → returned, with a comment, by a coordinator, an admin, or the pupil's
    teacher when the school allows it: the company can edit it again.

    Side effects: status, the review comment and a "returned" step; after the commit, an
    email with the comment to the company side.
    """
    _require_school(evaluation.placement, by)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    locked = _lock_submitted(evaluation)
    moved = _move(
        locked, EvaluationStatus.RETURNED, EvaluationEvent.Action.RETURNED, by=by, comment=comment
    )
    _tell(moved, NotificationKind.ASSESSMENT_REVIEWED, by=by, comment=comment.strip())
    return moved


@transaction.atomic
def evaluation_approve(evaluation: Evaluation, *, by: User, comment: str = "") -> Evaluation:
    """submitted → approved by a coordinator, an admin, or the pupil's teacher when the
    school allows it.

    Side effects: status and an "approved" step; after the commit, an email to the
    company side.
    """
    _require_school(evaluation.placement, by)
    locked = _lock_submitted(evaluation)
    moved = _move(
        locked, EvaluationStatus.APPROVED, EvaluationEvent.Action.APPROVED, by=by, comment=comment
    )
    _tell(moved, NotificationKind.ASSESSMENT_REVIEWED, by=by, comment=comment.strip())
    return moved


def _tell(evaluation: Evaluation, kind: NotificationKind, *, by: User, comment: str = "") -> None:
    """A submitted assessment goes to its reviewers; a returned or approved one to the
    company side."""
    placement = evaluation.placement
    recipients = (
        notifications.school_people(placement, reviewers_only=True)
        if kind == NotificationKind.ASSESSMENT_SUBMITTED
        else notifications.company_people(placement)
    )
    extra = {"evaluation": evaluation, "comment": comment}
    notifications.notify(kind, placement=placement, recipients=recipients, by=by, extra=extra)
