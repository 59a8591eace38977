"""Which cached pages a change of an assessment retires (see
``stagegids.core.page_cache`` and ``placements.stamps``): an assessment, its scores and
its history touch the scopes of its placement; the forms and their criteria ``all``.

The scores are written in bulk (no signals) only together with their assessment's own
save or creation (``evaluations.services``), which touches the same scopes."""

from evaluations.models import (
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    FormDefinition,
)
from placements.stamps import of_placement_part, scopes_of_placement_row
from stagegids.core.page_cache import ALL, watch


def evaluation_scopes(evaluation_id: int) -> set[str]:
    """The scopes of the placement of the assessment ``evaluation_id`` (one query)."""
    row = (
        Evaluation.objects.filter(pk=evaluation_id)
        .values_list("placement__school_id", "placement__company_id")
        .first()
    )
    return scopes_of_placement_row(*row) if row else {ALL}


def of_evaluation_part(row) -> set[str]:
    """A score or an event: the scopes of its assessment's placement."""
    if type(row).evaluation.is_cached(row):
        return of_placement_part(row.evaluation)
    return evaluation_scopes(row.evaluation_id)


def watch_models() -> None:
    """Connect the receivers; ``EvaluationsConfig.ready`` calls this once."""
    watch(Evaluation, of_placement_part)
    watch(CriterionScore, of_evaluation_part)
    watch(EvaluationEvent, of_evaluation_part)
    watch(FormDefinition, lambda row: {ALL})
    watch(Criterion, lambda row: {ALL})


__all__ = ["evaluation_scopes", "watch_models"]
