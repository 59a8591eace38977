"""The assessments of the scale data set: mid-term and final evaluations on the
published form, their scores and their steps, as ``evaluations.services`` leaves them."""

import random
from collections.abc import Iterator

from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationStatus,
    FollowUpOffer,
    FormDefinition,
    FunnelStage,
)
from placements.services.feedback import midterm_date
from stagegids.workspace.scale_data.dates import MINUTE, at, in_order
from stagegids.workspace.scale_data.texts import REMARKS, REVIEW_COMMENTS
from stagegids.workspace.scale_data.world import PlacementPlan, S, World
from stagegids.workspace.scale_data.writing import builder

EVALUATION_MIX = (
    (EvaluationStatus.DRAFT, EvaluationStatus.SUBMITTED, EvaluationStatus.RETURNED,
     EvaluationStatus.APPROVED),
    (3, 3, 1, 3),
)  # fmt: skip


def evaluations(world: World, definition: FormDefinition | None) -> Iterator[Evaluation]:
    """Mid-term evaluations of the longer placements once halfway, final assessments once
    closing; a completed placement's final one is approved (it could not complete
    otherwise). Fills ``world.evaluations`` with each one's steps."""
    if definition is None:
        return
    rng, cutoff = world.rng, world.cutoff
    for p in world.plans:
        placement, status = p.placement, p.placement.status
        wanted = []
        if (
            placement.has_midterm
            and p.last_day is not None
            and midterm_date(placement) <= p.last_day
        ):
            if status == S.ACTIVE or (status == S.CANCELLED and rng.random() < 0.3):
                wanted.append((EvaluationKind.MIDTERM, rng.choices(*EVALUATION_MIX)[0]))
            elif status in (S.CLOSING, S.COMPLETED) and rng.random() < 0.9:
                wanted.append((EvaluationKind.MIDTERM, EvaluationStatus.APPROVED))
        if status == S.CLOSING:
            wanted.append((EvaluationKind.FINAL, rng.choices(*EVALUATION_MIX)[0]))
        elif status == S.COMPLETED:
            wanted.append((EvaluationKind.FINAL, EvaluationStatus.APPROVED))
        for kind, state in wanted:
            if kind == EvaluationKind.MIDTERM:
                begin = at(midterm_date(placement), 15)
                limit = p.reached.get(S.CLOSING, p.reached.get(S.CANCELLED, cutoff))
            else:
                begin = p.reached[S.CLOSING] + rng.randint(5, 600) * MINUTE
                limit = p.reached.get(S.COMPLETED, cutoff)
            steps = evaluation_steps(rng, state)
            times, moment = [], begin
            for _ in range(len(steps) + 1):
                times.append(moment)
                moment += rng.randint(10, 2 * 24 * 60) * MINUTE
            times = in_order(times, min(limit, cutoff))
            evaluation = evaluation_row(rng, p, kind, state, steps)
            evaluation.definition = definition
            evaluation.created_at, evaluation.updated_at = times[0], times[-1]
            world.evaluations.append((evaluation, p, list(zip(steps, times[1:], strict=True))))
            yield evaluation


def evaluation_steps(rng: random.Random, state: str) -> list[str]:
    """The steps (EvaluationEvent actions) an evaluation took to reach ``state``."""
    A = EvaluationEvent.Action
    saves = [A.SAVED] * rng.randint(0 if state == EvaluationStatus.DRAFT else 1, 2)
    if state == EvaluationStatus.DRAFT:
        return saves
    steps = [*saves, A.SUBMITTED]
    if state == EvaluationStatus.RETURNED:
        return [*steps, A.RETURNED]
    if state == EvaluationStatus.APPROVED and rng.random() < 0.2:
        steps += [A.RETURNED, A.SAVED, A.SUBMITTED]
    return [*steps, A.APPROVED] if state == EvaluationStatus.APPROVED else steps


def evaluation_row(
    rng: random.Random, p: PlacementPlan, kind: str, state: str, steps: list[str]
) -> Evaluation:
    filled = bool(steps)
    final = kind == EvaluationKind.FINAL
    not_suited = filled and rng.random() < 0.06
    return Evaluation(
        placement_id=p.placement.pk,
        kind=kind,
        status=state,
        version=1 + len(steps),
        overall_remarks="Een leergierige stagiair die snel zijn plek vond." if filled else "",
        qualities_seen="Nauwkeurig, vriendelijk tegen klanten." if filled else "",
        trade_does_not_suit=not_suited,
        other_direction="Misschien iets in de logistiek." if not_suited else "",
        reflection_experience="Leuk en leerzaam." if final and filled else "",
        reflection_expectations="Ja, ik mocht veel zelf doen." if final and filled else "",
        funnel_stage=rng.choice(FunnelStage.values) if final and filled else "",
        agreed_next_step="Aanmelden voor de mbo-opleiding." if final and filled else "",
        follow_up_offer=rng.choice(FollowUpOffer.values)
        if final and filled
        else FollowUpOffer.NONE,
        review_comment=(
            rng.choice(REVIEW_COMMENTS) if EvaluationEvent.Action.RETURNED in steps else ""
        ),
    )


def criterion_scores(world: World, criteria: list[Criterion]) -> Iterator[CriterionScore]:
    """One score per criterion (as ``evaluation_start``); every one filled in once the
    evaluation was submitted, some in a draft that was saved."""
    rng, new = world.rng, builder(CriterionScore)
    for evaluation, _p, steps in world.evaluations:
        complete = evaluation.status != EvaluationStatus.DRAFT
        for criterion in criteria:
            scored = complete or (bool(steps) and rng.random() < 0.5)
            yield new(
                evaluation_id=evaluation.pk,
                criterion_id=criterion.pk,
                score=rng.choices((1, 2, 3, 4), (1, 3, 8, 5))[0] if scored else None,
                remark=rng.choice(REMARKS) if scored else "",
            )


def evaluation_events(world: World) -> Iterator[EvaluationEvent]:
    """Saves and the submission by the company side; the return or approval by a
    coordinator, or by the teacher where the school lets teachers approve."""
    rng, new = world.rng, builder(EvaluationEvent)
    A = EvaluationEvent.Action
    for evaluation, p, steps in world.evaluations:
        reviewer = p.coordinators[0]
        if p.teacher and p.school.teachers_may_approve and rng.random() < 0.5:
            reviewer = p.teacher
        company_side = p.placement.supervisor
        for action, moment in steps:
            school_step = action in (A.RETURNED, A.APPROVED)
            yield new(
                evaluation_id=evaluation.pk,
                action=action,
                by_id=(reviewer if school_step else company_side).pk,
                at=moment,
                comment=evaluation.review_comment if action == A.RETURNED else "",
            )
