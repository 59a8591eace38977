"""The transitions of a placement's status, each with its guards and who may do it.

draft → planned → active → closing → completed, and from any open status to cancelled.
Every transition locks the placement row, checks the status again (two tabs cannot
move it twice), checks who asks and what is missing, then records a StatusChange.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from evaluations.models import EvaluationKind, EvaluationStatus
from placements.models import Phase, Placement, PlacementStatus, StatusChange
from placements.selectors.access import PlacementAccess, placement_access
from placements.selectors.intake import intake_of
from stagegids.models import User

S = PlacementStatus


def _company(access: PlacementAccess) -> bool:
    return access.company_side or access.is_staff


def _company_or_coordinator(access: PlacementAccess) -> bool:
    return access.company_side or access.is_coordinator or access.is_staff


def _coordinator(access: PlacementAccess) -> bool:
    return access.is_coordinator or access.is_staff


def _open_items(placement: Placement, phase: Phase) -> int:
    return placement.checklist_items.filter(phase=phase, done_at__isnull=True).count()


def _plan_blockers(placement: Placement) -> list[str]:
    if placement.supervisor_id is None:
        return [_("Choose the supervisor who guides the intern.")]
    return []


def _activate_blockers(placement: Placement) -> list[str]:
    blockers = []
    if open_items := _open_items(placement, Phase.BEFORE_START):
        blockers.append(
            ngettext(
                "Finish the before-the-start checklist: %(count)s item is still open.",
                "Finish the before-the-start checklist: %(count)s items are still open.",
                open_items,
            )
            % {"count": open_items}
        )
    intake = intake_of(placement)
    if intake is None or not intake.insurance_answered:
        blockers.append(
            _(
                "Answer in the intake whether the school insures the pupil for material "
                "damage and for accidents."
            )
        )
    return blockers


def _complete_blockers(placement: Placement) -> list[str]:
    blockers = []
    if open_items := _open_items(placement, Phase.CLOSING):
        blockers.append(
            ngettext(
                "Finish the closing checklist: %(count)s item is still open.",
                "Finish the closing checklist: %(count)s items are still open.",
                open_items,
            )
            % {"count": open_items}
        )
    if not placement.evaluations.filter(
        kind=EvaluationKind.FINAL, status=EvaluationStatus.APPROVED
    ).exists():
        blockers.append(_("The school has to approve the final assessment first."))
    return blockers


def _no_blockers(placement: Placement) -> list[str]:
    return []


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    may: Callable[[PlacementAccess], bool]
    blockers: Callable[[Placement], list[str]]
    needs_reason: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "plan", gettext_lazy("Plan"), frozenset({S.DRAFT}), S.PLANNED,
            _company_or_coordinator, _plan_blockers,
        ),
        Transition(
            "activate", gettext_lazy("Start the internship"), frozenset({S.PLANNED}), S.ACTIVE,
            _company, _activate_blockers,
        ),
        Transition(
            "close", gettext_lazy("Start closing"), frozenset({S.ACTIVE}), S.CLOSING,
            _company_or_coordinator, _no_blockers,
        ),
        Transition(
            "complete", gettext_lazy("Complete"), frozenset({S.CLOSING}), S.COMPLETED,
            _coordinator, _complete_blockers,
        ),
        Transition(
            "cancel", gettext_lazy("Cancel"),
            frozenset({S.DRAFT, S.PLANNED, S.ACTIVE, S.CLOSING}), S.CANCELLED,
            _company_or_coordinator, _no_blockers, needs_reason=True,
        ),
    ]
}  # fmt: skip


@transaction.atomic
def _transition(placement: Placement, name: str, *, by: User, reason: str = "") -> Placement:
    transition = TRANSITIONS[name]
    locked = Placement.objects.select_for_update().select_related("student").get(pk=placement.pk)
    if not transition.may(placement_access(by, locked)):
        raise PermissionDenied
    if locked.status not in transition.sources:
        raise ValidationError(
            _("This placement is %(status)s, so “%(action)s” is not possible.")
            % {"status": locked.get_status_display(), "action": transition.label}
        )
    if transition.needs_reason and not reason.strip():
        raise ValidationError(_("Give a reason."))
    if blockers := transition.blockers(locked):
        raise ValidationError(blockers)
    StatusChange.objects.create(
        placement=locked,
        from_status=locked.status,
        to_status=transition.target,
        by=by,
        reason=reason.strip(),
    )
    locked.status = transition.target
    locked.save(update_fields=["status", "updated_at"])
    placement.status = locked.status
    return locked


def placement_plan(placement: Placement, *, by: User) -> Placement:
    """draft → planned, by the company side, a coordinator or an admin, once a supervisor is
    chosen. Side effects: status and a StatusChange row. Raises PermissionDenied or
    ValidationError (with every missing thing) and changes nothing then."""
    return _transition(placement, "plan", by=by)


def placement_activate(placement: Placement, *, by: User) -> Placement:
    """planned → active, by the company side or an admin, once the before-the-start
    checklist is done and the insurance questions are answered. Side effects and errors as
    ``placement_plan``."""
    return _transition(placement, "activate", by=by)


def placement_start_closing(placement: Placement, *, by: User) -> Placement:
    """active → closing, by the company side, a coordinator or an admin. Side effects and
    errors as ``placement_plan``."""
    return _transition(placement, "close", by=by)


def placement_complete(placement: Placement, *, by: User) -> Placement:
    """closing → completed, by a coordinator or an admin, once the closing checklist is done
    and the final assessment is approved. Side effects and errors as ``placement_plan``."""
    return _transition(placement, "complete", by=by)


def placement_cancel(placement: Placement, *, by: User, reason: str) -> Placement:
    """Any open status → cancelled, with a reason, by the company side, a coordinator or an
    admin. Side effects and errors as ``placement_plan``."""
    return _transition(placement, "cancel", by=by, reason=reason)


TRANSITION_SERVICES = {
    "plan": placement_plan,
    "activate": placement_activate,
    "close": placement_start_closing,
    "complete": placement_complete,
}
