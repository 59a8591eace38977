"""Reads of a placement's intake."""

from placements.models import Intake, Placement
from placements.selectors.access import PlacementAccess


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
        "may_edit_intake": access.is_open
        and (access.company_side or access.school_side or access.is_staff),
    }
