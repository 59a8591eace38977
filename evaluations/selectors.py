"""Scoped reads of evaluations: who may do what, the placement page's section, and what
the evaluation page shows. Every read runs a fixed number of queries, however many
criteria the assessment form has."""

from dataclasses import dataclass

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FormDefinition,
    FunnelStage,
    Score,
)
from placements.access import PlacementAccess
from placements.models import Placement, School, SchoolRole, Student
from placements.selectors import placements_for_user
from stagegids.core.models import User

#: The Bootstrap colour of each status's badge.
STATUS_BADGES = {
    EvaluationStatus.DRAFT: "text-bg-secondary",
    EvaluationStatus.SUBMITTED: "text-bg-primary",
    EvaluationStatus.RETURNED: "text-bg-warning",
    EvaluationStatus.APPROVED: "text-bg-success",
}


def evaluation_kind(kind: str) -> EvaluationKind:
    """The kind named in a URL; 404 for anything but "midterm" and "final"."""
    if kind not in EvaluationKind.values:
        raise Http404
    return EvaluationKind(kind)


def evaluation_for(placement: Placement, kind: str) -> Evaluation | None:
    """The evaluation of ``kind`` of ``placement`` with its form version, or None, in one
    query."""
    return (
        Evaluation.objects.select_related("definition")
        .filter(placement=placement, kind=kind)
        .first()
    )


def criteria_with_scores(evaluation: Evaluation) -> list[Criterion]:
    """The criteria of the form version ``evaluation`` was filled on, in order, each with
    ``current_score`` and ``current_remark`` of this evaluation (None / "" when it has no
    row), in one query."""
    criteria = (
        Criterion.objects.filter(definition_id=evaluation.definition_id)
        .annotate(own=FilteredRelation("scores", condition=Q(scores__evaluation_id=evaluation.pk)))
        .annotate(current_score=F("own__score"), current_remark=F("own__remark"))
        .order_by("order", "pk")
    )
    criteria = list(criteria)
    for criterion in criteria:
        criterion.score_label = (
            Score(criterion.current_score).label if criterion.current_score else ""
        )
    return criteria


def evaluation_events(evaluation: Evaluation) -> list[EvaluationEvent]:
    """The steps of ``evaluation``, oldest first, with who took them, in one query."""
    return list(evaluation.events.select_related("by").order_by("at", "pk"))


def _last_event(field: str) -> Subquery:
    events = EvaluationEvent.objects.filter(evaluation=OuterRef("pk")).order_by("-at", "-pk")
    return Subquery(events.values(field)[:1])


def _with_last_step(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    return evaluations.annotate(
        last_action=_last_event("action"),
        last_at=_last_event("at"),
        last_by_first_name=_last_event("by__first_name"),
        last_by_last_name=_last_event("by__last_name"),
    )


@dataclass(frozen=True)
class EvaluationRow:
    """One kind of evaluation in the placement page's section."""

    kind: EvaluationKind
    evaluation: Evaluation | None
    may_fill: bool
    may_review: bool

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def badge_class(self) -> str:
        return STATUS_BADGES[self.evaluation.status] if self.evaluation else "text-bg-light border"

    @property
    def is_editable(self) -> bool:
        return self.may_fill and (self.evaluation is None or self.evaluation.is_editable)

    @property
    def awaits_review(self) -> bool:
        return (
            self.may_review
            and self.evaluation is not None
            and self.evaluation.status == EvaluationStatus.SUBMITTED
        )

    @property
    def last_step(self) -> str:
        if self.evaluation is None or not self.evaluation.last_action:
            return ""
        return EvaluationEvent.Action(self.evaluation.last_action).label

    @property
    def last_by(self) -> str:
        if self.evaluation is None:
            return ""
        first, last = self.evaluation.last_by_first_name, self.evaluation.last_by_last_name
        return f"{first or ''} {last or ''}".strip()


def published_version() -> int | None:
    """The version of the newest published assessment form, or None, in one query."""
    published = FormDefinition.objects.filter(is_published=True).order_by("-version")
    return published.values_list("version", flat=True).first()


def evaluations_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The context of the placement page's section "Assessment": a row per kind with its
    evaluation (one query for both) and its last step, and the version of the blank form
    (one query)."""
    found = {
        evaluation.kind: evaluation
        for evaluation in _with_last_step(Evaluation.objects.filter(placement=placement))
    }
    may_fill, may_review = access.may_fill_assessments, access.may_review_assessments
    rows = [
        EvaluationRow(kind, found.get(kind), may_fill=may_fill, may_review=may_review)
        for kind in (EvaluationKind.MIDTERM, EvaluationKind.FINAL)
        # A placement of a few days has no mid-term (unless one was started before).
        if kind != EvaluationKind.MIDTERM or placement.has_midterm or kind in found
    ]
    return {"evaluation_rows": rows, "evaluation_blank_version": published_version()}


#: The short name of each step, as the picture of the funnel shows it.
FUNNEL_NAMES = {
    FunnelStage.VMBO: _("vmbo"),
    FunnelStage.PROFILE: _("profile"),
    FunnelStage.DIRECTION: _("direction"),
    FunnelStage.MBO_STUDY: _("mbo study"),
    FunnelStage.OCCUPATION: _("occupation"),
}


@dataclass(frozen=True)
class FunnelStep:
    """One step of the funnel towards a career choice, as the picture shows it."""

    stage: FunnelStage
    number: int
    is_current: bool

    @property
    def name(self) -> str:
        return FUNNEL_NAMES[self.stage]

    @property
    def label(self) -> str:
        return self.stage.label


def funnel_steps(current: str) -> list[FunnelStep]:
    """The steps vmbo → profile → direction → mbo study → occupation, with the one the
    pupil stands on now (``current``, possibly empty) marked."""
    return [
        FunnelStep(stage, number, is_current=stage == current)
        for number, stage in enumerate(FunnelStage, start=1)
    ]


__all__ = [
    "STATUS_BADGES",
    "EvaluationRow",
    "FunnelStep",
    "criteria_with_scores",
    "evaluation_events",
    "evaluation_for",
    "evaluation_kind",
    "evaluations_overview",
    "funnel_steps",
    "published_version",
]


def _coordinated_schools(user: User) -> QuerySet[School]:
    return School.objects.filter(
        memberships__user=user, memberships__role=SchoolRole.COORDINATOR
    ).distinct()


def approved_assessments_for_bulk(user: User) -> QuerySet[Evaluation]:
    """The approved evaluations of placements ``user`` may see whose pupil is at a school
    ``user`` coordinates (an admin: every school), pupils in class and name order.

    The school condition matters for a coordinator who is also a company admin: they
    see that company's placements, but not to download the assessments of other
    schools' pupils.
    """
    placements = placements_for_user(user)
    if not user.is_staff:
        placements = placements.filter(school__in=_coordinated_schools(user))
    return Evaluation.objects.filter(
        status=EvaluationStatus.APPROVED, placement__in=placements.values("pk")
    ).order_by(
        "placement__student__class_name",
        "placement__student__surname",
        "placement__student__given_name",
        "pk",
    )


def class_choices(user: User) -> list[tuple[str, str]]:
    """The classes of the pupils at the schools ``user`` may download from, in one query."""
    students = Student.objects.all()
    if not user.is_staff:
        students = students.filter(school__in=_coordinated_schools(user))
    names = students.order_by("class_name").values_list("class_name", flat=True).distinct()
    return [(name, name) for name in names]
