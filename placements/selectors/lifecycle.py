"""Reads for the status actions and history shown on a placement's page."""

from django.utils.translation import gettext as _

from placements.access import PlacementAccess
from placements.enums import PROPOSAL_STATUSES
from placements.models import Placement, PlacementStatus, StatusChange
from placements.services.lifecycle import TRANSITIONS, Transition


def lifecycle_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The transitions ``access`` may start from the current status, each with what is
    still missing, and the history of status changes."""
    actions = [
        {
            "name": transition.name,
            "label": _label(transition, placement),
            "needs_reason": transition.needs_reason,
            "blockers": transition.blockers(placement),
        }
        for transition in TRANSITIONS.values()
        if placement.status in transition.sources and transition.may(access)
    ]
    history = list(placement.status_changes.select_related("by"))
    return {"actions": actions, "history": history, "proposal": _proposal(placement, history)}


def _label(transition: Transition, placement: Placement) -> str:
    # Cancelling a proposal is taking it back: the words its maker expects.
    if transition.name == "cancel" and placement.status in PROPOSAL_STATUSES:
        return _("Withdraw")
    return transition.label


def _proposal(placement: Placement, history: list[StatusChange]) -> dict | None:
    """Who proposed or registered the placement and, once declined, who declined it and
    why; None for a placement that never was a proposal or has been agreed on."""
    if placement.status not in {*PROPOSAL_STATUSES, PlacementStatus.DECLINED}:
        return None
    started = next((change for change in history if not change.from_status), None)
    declined = next((c for c in reversed(history) if c.to_status == PlacementStatus.DECLINED), None)
    return {"started": started, "declined": declined}
