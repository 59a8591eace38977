"""Placements that start as a proposal: the school's to a company, or the company's for a
pupil who came to it directly. Answering them is a transition (``services.lifecycle``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from companies.models import CompanyMembership
from placements.access import may_propose
from placements.enums import NotificationKind
from placements.models import (
    Placement,
    PlacementStatus,
    StatusChange,
)
from placements.services import notifications
from placements.services.core import placement_save
from placements.services.lifecycle import placement_confirm
from placements.services.messages import message_post
from stagegids.core.models import User


def _record_start(placement: Placement, *, by: User, note: str) -> None:
    # The first row of the history says who proposed it; the note opens the thread.
    StatusChange.objects.create(
        placement=placement, from_status="", to_status=placement.status, by=by
    )
    if note.strip():
        # The proposal's own email carries the note: no second email about the message.
        message_post(placement, author=by, body=note, notify=False)


@transaction.atomic
def placement_propose(placement: Placement, *, by: User, note: str = "") -> Placement:
    """The school proposes ``placement`` (pupil, company, kind, period, hours; no
    supervisor: the company chooses one on accepting) to the company.

    ``by`` must coordinate the pupil's school, or be an admin.

    Side effects: inserts the placement with status proposed (its checklist and mid-term
    feedback moment as ``placement_save``), a StatusChange naming ``by``, and ``note`` as
    the first message of its thread; after the commit, an email to everyone at the
    company (``notifications``). Raises PermissionDenied for anyone else and
    ValidationError (keyed by field) when a rule is broken; then nothing is saved.
    """
    if not may_propose(by, school_id=placement.student.school_id):
        raise PermissionDenied
    placement.status = PlacementStatus.PROPOSED
    placement.supervisor = None
    placement_save(placement, by=by)
    _record_start(placement, by=by, note=note)
    notifications.notify(
        NotificationKind.PROPOSAL_RECEIVED,
        placement=placement,
        recipients=notifications.company_members(placement),
        by=by,
        extra={"note": note.strip()},
    )
    return placement


@transaction.atomic
def placement_register(placement: Placement, *, by: User, note: str = "") -> Placement:
    """The company registers ``placement`` for a pupil who approached it directly; the
    pupil's school confirms or declines it.

    ``by`` must work at the placement's company. A company admin may name any colleague as
    the supervisor; anyone else supervises the placement they register themselves.

    Side effects: inserts the placement with status registered (its checklist and mid-term
    feedback moment as ``placement_save``), a StatusChange naming ``by``, and ``note`` as
    the first message of its thread; after the commit, an email to the school's
    coordinators. Raises PermissionDenied or ValidationError as
    ``placement_propose``; then nothing is saved.
    """
    membership = CompanyMembership.objects.filter(user=by, company_id=placement.company_id).first()
    if membership is None and not by.is_staff:
        raise PermissionDenied
    if membership is not None and not membership.is_company_admin:
        placement.supervisor = by
    placement.status = PlacementStatus.REGISTERED
    placement_save(placement, by=by)
    _record_start(placement, by=by, note=note)
    notifications.notify(
        NotificationKind.REGISTRATION_RECEIVED,
        placement=placement,
        recipients=notifications.coordinators(placement),
        by=by,
        extra={"note": note.strip()},
    )
    return placement


def placements_confirm_many(placements: QuerySet[Placement], *, by: User) -> tuple[int, int]:
    """Confirm every company registration among ``placements`` (already scoped to ``by``)
    that ``by`` may confirm; return how many were confirmed and how many were not.

    Each confirmation is its own transaction (``placement_confirm``): one that is refused,
    because it is no longer waiting or ``by`` does not coordinate its school, leaves the
    others alone. Side effects: as ``placement_confirm`` per confirmed placement.
    """
    confirmed = refused = 0
    # In pk order, so two bulk confirmations at once lock their placements in one order.
    for placement in placements.order_by("pk"):
        try:
            placement_confirm(placement, by=by)
        except (PermissionDenied, ValidationError):
            refused += 1
        else:
            confirmed += 1
    return confirmed, refused
