"""The transitions of a placement's status, each with its guards and who may do it.

draft → planned → active → closing → completed, and from any open status to cancelled.
A proposal comes before planned: the school's (proposed) is accepted or declined by the
company, the company's (registered) is confirmed or declined by the school.
Every transition locks the placement row, checks the status again (two tabs cannot
move it twice), checks who asks and what is missing, then records a StatusChange.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from placements.access import PlacementAccess, placement_access
from placements.enums import NotificationKind
from placements.models import Phase, Placement, PlacementStatus, StatusChange
from placements.selectors.intake import intake_of
from placements.services import notifications
from placements.services.core import placement_rule_errors
from placements.working_time import band_of, needs_school_confirmation, plan_problems
from stagegids.core.models import User

S = PlacementStatus


@dataclass(frozen=True)
class Missing:
    """One thing a transition still waits for, as the placement page shows it.

    ``text`` says what is missing; ``href`` is where it is done (a section of the
    placement page, or another page), ``action`` the words of the button that goes there,
    ``post`` True when that button posts (starting an assessment) rather than links, and
    ``may`` the rule of ``placements.access`` that says who can do it. A ValidationError
    of a refused transition carries the texts."""

    text: str
    href: str = ""
    action: str = ""
    may: Callable[[PlacementAccess], bool] = field(default=lambda access: False)
    post: bool = False

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class _ForTheSchool:
    """Stands in for the open items of a phase: whether the school may tick any of them."""

    school_may_tick: bool


def _open_checklist(
    placement: Placement, phase: Phase, message: Callable[[int], str]
) -> list[Missing]:
    """The phase's open items: one Missing that counts them (``message`` of the count)
    and links to the phase; in one query."""
    counts = placement.checklist_items.filter(phase=phase, done_at__isnull=True).aggregate(
        open=Count("pk"), for_school=Count("pk", filter=Q(school_may_tick=True))
    )
    if not counts["open"]:
        return []
    school_may_tick = _ForTheSchool(school_may_tick=bool(counts["for_school"]))
    return [
        Missing(
            message(counts["open"]) % {"count": counts["open"]},
            href=f"#phase-{phase}",
            action=_("Go to the checklist"),
            may=lambda access: access.is_open and access.may_tick(school_may_tick),
        )
    ]


def _plan_blockers(placement: Placement) -> list[Missing]:
    if placement.supervisor_id is None:
        return [Missing(_("Choose the supervisor who guides the intern."))]
    return []


def _activate_blockers(placement: Placement) -> list[Missing]:
    blockers = _open_checklist(
        placement,
        Phase.BEFORE_START,
        lambda count: ngettext(
            "Finish the before-the-start checklist: %(count)s item is still open.",
            "Finish the before-the-start checklist: %(count)s items are still open.",
            count,
        ),
    )
    blockers += _working_time_blockers(placement)
    intake = intake_of(placement)
    if intake is None or not intake.insurance_answered:
        blockers.append(
            Missing(
                _(
                    "Answer in the intake whether the school insures the pupil for material "
                    "damage and for accidents."
                ),
                href="#intake",
                action=_("Go to the intake"),
                may=attrgetter("may_edit_intake"),
            )
        )
    return blockers


def _working_time_blockers(placement: Placement) -> list[Missing]:
    """The law for minors: the age stated, the plan within its band's limits, and the
    school's confirmation where no limits decide."""
    state = _("Go to working time")
    if placement.pupil_age is None:
        return [
            Missing(
                _("The school states the pupil's age on the first day."),
                href="#working-time",
                action=state,
                may=attrgetter("may_state_age"),
            )
        ]
    if needs_school_confirmation(placement):
        if placement.age_rules_confirmed_at is not None:
            return []
        return [
            Missing(
                _("The school confirms that the placement fits the rules for a pupil of %(age)s.")
                % {"age": placement.pupil_age},
                href="#working-time",
                action=state,
                may=attrgetter("may_state_age"),
            )
        ]
    return [
        Missing(message, href="#working-time", action=state, may=attrgetter("is_staff"))
        for message in plan_problems(placement, band_of(placement)).values()
    ]


def _close_blockers(placement: Placement) -> list[Missing]:
    return _open_checklist(
        placement,
        Phase.FIRST_DAY,
        lambda count: ngettext(
            "Finish the first-day checklist: %(count)s item is still open.",
            "Finish the first-day checklist: %(count)s items are still open.",
            count,
        ),
    )


#: What an app above placements requires before a placement completes: a function of the
#: (locked) placement returning what is still missing.
CompletionCheck = Callable[[Placement], list[Missing]]
_completion_checks: list[CompletionCheck] = []


def register_completion_check(check: CompletionCheck) -> None:
    """Add ``check`` to what "complete" requires, once (calling it twice changes nothing).

    The one rule that runs upward: a placement completes only with an approved final
    assessment, and assessments belong to ``evaluations``, which sits above this app.
    So ``evaluations`` registers that rule here from its ``AppConfig.ready()``
    (``evaluations.apps``); placements never imports evaluations.
    """
    if check not in _completion_checks:
        _completion_checks.append(check)


def _complete_blockers(placement: Placement) -> list[Missing]:
    blockers = _open_checklist(
        placement,
        Phase.CLOSING,
        lambda count: ngettext(
            "Finish the closing checklist: %(count)s item is still open.",
            "Finish the closing checklist: %(count)s items are still open.",
            count,
        ),
    )
    for check in _completion_checks:
        blockers.extend(check(placement))
    return blockers


def _no_blockers(placement: Placement) -> list[Missing]:
    return []


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    #: The rule in ``placements.access`` that says who may take this step.
    may: Callable[[PlacementAccess], bool]
    blockers: Callable[[Placement], list[Missing]]
    needs_reason: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "accept", gettext_lazy("Accept"), frozenset({S.PROPOSED}), S.PLANNED,
            attrgetter("may_answer_proposal"), _plan_blockers,
        ),
        Transition(
            "decline", gettext_lazy("Decline"), frozenset({S.PROPOSED}), S.DECLINED,
            attrgetter("may_answer_proposal"), _no_blockers, needs_reason=True,
        ),
        Transition(
            "confirm", gettext_lazy("Confirm"), frozenset({S.REGISTERED}), S.PLANNED,
            attrgetter("may_answer_registration"), _plan_blockers,
        ),
        Transition(
            "reject", gettext_lazy("Decline"), frozenset({S.REGISTERED}), S.DECLINED,
            attrgetter("may_answer_registration"), _no_blockers, needs_reason=True,
        ),
        Transition(
            "plan", gettext_lazy("Plan"), frozenset({S.DRAFT}), S.PLANNED,
            attrgetter("may_plan"), _plan_blockers,
        ),
        Transition(
            "activate", gettext_lazy("Start the internship"), frozenset({S.PLANNED}), S.ACTIVE,
            attrgetter("may_start"), _activate_blockers,
        ),
        Transition(
            "close", gettext_lazy("Start closing"), frozenset({S.ACTIVE}), S.CLOSING,
            attrgetter("may_start_closing"), _close_blockers,
        ),
        Transition(
            "complete", gettext_lazy("Complete"), frozenset({S.CLOSING}), S.COMPLETED,
            attrgetter("may_complete"), _complete_blockers,
        ),
        Transition(
            "cancel", gettext_lazy("Cancel"),
            frozenset({S.PROPOSED, S.REGISTERED, S.DRAFT, S.PLANNED, S.ACTIVE, S.CLOSING}),
            S.CANCELLED,
            attrgetter("may_cancel"), _no_blockers, needs_reason=True,
        ),
    ]
}  # fmt: skip


@transaction.atomic
def _transition(
    placement: Placement,
    name: str,
    *,
    by: User,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> Placement:
    """Check and record transition ``name``; ``changes`` are fields set in the same step
    (the supervisor chosen on accepting), checked against every rule before saving."""
    transition = TRANSITIONS[name]
    locked = (
        Placement.objects.select_for_update()
        .select_related("student__school", "company")
        .get(pk=placement.pk)
    )
    if not transition.may(placement_access(by, locked)):
        raise PermissionDenied
    if locked.status not in transition.sources:
        raise ValidationError(
            _("This placement is %(status)s, so “%(action)s” is not possible.")
            % {"status": locked.get_status_display(), "action": transition.label}
        )
    if transition.needs_reason and not reason.strip():
        raise ValidationError(_("Give a reason."))
    for attribute, value in (changes or {}).items():
        setattr(locked, attribute, value)
    if changes and (errors := placement_rule_errors(locked)):
        raise ValidationError(errors)
    if blockers := transition.blockers(locked):
        raise ValidationError([blocker.text for blocker in blockers])
    StatusChange.objects.create(
        placement=locked,
        from_status=locked.status,
        to_status=transition.target,
        by=by,
        reason=reason.strip(),
    )
    locked.status = transition.target
    locked.save(update_fields=["status", "updated_at", *(changes or {})])
    placement.status = locked.status
    for attribute in changes or {}:
        setattr(placement, attribute, getattr(locked, attribute))
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
    and every registered completion check passes (``register_completion_check``: the
    final assessment is approved). Side effects and errors as ``placement_plan``."""
    return _transition(placement, "complete", by=by)


def placement_cancel(placement: Placement, *, by: User, reason: str) -> Placement:
    """Any open status → cancelled, with a reason, by the company side, a coordinator or an
    admin. Side effects and errors as ``placement_plan``."""
    return _transition(placement, "cancel", by=by, reason=reason)


@transaction.atomic
def placement_accept(placement: Placement, *, by: User, supervisor: User | None) -> Placement:
    """proposed → planned: someone at the company (or an admin) accepts the school's
    proposal and chooses who supervises the intern, a member of the company.

    Side effects: sets the supervisor and the status, adds a StatusChange; after the
    commit, an email to whoever proposed it. Raises PermissionDenied for anyone else,
    ValidationError (keyed ``supervisor`` for a supervisor from elsewhere) when a rule is
    broken; then nothing changes."""
    locked = _transition(placement, "accept", by=by, changes={"supervisor": supervisor})
    _tell_the_proposer(locked, by=by)
    return locked


@transaction.atomic
def placement_decline(placement: Placement, *, by: User, reason: str) -> Placement:
    """proposed → declined by the company, or registered → declined by the school, with a
    reason the other side reads; after the commit, an email to whoever proposed or
    registered it. Side effects and errors as ``placement_plan``."""
    name = "reject" if placement.status == PlacementStatus.REGISTERED else "decline"
    locked = _transition(placement, name, by=by, reason=reason)
    _tell_the_proposer(locked, by=by, reason=reason.strip())
    return locked


@transaction.atomic
def placement_confirm(placement: Placement, *, by: User) -> Placement:
    """registered → planned: a coordinator of the pupil's school (or an admin) confirms the
    placement the company registered; after the commit, an email to whoever registered
    it. Side effects and errors as ``placement_plan``."""
    locked = _transition(placement, "confirm", by=by)
    _tell_the_proposer(locked, by=by)
    return locked


def _tell_the_proposer(placement: Placement, *, by: User, reason: str = "") -> None:
    """The answer to a proposal goes to the one who made it: the first StatusChange."""
    first = placement.status_changes.select_related("by").order_by("at", "pk").first()
    proposed = first.to_status if first else ""
    kind = (
        NotificationKind.PROPOSAL_ANSWERED
        if proposed == PlacementStatus.PROPOSED
        else NotificationKind.REGISTRATION_ANSWERED
    )
    recipients = [first.by] if first and first.by and first.by.is_active else []
    notifications.notify(
        kind, placement=placement, recipients=recipients, by=by, extra={"reason": reason}
    )


TRANSITION_SERVICES = {
    "confirm": placement_confirm,
    "plan": placement_plan,
    "activate": placement_activate,
    "close": placement_start_closing,
    "complete": placement_complete,
}
