"""Reads of a placement's intake."""

from placements.access import PlacementAccess
from placements.models import Intake, Placement


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
