"""Reads of a placement's intake."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from placements.access import PlacementAccess
from placements.enums import InsuranceAnswer, Phase
from placements.models import ChecklistItem, Intake, Placement


def intake_of(placement: Placement) -> Intake | None:
    """The placement's intake, or None; no query when the placement was loaded with it
    (``placement_for_user`` joins it)."""
    try:
        return placement.intake
    except Intake.DoesNotExist:
        return None


def intake_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The intake (or None when nobody filled it in yet) and whether the user may open the
    pupil's support needs. The needs themselves are shown only on their own page, which
    logs every view."""
    intake = intake_of(placement)
    return {
        "intake": intake,
        "may_see_support_needs": access.may_see_support_needs,
        "may_edit_intake": access.may_edit_intake,
    }


def with_start_readiness(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """``placements`` annotated with what stands between them and their first day:
    ``checklist_open`` (an item of the before-the-start checklist is not done) and
    ``insurance_open`` (no intake yet, or either insurance question still "unknown").
    The dashboard's attention list and the reminders ask the same."""
    open_items = ChecklistItem.objects.filter(
        placement=OuterRef("pk"), phase=Phase.BEFORE_START, done_at__isnull=True
    )
    answered = Intake.objects.filter(placement=OuterRef("pk")).exclude(
        Q(insured_material_damage=InsuranceAnswer.UNKNOWN)
        | Q(insured_accidents=InsuranceAnswer.UNKNOWN)
    )
    return placements.annotate(checklist_open=Exists(open_items), insurance_open=~Exists(answered))
