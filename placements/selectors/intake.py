"""Reads of a placement's intake."""

from placements.models import Intake, Placement
from placements.selectors.access import PlacementAccess


def intake_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The intake (or None when nobody filled it in yet) and whether the user may open the
    pupil's support needs. The needs themselves are shown only on their own page, which
    logs every view."""
    intake = Intake.objects.filter(placement=placement).first()
    return {
        "intake": intake,
        "may_see_support_needs": access.may_see_support_needs,
        "may_edit_intake": access.is_open
        and (access.company_side or access.school_side or access.is_staff),
    }
