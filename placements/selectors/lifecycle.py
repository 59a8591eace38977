"""Reads for the status actions and history shown on a placement's page."""

from placements.models import Placement
from placements.selectors.access import PlacementAccess
from placements.services.lifecycle import TRANSITIONS


def lifecycle_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The transitions ``access`` may start from the current status, each with what is
    still missing, and the history of status changes."""
    actions = [
        {
            "name": transition.name,
            "label": transition.label,
            "needs_reason": transition.needs_reason,
            "blockers": transition.blockers(placement),
        }
        for transition in TRANSITIONS.values()
        if placement.status in transition.sources and transition.may(access)
    ]
    history = list(placement.status_changes.select_related("by"))
    return {"actions": actions, "history": history}
