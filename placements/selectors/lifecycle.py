"""Reads for the status actions and history shown on a placement's page."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from placements.access import PlacementAccess
from placements.enums import PROPOSAL_STATUSES
from placements.models import Placement, PlacementStatus, StatusChange
from placements.services.lifecycle import TRANSITIONS, Missing, Transition

#: The step that moves a placement forward from each status, and who takes it.
FORWARD = {
    PlacementStatus.PROPOSED: ("accept", gettext_lazy("someone at the company")),
    PlacementStatus.REGISTERED: ("confirm", gettext_lazy("the school's coordinator")),
    PlacementStatus.DRAFT: ("plan", gettext_lazy("the company or the school's coordinator")),
    PlacementStatus.PLANNED: ("activate", gettext_lazy("the company")),
    PlacementStatus.ACTIVE: ("close", gettext_lazy("the company or the school's coordinator")),
    PlacementStatus.CLOSING: ("complete", gettext_lazy("the school's coordinator")),
}

#: The other answer to a proposal, offered beside accepting or confirming it.
ANSWERS = {"accept": "decline", "confirm": "reject"}


@dataclass(frozen=True)
class NextStep:
    """The placement page's box "Next step": the transition that moves the placement
    forward, who takes it, what it still waits for and the one thing this user can do
    about it (``fix``, the first missing thing they may do), or the step itself."""

    name: str
    label: str
    who: str
    may_take: bool
    missing: list[Missing]
    fix: Missing | None
    #: The other answer to a proposal (decline, reject) when the user may give it.
    answer: dict | None

    @property
    def ready(self) -> bool:
        return self.may_take and not self.missing


def next_step(placement: Placement, access: PlacementAccess) -> NextStep | None:
    """The forward step from the placement's status as ``access`` sees it, or None when
    there is none (finished, declined, cancelled) or it is a proposal the user only waits
    on (its own box says so)."""
    if placement.status not in FORWARD:
        return None
    name, who = FORWARD[placement.status]
    transition = TRANSITIONS[name]
    may_take = transition.may(access)
    if placement.status in PROPOSAL_STATUSES and not may_take:
        return None
    # Accepting chooses the supervisor on its own page: nothing is missing before it.
    missing = [] if name == "accept" else transition.blockers(placement)
    fix = next((m for m in missing if m.action and m.may(access)), None)
    answer = None
    if may_take and name in ANSWERS:
        answer = _action(TRANSITIONS[ANSWERS[name]], placement)
    return NextStep(name, str(transition.label), str(who), may_take, missing, fix, answer)


def _action(transition: Transition, placement: Placement) -> dict:
    return {
        "name": transition.name,
        "label": _label(transition, placement),
        "needs_reason": transition.needs_reason,
    }


def lifecycle_overview(placement: Placement, access: PlacementAccess) -> dict:
    """The transitions ``access`` may start from the current status, the next step
    (``next_step``), the way to stop the placement apart from it (``stop``: cancel or
    withdraw, when the user may), and the history of status changes."""
    actions = [
        _action(transition, placement)
        for transition in TRANSITIONS.values()
        if placement.status in transition.sources and transition.may(access)
    ]
    stop = next((action for action in actions if action["name"] == "cancel"), None)
    history = list(placement.status_changes.select_related("by"))
    return {
        "actions": actions,
        "next_step": next_step(placement, access),
        "stop": stop,
        "history": history,
        "proposal": _proposal(placement, history),
    }


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
